import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, pageSize } from '../toolkit/connection.js';
import { BadUserInputError } from '../../shared/errors.js';
import type { RequestContext } from '../toolkit/context.js';
import type { ProjectLoaders } from './project.loader.js';
import { OrganizationExperience, OrganizationExperienceConnection, Topic } from './project.type.js';
import { TopicEntity } from './topic.entity.js';

type Context = RequestContext<ProjectLoaders>;

@Resolver(() => Topic)
export class TopicResolver {
  @Query(() => [Topic], { description: 'All topics, in name order.' })
  topics(@Ctx() { em }: Context) {
    return em.find(TopicEntity, {}, { orderBy: { name: 'asc' } });
  }

  @Query(() => Topic, { nullable: true, description: 'One topic by key; null when none matches.' })
  topic(@Arg('key', () => String, { description: 'The topic\'s key, e.g. `leader`.' }) key: string, @Ctx() { loaders }: Context) {
    return loaders.topicByKey.load(key);
  }

  @FieldResolver(() => [OrganizationExperience], {
    description: 'Organizations that led or joined projects on this topic, ordered by involvement: most projects first, then most led, ties in a stable order (by id): '
      + 'whom to ask about it ("voneinander Lernen"). Archived projects and sample records do not count. `experiencedOrganizationsConnection` gives the same list a page at a time.',
  })
  async experiencedOrganizations(@Root() topic: TopicEntity, @Ctx() { loaders }: Context): Promise<OrganizationExperience[]> {
    const rows = await loaders.experienceByTopicKey.load(topic.key);
    return rows.map((row) => ({
      organization: { id: row.organization_id },
      projectsLed: row.projects_led,
      projectsJoined: row.projects_joined,
      projects: row.projects,
    }));
  }

  @FieldResolver(() => OrganizationExperienceConnection, {
    description: 'The organizations of `experiencedOrganizations` as a Relay connection, in the same order: most projects first, then most led, then by id.',
  })
  async experiencedOrganizationsConnection(@Root() topic: TopicEntity, @Args(() => PageArgs) args: PageArgs, @Ctx() context: Context): Promise<OrganizationExperienceConnection> {
    const first = pageSize(args.first);
    // The cursor is the position in the ordered list ("e:<n>", base64url).
    const decoded = args.after == null ? null : /^e:(\d{1,6})$/.exec(Buffer.from(args.after, 'base64url').toString('utf8'));
    if (args.after != null && !decoded) throw new BadUserInputError('after is not a cursor of this list', 'after');
    const start = decoded ? Number(decoded[1]) + 1 : 0;
    const all = await this.experiencedOrganizations(topic, context);
    const cursor = (index: number) => Buffer.from(`e:${index}`).toString('base64url');
    const edges = all.slice(start, start + first).map((node, offset) => ({ cursor: cursor(start + offset), node }));
    return {
      edges,
      pageInfo: { hasNextPage: start + first < all.length, hasPreviousPage: start > 0, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: all.length,
    };
  }
}
