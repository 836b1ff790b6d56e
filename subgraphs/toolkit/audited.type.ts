import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';

/**
 * The version and audit fields every mutable record shows (BaseEntity holds them in the
 * database). GraphQL types of such records extend this class instead of repeating them.
 */
@ObjectType()
export abstract class AuditedRecord {
  @Field(() => Int, { description: 'Version for optimistic locking: name the version you read when you change this record.' })
  version!: number;

  @Field(() => GraphQLISODateTime, { description: 'When the record was created.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the record was last changed.' })
  updatedAt!: Date;

  @Field(() => String, { description: 'Who created the record (partner slug, or "seed").' })
  createdBy!: string;

  @Field(() => String, { description: 'Who changed the record last (partner slug, or "seed").' })
  updatedBy!: string;
}
