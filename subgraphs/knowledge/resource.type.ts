import { AuditedRecord } from '../toolkit/audited.type.js';
import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { SearchableConnection } from '../toolkit/search-connection.js';
import { ResourceKind } from './resource.entity.js';
import { describeEnum } from '../toolkit/enums.js';

describeEnum(ResourceKind, 'ResourceKind', 'What kind of knowledge a resource holds.', {
  DOCUMENT: 'A document such as a report, a concept or a presentation.',
  DECLARATION: 'A joint declaration of partners, e.g. the "Münsterland-Erklärung".',
  BEST_PRACTICE: 'An approach that worked and is worth copying.',
  LESSON_LEARNED: 'Experience from a project: what went well, what did not.',
  STUDY: 'A study, analysis or evaluation.',
  MEETING_RECORD: 'Minutes or results of a meeting, e.g. of the Arbeitskreis.',
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A document, declaration, best practice, lesson learned, study or meeting record of the region: what partners know and learned, to share it ("voneinander Wissen", "voneinander Lernen").' })
export class KnowledgeResource extends AuditedRecord {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => String, { description: 'Lowercase ASCII name for URLs, e.g. `muensterland-erklaerung`.' })
  slug!: string;

  @Field(() => String, { description: 'Title, e.g. "Münsterland-Erklärung".' })
  title!: string;

  @Field(() => ResourceKind, { description: 'What kind of resource this is.' })
  kind!: ResourceKind;

  @Field(() => String, { description: 'Short summary of the content.' })
  summary!: string;

  @Field(() => String, { nullable: true, description: 'Full text, where it is held here.' })
  body?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the resource can be read or downloaded.' })
  url?: string | null;

  @Field(() => String, { description: 'Language of the text as a BCP 47 tag, e.g. "de".' })
  language!: string;

  @Field(() => Date, { nullable: true, description: 'When the resource was published, where known.' })
  publishedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Who text and images come from ("Quelle für Text und Bild").' })
  sourceAttribution?: string | null;

  @Field(() => String, { nullable: true, description: 'License under which the resource may be reused, where known.' })
  license?: string | null;

  @Field(() => Boolean, { description: 'Invented for demonstration, not real data.' })
  isSample!: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the record was archived; archived records are left out of lists.' })
  archivedAt?: Date | null;
}

@ObjectType({ description: 'A page of knowledge resources.' })
export class KnowledgeResourceConnection extends SearchableConnection(KnowledgeResource) {}
