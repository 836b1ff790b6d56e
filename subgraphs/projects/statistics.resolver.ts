import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../shared/errors.js';
import type { RequestContext } from '../toolkit/context.js';
import { ProjectStatisticsArgs } from './project.inputs.js';
import type { ProjectLoaders } from './project.loader.js';
import { projectStatistics } from './project.statistics.js';
import { Topic } from './project.type.js';
import { OrganizationInvolvement, ProjectStatistics, ProjectTopicCount } from './statistics.type.js';

const MAX_ORGANIZATIONS = 500;

type Context = RequestContext<ProjectLoaders>;

@Resolver(() => ProjectTopicCount)
export class ProjectStatisticsResolver {
  @Query(() => ProjectStatistics, {
    description: 'Figures about the projects matching a filter (the same filter as `projects`): counts by topic, status and Kreis, financing by source. Computed in SQL.',
  })
  async projectStatistics(@Args(() => ProjectStatisticsArgs) args: ProjectStatisticsArgs, @Ctx() { em }: Context) {
    const { byOrganization, ...statistics } = (await projectStatistics(em, args.filter)) as ProjectStatistics & { byOrganization: ProjectStatistics['byOrganizationRows'] };
    return { ...statistics, byOrganizationRows: byOrganization };
  }

  @FieldResolver(() => Topic, { description: 'The topic.' })
  topic(@Root() row: { key: string }, @Ctx() { loaders }: Context) {
    return loaders.topicByKey.load(row.key);
  }
}

@Resolver(() => ProjectStatistics)
export class ProjectStatisticsFieldsResolver {
  @FieldResolver(() => [OrganizationInvolvement], {
    description: 'Organizations by their involvement in the matching projects: most projects (led + joined) first, then most led, then by id. '
      + 'Whom to ask, and who carries the work.',
  })
  byOrganization(
    @Root() statistics: ProjectStatistics,
    @Arg('first', () => Int, { nullable: true, description: `How many organizations, 1 to ${MAX_ORGANIZATIONS} (default 50).` }) first: number | undefined,
  ): OrganizationInvolvement[] {
    const count = first ?? 50;
    if (!Number.isInteger(count) || count < 1 || count > MAX_ORGANIZATIONS) throw new BadUserInputError(`first must be between 1 and ${MAX_ORGANIZATIONS}`, 'first');
    return statistics.byOrganizationRows.slice(0, count).map((row) => ({
      organization: { id: row.organizationId },
      projectsLed: row.projectsLed,
      projectsJoined: row.projectsJoined,
      projects: row.projectsLed + row.projectsJoined,
    }));
  }
}
