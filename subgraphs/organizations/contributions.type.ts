import { Directive, Field, Int, ObjectType } from 'type-graphql';

/*
 * Entities of the projects subgraph that this subgraph completes with what only it knows: the
 * region's municipalities with their figures, and Kreise by AGS. Descriptions of the types are
 * the owner's; the fields added here carry their own.
 */

@Directive('@key(fields: "topicKey")')
@ObjectType('TopicCoverage')
export class TopicCoverageContribution {
  @Field(() => String)
  topicKey!: string;
}

@Directive('@key(fields: "ags")')
@ObjectType('DistrictProjectCount')
export class DistrictProjectCountContribution {
  @Field(() => String)
  ags!: string;

  // Owned by the projects subgraph; arrives where a field @requires it (the per-inhabitant figures).
  @Directive('@external')
  @Field(() => Int)
  count?: number;
}
