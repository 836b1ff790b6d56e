import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../toolkit/context.js';
import { KnowledgeStatisticsArgs } from './resource.inputs.js';
import type { KnowledgeLoaders } from './resource.loader.js';
import { knowledgeStatistics } from './resource.statistics.js';
import { KnowledgeStatistics, ResourceTopicCount } from './statistics.type.js';
import { TopicReference } from './stubs.type.js';

@Resolver(() => ResourceTopicCount)
export class KnowledgeStatisticsResolver {
  @Query(() => KnowledgeStatistics, {
    description: 'Figures about the knowledge resources matching a filter (the same filter as `knowledgeResources`): counts by kind and topic. Computed in SQL.',
  })
  knowledgeStatistics(@Args(() => KnowledgeStatisticsArgs) args: KnowledgeStatisticsArgs, @Ctx() { em }: RequestContext<KnowledgeLoaders>) {
    return knowledgeStatistics(em, args.filter);
  }

  @FieldResolver(() => TopicReference, { description: 'The topic (from the projects subgraph).' })
  topic(@Root() row: { key: string }): TopicReference {
    return { key: row.key };
  }
}
