import { Field, ID, InputType, Int } from 'type-graphql';
import { ResourceKind } from './resource.entity.js';

/** Fields that create and update share; left out means "leave as is", null clears. */
// Not in the schema itself (nothing names it): its fields appear in the inputs that extend it.
@InputType({ description: 'Fields of a knowledge resource.' })
export abstract class KnowledgeResourceFieldsInput {
  @Field(() => String, { nullable: true, description: 'Full text, where it is held here.' })
  body?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the resource can be read or downloaded (https:// or http://).' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Language of the text as a BCP 47 tag, e.g. "de" (new resources: "de" unless given).' })
  language?: string | null;

  @Field(() => [String], { nullable: true, description: 'Topic keys (see `topics`); each must exist.' })
  topicKeys?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Projects the resource belongs to or reports on; each must exist.' })
  projectIds?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'When the resource was published.' })
  publishedOn?: Date | null;

  @Field(() => String, { nullable: true, description: 'Who text and images come from ("Quelle für Text und Bild").' })
  sourceAttribution?: string | null;

  @Field(() => String, { nullable: true, description: 'License under which the resource may be reused.' })
  license?: string | null;
}

@InputType({ description: 'A new knowledge resource. Its slug is made from the title.' })
export class CreateKnowledgeResourceInput extends KnowledgeResourceFieldsInput {
  @Field(() => String, { description: 'Title: 1 to 300 characters.' })
  title!: string;

  @Field(() => ResourceKind, { description: 'What kind of resource this is.' })
  kind!: ResourceKind;

  @Field(() => String, { description: 'Short summary of the content; not empty.' })
  summary!: string;

  @Field(() => ID, { nullable: true, description: 'The organization that wrote or published it. Default: your own; only an admin of the Münsterland e.V. may name another.' })
  authorOrganizationId?: string | null;
}

@InputType({ description: 'Changes to a knowledge resource. Fields left out stay as they are.' })
export class UpdateKnowledgeResourceInput extends KnowledgeResourceFieldsInput {
  @Field(() => ID, { description: 'The resource to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT with the current version.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'New title: 1 to 300 characters.' })
  title?: string | null;

  @Field(() => ResourceKind, { nullable: true, description: 'What kind of resource this is.' })
  kind?: ResourceKind | null;

  @Field(() => String, { nullable: true, description: 'New summary; not empty.' })
  summary?: string | null;
}

@InputType({ description: 'The knowledge resource to archive and the version you read.' })
export class ArchiveKnowledgeResourceInput {
  @Field(() => ID, { description: 'The resource to archive.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;
}
