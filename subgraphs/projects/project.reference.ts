import type { RequestContext } from '../toolkit/context.js';
import type { ProjectLoaders } from './project.loader.js';
import type { TopicCoverage } from './coverage.type.js';
import type { OrganizationReference, Project, Topic } from './project.type.js';

type Context = RequestContext<ProjectLoaders>;

/** Entity references from the gateway, batched per request. */
export const projectReferences = {
  Project: { __resolveReference: (reference: Pick<Project, 'id'>, { loaders }: Context) => loaders.projectById.load(reference.id) },
  Topic: { __resolveReference: (reference: Pick<Topic, 'key'>, { loaders }: Context) => loaders.topicByKey.load(reference.key) },
  // Organization fields added here need only the id: no database work to resolve the reference.
  Organization: { __resolveReference: (reference: OrganizationReference) => reference },
  // The representation carries what the coverage fields @require: no lookup here either.
  TopicCoverage: { __resolveReference: (reference: TopicCoverage) => reference },
};
