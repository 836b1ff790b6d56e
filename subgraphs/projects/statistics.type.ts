import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { FundingSource } from './funding.entity.js';
import { ProjectStatus } from './project.entity.js';
import { OrganizationReference, Topic } from './project.type.js';

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

  @Field(() => Int, { description: 'Entries from this source whose amount is not published: they count in `count` but not in `amountEur`.' })
  withoutAmount!: number;
}

@ObjectType({ description: 'How much one organization takes part in the projects matching a filter.' })
export class OrganizationInvolvement {
  @Field(() => OrganizationReference, { description: 'The organization.' })
  organization!: OrganizationReference;

  @Field(() => Int, { description: 'Projects it leads (Hauptverantwortlich).' })
  projectsLed!: number;

  @Field(() => Int, { description: 'Projects it takes part in besides leading (Sonstige Beteiligte).' })
  projectsJoined!: number;

  @Field(() => Int, { description: 'projectsLed + projectsJoined.' })
  projects!: number;
}

@ObjectType({ description: 'Figures about the projects matching a filter, for analysts. Computed in the database, however many projects match.' })
export class ProjectStatistics {
  @Field(() => Int, { description: 'Projects matching the filter.' })
  totalCount!: number;

  @Field(() => [ProjectTopicCount], { description: 'Projects per topic, most first; a project with several topics counts for each.' })
  byTopic!: { key: string; count: number }[];

  @Field(() => [ProjectStatusCount], { description: 'Projects per status, most first.' })
  byStatus!: ProjectStatusCount[];

  @Field(() => [DistrictProjectCount], {
    description: 'Projects per Kreis (and kreisfreie Stadt) whose municipalities they cover (`municipalityAgs`), most first. A project covering municipalities '
      + 'of several Kreise counts once for each of them, so the counts may add up to more than `totalCount`; projects that name no municipality count for none.',
  })
  byDistrict!: DistrictProjectCount[];

  @Field(() => [FundingSourceSum], {
    description: 'Financing per source (Land NRW, EU, …): the number of funding entries of the matching projects and the sum of their published amounts, the largest known sum first. '
      + '`amountEur` is null when no entry of a source has a published amount (the seed profile names "Fördermittel des Landes Nordrhein-Westfalen" without an amount); '
      + '`withoutAmount` says how many entries the sum leaves out.',
  })
  fundingBySource!: FundingSourceSum[];

  /** Rows of `byOrganization`, all of them; the field resolver pages them. */
  byOrganizationRows!: { organizationId: string; projectsLed: number; projectsJoined: number }[];
}
