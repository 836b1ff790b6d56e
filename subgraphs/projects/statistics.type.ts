import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { FundingSource } from './funding.entity.js';
import { ProjectStatus } from './project.entity.js';
import { Topic } from './project.type.js';

@ObjectType({ description: 'Number of projects on one topic.' })
export class ProjectTopicCount {
  @Field(() => Topic, { description: 'The topic.' })
  topic!: Topic;

  @Field(() => Int, { description: 'Projects on it.' })
  count!: number;
}

@ObjectType({ description: 'Number of projects in one status.' })
export class ProjectStatusCount {
  @Field(() => ProjectStatus, { description: 'The status.' })
  status!: ProjectStatus;

  @Field(() => Int, { description: 'Projects in it.' })
  count!: number;
}

/**
 * Projects per Kreis. This subgraph knows a Kreis only by its AGS; the organizations subgraph
 * contributes `district` to this entity by that key, so no copy of the Kreise lives here.
 */
@Directive('@key(fields: "ags")')
@ObjectType({ description: 'Number of projects covering municipalities of one Kreis (or of the kreisfreie Stadt Münster).' })
export class DistrictProjectCount {
  @Field(() => String, { description: 'Amtlicher Gemeindeschlüssel of the Kreis (5 digits), the first five digits of its municipalities\' AGS.' })
  ags!: string;

  @Field(() => Int, { description: 'Projects covering at least one of its municipalities.' })
  count!: number;
}

@ObjectType({ description: 'Financing of projects from one kind of source.' })
export class FundingSourceSum {
  @Field(() => FundingSource, { description: 'Who pays.' })
  source!: FundingSource;

  @Field(() => Float, { nullable: true, description: 'Sum of the known amounts in euros; null when no amount from this source is known.' })
  amountEur!: number | null;

  @Field(() => Int, { description: 'Funding entries from this source (with or without amount).' })
  count!: number;
}

@ObjectType({ description: 'Figures about the projects matching a filter, for analysts. Computed in the database, however many projects match.' })
export class ProjectStatistics {
  @Field(() => Int, { description: 'Projects matching the filter.' })
  totalCount!: number;

  @Field(() => [ProjectTopicCount], { description: 'Projects per topic, most first; a project with several topics counts for each.' })
  byTopic!: { key: string; count: number }[];

  @Field(() => [ProjectStatusCount], { description: 'Projects per status, most first.' })
  byStatus!: ProjectStatusCount[];

  @Field(() => [DistrictProjectCount], { description: 'Projects per Kreis (and kreisfreie Stadt) they cover, most first; a project covering several counts for each.' })
  byDistrict!: DistrictProjectCount[];

  @Field(() => [FundingSourceSum], { description: 'Financing per source, the largest known sum first.' })
  fundingBySource!: FundingSourceSum[];
}
