import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../toolkit/connection.js';
import { ResourceKind } from './resource.entity.js';

@ArgsType()
export class KnowledgeResourceLookupArgs {
  @Field(() => ID, { nullable: true, description: 'The resource\'s id.' })
  id?: string;

  @Field(() => String, { nullable: true, description: 'The resource\'s slug, e.g. `muensterland-erklaerung`.' })
  slug?: string;
}

@InputType({ description: 'Which knowledge resources to list. All conditions must hold.' })
export class KnowledgeResourceFilter {
  @Field(() => [ResourceKind], { nullable: true, description: 'Any of these kinds.' })
  kind?: ResourceKind[];

  @Field(() => String, { nullable: true, description: 'Tagged with the topic of this key, e.g. `regionalentwicklung`.' })
  topicKey?: string;

  @Field(() => ID, { nullable: true, description: 'Related to the project of this id.' })
  projectId?: string;

  @Field(() => ID, { nullable: true, description: 'Authored by the organization of this id.' })
  authorOrganizationId?: string;

  @Field(() => String, { nullable: true, description: 'Written in this language (BCP 47 tag, e.g. "de").' })
  language?: string;

  @Field(() => Boolean, { nullable: true, description: 'Include archived resources (default false).' })
  includeArchived?: boolean;
}

@ArgsType()
export class KnowledgeResourcesArgs extends PageArgs {
  @Field(() => KnowledgeResourceFilter, { nullable: true, description: 'Conditions on the resources.' })
  filter?: KnowledgeResourceFilter;
}
