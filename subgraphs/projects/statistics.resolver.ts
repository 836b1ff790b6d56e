import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../toolkit/context.js';
import { ProjectStatisticsArgs } from './project.inputs.js';
import type { ProjectLoaders } from './project.loader.js';
import { projectStatistics } from './project.statistics.js';
import { Topic } from './project.type.js';
import { ProjectStatistics, ProjectTopicCount } from './statistics.type.js';

type Context = RequestContext<ProjectLoaders>;

@Resolver(() => ProjectTopicCount)
export class ProjectStatisticsResolver {
  @Query(() => ProjectStatistics, {
    description: 'Figures about the projects matching a filter (the same filter as `projects`): counts by topic, status and Kreis, financing by source. Computed in SQL.',
  })
  projectStatistics(@Args(() => ProjectStatisticsArgs) args: ProjectStatisticsArgs, @Ctx() { em }: Context) {
    return projectStatistics(em, args.filter);
  }

  @FieldResolver(() => Topic, { description: 'The topic.' })
  topic(@Root() row: { key: string }, @Ctx() { loaders }: Context) {
    return loaders.topicByKey.load(row.key);
  }
}
