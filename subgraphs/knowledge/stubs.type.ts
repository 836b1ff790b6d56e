import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * Entities owned by other subgraphs, as far as this one knows them: the key, plus the fields this
 * subgraph contributes (added by the resolvers in organization.resolver.ts and project.resolver.ts).
 * The classes carry their own names because type-graphql keeps one metadata store per process and
 * the organizations subgraph registers a class for `Organization` too; the GraphQL names come from
 * the decorators. The types and their keys carry no description here on purpose: composition would
 * otherwise pick one of two differing descriptions, and the owner's is the one that counts.
 */

@Directive('@key(fields: "id")')
@ObjectType('Organization')
export class OrganizationReference {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "key", resolvable: false)')
@ObjectType('Topic')
export class TopicReference {
  @Field(() => String)
  key!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Project')
export class ProjectReference {
  @Field(() => ID)
  id!: string;

  // Owned by the projects subgraph; arrive only where a field @requires them (recommendedResources).
  @Directive('@external')
  @Field(() => [String])
  keywords?: string[];

  @Directive('@external')
  @Field(() => [TopicReference])
  topics?: TopicReference[];
}
