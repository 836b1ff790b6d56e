import { Field, Int, ObjectType } from 'type-graphql';
import { ResourceKind } from './resource.entity.js';
import { TopicReference } from './stubs.type.js';

@ObjectType({ description: 'Number of knowledge resources of one kind.' })
export class ResourceKindCount {
  @Field(() => ResourceKind, { description: 'The kind.' })
  kind!: ResourceKind;

  @Field(() => Int, { description: 'Resources of it.' })
  count!: number;
}

@ObjectType({ description: 'Number of knowledge resources on one topic.' })
export class ResourceTopicCount {
  @Field(() => TopicReference, { description: 'The topic (from the projects subgraph).' })
  topic!: TopicReference;

  @Field(() => Int, { description: 'Resources on it.' })
  count!: number;
}

@ObjectType({ description: 'Figures about the knowledge resources matching a filter, for analysts. Computed in the database.' })
export class KnowledgeStatistics {
  @Field(() => Int, { description: 'Resources matching the filter.' })
  totalCount!: number;

  @Field(() => [ResourceKindCount], { description: 'Resources per kind, most first.' })
  byKind!: ResourceKindCount[];

  @Field(() => [ResourceTopicCount], { description: 'Resources per topic, most first; a resource with several topics counts for each.' })
  byTopic!: { key: string; count: number }[];
}
