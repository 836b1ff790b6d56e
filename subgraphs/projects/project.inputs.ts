import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../toolkit/connection.js';
import { SEARCH_TEXT_MAX_LENGTH } from '../toolkit/search-input.js';
import { ProjectStatus } from './project.entity.js';
import { describeEnum } from '../toolkit/enums.js';

@ArgsType()
export class ProjectLookupArgs {
  @Field(() => ID, { nullable: true, description: 'The project\'s id.' })
  id?: string;

  @Field(() => String, { nullable: true, description: 'The project\'s slug.' })
  slug?: string;
}

export enum ProjectOrder {
  RELEVANCE = 'RELEVANCE',
  TITLE = 'TITLE',
  UPDATED_AT = 'UPDATED_AT',
  CREATED_AT = 'CREATED_AT',
}

describeEnum(ProjectOrder, 'ProjectOrder', 'Orders of a project list; ties are broken by id, so the order is stable across pages.', {
  RELEVANCE: 'Best match of `filter.text` first (the default when searching); needs `filter.text`.',
  TITLE: 'By title, A to Z (the default without `filter.text`).',
  UPDATED_AT: 'Most recently changed first: for harvesting changes with `modifiedSince`.',
  CREATED_AT: 'Most recently created first.',
});

@InputType({ description: 'Which projects to list or count. All conditions must hold.' })
export class ProjectFilter {
  @Field(() => String, {
    nullable: true,
    description: `Words to search in German in title, summary, Stichworte, Anlass, Ziel, Umsetzung and Finanzierung, at most ${SEARCH_TEXT_MAX_LENGTH} characters. `
      + 'Inflected forms match ("Kooperationen" finds "Kooperation"), and so do umlauts and their spellings with e ("Münster", "Muenster"). '
      + 'Web search syntax: "a phrase", `or`, `-excluded`.',
  })
  text?: string;

  @Field(() => [ProjectStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: ProjectStatus[];

  @Field(() => [String], { nullable: true, description: 'Projects on any of these topics (keys, e.g. `leader`).' })
  topicKeys?: string[];

  @Field(() => ID, { nullable: true, description: 'Projects this organization leads (Hauptverantwortlich) or takes part in (Sonstige Beteiligte).' })
  organizationId?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Projects covering this area, by Amtlicher Gemeindeschlüssel: 8 digits for a municipality, 5 for a Kreis or kreisfreie Stadt. A Kreis matches the projects of any of its municipalities.',
  })
  ags?: string;

  @Field(() => Date, { nullable: true, description: 'Projects running on this day: start date on or before it, end date on or after it; a missing start or end date counts as open.' })
  activeOn?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Projects changed at or after this instant (harvesting, like OParl\'s `modified_since`).' })
  modifiedSince?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Projects created at or after this instant.' })
  createdSince?: Date;

  @Field(() => Boolean, { nullable: true, description: 'Include archived projects (default false).' })
  includeArchived?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include sample records (`isSample`: invented for demonstrations, tests and benchmarks; default false). Lists, statistics and exports leave them out unless asked.',
  })
  includeSamples?: boolean;
}

@ArgsType()
export class ProjectsArgs extends PageArgs {
  @Field(() => ProjectFilter, { nullable: true, description: 'Conditions on the projects.' })
  filter?: ProjectFilter;

  @Field(() => ProjectOrder, { nullable: true, description: 'Order of the list: RELEVANCE when `filter.text` is given, else TITLE.' })
  orderBy?: ProjectOrder;
}

@ArgsType()
export class ProjectStatisticsArgs {
  @Field(() => ProjectFilter, { nullable: true, description: 'Which projects to count; all non-archived projects by default.' })
  filter?: ProjectFilter;
}

export const MAX_SIMILAR = 50;

@InputType({ description: 'A project not yet created, to check for duplicates ("Doppelarbeit vermeiden") before creating it.' })
export class ProjectDraftInput {
  @Field(() => String, { description: 'Planned title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Planned short summary.' })
  summary?: string | null;

  @Field(() => [String], { nullable: true, description: 'Planned topic keys.' })
  topicKeys?: string[] | null;
}

@ArgsType()
export class SimilarProjectsArgs {
  @Field(() => ID, { nullable: true, description: 'An existing project to compare with the others; give this or `draft`.' })
  projectId?: string;

  @Field(() => ProjectDraftInput, { nullable: true, description: 'A planned project to compare with the existing ones; give this or `projectId`.' })
  draft?: ProjectDraftInput;

  @Field(() => Int, { nullable: true, description: `How many similar projects, 1 to ${MAX_SIMILAR} (default 5).` })
  first?: number;
}
