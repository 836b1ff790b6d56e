import { ArgsType, Field, GraphQLISODateTime, ID, InputType } from 'type-graphql';
import { PageArgs } from '../toolkit/connection.js';
import { SEARCH_TEXT_MAX_LENGTH } from '../toolkit/search-input.js';
import { ResourceKind } from './resource.entity.js';
import { describeEnum } from '../toolkit/enums.js';

@ArgsType()
export class KnowledgeResourceLookupArgs {
  @Field(() => ID, { nullable: true, description: 'The resource\'s id.' })
  id?: string;

  @Field(() => String, { nullable: true, description: 'The resource\'s slug, e.g. `muensterland-erklaerung`.' })
  slug?: string;
}

export enum KnowledgeResourceOrder {
  RELEVANCE = 'RELEVANCE',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  TITLE = 'TITLE',
}

describeEnum(KnowledgeResourceOrder, 'KnowledgeResourceOrder', 'Orders of a resource list; ties are broken by id, so the order is stable across pages.', {
  RELEVANCE: 'Best match of `filter.text` first (the default when searching); needs `filter.text`.',
  CREATED_AT: 'Most recently added first (the default without `filter.text`).',
  UPDATED_AT: 'Most recently changed first: for harvesting changes with `modifiedSince`.',
  TITLE: 'By title, A to Z.',
});

@InputType({ description: 'Which knowledge resources to list or count. All conditions must hold.' })
export class KnowledgeResourceFilter {
  @Field(() => String, {
    nullable: true,
    description: `Words to search in German in title, summary, full text and attribution, at most ${SEARCH_TEXT_MAX_LENGTH} characters. `
      + 'Inflected forms match ("Erklärungen" finds "Erklärung"), and so do umlauts and their spellings with e ("Münster", "Muenster"). '
      + 'Web search syntax: "a phrase", `or`, `-excluded`.',
  })
  text?: string;

  @Field(() => [ResourceKind], { nullable: true, description: 'Any of these kinds.' })
  kind?: ResourceKind[];

  @Field(() => String, { nullable: true, description: 'Tagged with the topic of this key, e.g. `regionalentwicklung`.' })
  topicKey?: string;

  @Field(() => [String], { nullable: true, description: 'Tagged with any of these topic keys.' })
  topicKeys?: string[];

  @Field(() => ID, { nullable: true, description: 'Related to the project of this id.' })
  projectId?: string;

  @Field(() => ID, { nullable: true, description: 'Authored by the organization of this id.' })
  authorOrganizationId?: string;

  @Field(() => String, { nullable: true, description: 'Written in this language (BCP 47 tag, e.g. "de").' })
  language?: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Resources changed at or after this instant (harvesting, like OParl\'s `modified_since`).' })
  modifiedSince?: Date;

  @Field(() => Boolean, { nullable: true, description: 'Include archived resources (default false).' })
  includeArchived?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include sample records (`isSample`: invented for demonstrations and tests; default false). Lists, statistics and exports leave them out unless asked.',
  })
  includeSamples?: boolean;
}

@ArgsType()
export class KnowledgeResourcesArgs extends PageArgs {
  @Field(() => KnowledgeResourceFilter, { nullable: true, description: 'Conditions on the resources.' })
  filter?: KnowledgeResourceFilter;

  @Field(() => KnowledgeResourceOrder, { nullable: true, description: 'Order of the list: RELEVANCE when `filter.text` is given, else CREATED_AT.' })
  orderBy?: KnowledgeResourceOrder;
}

@ArgsType()
export class KnowledgeStatisticsArgs {
  @Field(() => KnowledgeResourceFilter, { nullable: true, description: 'Which resources to count; all non-archived resources by default.' })
  filter?: KnowledgeResourceFilter;
}
