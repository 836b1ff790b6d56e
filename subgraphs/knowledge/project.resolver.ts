import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../toolkit/context.js';
import { BadUserInputError } from '../../shared/errors.js';
import type { KnowledgeLoaders } from './resource.loader.js';
import { KnowledgeResource } from './resource.type.js';
import { ProjectReference } from './stubs.type.js';

type Context = RequestContext<KnowledgeLoaders>;

const MAX_RECOMMENDATIONS = 50;

/** What the knowledge subgraph adds to `Project`. */
@Resolver(() => ProjectReference)
export class ProjectResourcesResolver {
  @FieldResolver(() => [KnowledgeResource], { nullable: true, description: 'Knowledge resources related to this project, newest publication first (undated last), then by title; archived ones are left out. Null when the knowledge subgraph is unavailable.' })
  resources(@Root() project: ProjectReference, @Ctx() { loaders }: Context) {
    return loaders.resourcesByProjectId.load(project.id);
  }

  @Directive('@requires(fields: "keywords topics { key }")')
  @FieldResolver(() => [KnowledgeResource], {
    nullable: true,
    description: 'Knowledge resources to learn from for this project ("voneinander Lernen"): those sharing its topics or matching its Stichworte, most shared topics and best keyword match first; its own resources and archived ones are left out.',
  })
  recommendedResources(
    @Root() project: ProjectReference,
    @Arg('first', () => Int, { nullable: true, description: `How many resources, 1 to ${MAX_RECOMMENDATIONS} (default 5).` }) first: number | undefined,
    @Ctx() { loaders }: Context,
  ) {
    const size = first ?? 5;
    if (!Number.isInteger(size) || size < 1 || size > MAX_RECOMMENDATIONS) throw new BadUserInputError(`first must be between 1 and ${MAX_RECOMMENDATIONS}`, 'first');
    return loaders.recommendedResources.load({
      projectId: project.id,
      first: size,
      topicKeys: (project.topics ?? []).map((topic) => topic.key),
      keywords: project.keywords ?? [],
    });
  }
}
