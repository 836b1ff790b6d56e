import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../toolkit/context.js';
import type { KnowledgeLoaders } from './resource.loader.js';
import { KnowledgeResource } from './resource.type.js';
import { ProjectReference } from './stubs.type.js';

type Context = RequestContext<KnowledgeLoaders>;

/** What the knowledge subgraph adds to `Project`. */
@Resolver(() => ProjectReference)
export class ProjectResourcesResolver {
  @FieldResolver(() => [KnowledgeResource], { nullable: true, description: 'Knowledge resources related to this project, newest publication first (undated last), then by title; archived ones are left out. Null when the knowledge subgraph is unavailable.' })
  resources(@Root() project: ProjectReference, @Ctx() { loaders }: Context) {
    return loaders.resourcesByProjectId.load(project.id);
  }
}
