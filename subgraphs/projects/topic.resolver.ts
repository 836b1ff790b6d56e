import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../toolkit/context.js';
import type { ProjectLoaders } from './project.loader.js';
import { Topic } from './project.type.js';
import { TopicEntity } from './topic.entity.js';

@Resolver(() => Topic)
export class TopicResolver {
  @Query(() => [Topic], { description: 'All topics, in name order.' })
  topics(@Ctx() { em }: RequestContext<ProjectLoaders>) {
    return em.find(TopicEntity, {}, { orderBy: { name: 'asc' } });
  }

  @Query(() => Topic, { nullable: true, description: 'One topic by key; null when none matches.' })
  topic(@Arg('key', () => String) key: string, @Ctx() { loaders }: RequestContext<ProjectLoaders>) {
    return loaders.topicByKey.load(key);
  }
}
