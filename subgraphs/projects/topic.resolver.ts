import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../toolkit/context.js';
import type { ProjectLoaders } from './project.loader.js';
import { OrganizationExperience, Topic } from './project.type.js';
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
    description: 'Organizations that led or joined projects on this topic, most projects first: whom to ask about it ("voneinander Lernen"). Archived projects do not count.',
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
}
