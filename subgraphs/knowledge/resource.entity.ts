import { ArrayType, Entity, Enum, Index, Property, type Opt } from '@mikro-orm/postgresql';
import { BaseEntity } from '../toolkit/base.entity.js';

export enum ResourceKind {
  DOCUMENT = 'DOCUMENT',
  DECLARATION = 'DECLARATION',
  BEST_PRACTICE = 'BEST_PRACTICE',
  LESSON_LEARNED = 'LESSON_LEARNED',
  STUDY = 'STUDY',
  MEETING_RECORD = 'MEETING_RECORD',
}

/**
 * A document, declaration, best practice, lesson learned, study or meeting record. Authors,
 * topics and projects live in other subgraphs: only their ids are kept here, without foreign
 * keys, and federation joins them.
 */
@Entity({ tableName: 'knowledge_resource' })
// GIN indexes serve the array operators `@>` (filters) and `&&` (Project.resources batches).
@Index({ name: 'knowledge_resource_topic_keys_gin', type: 'gin', properties: ['topicKeys'] })
@Index({ name: 'knowledge_resource_project_ids_gin', type: 'gin', properties: ['projectIds'] })
export class KnowledgeResourceEntity extends BaseEntity {
  @Property({ type: 'string', length: 120, unique: true })
  slug!: string;

  @Property({ type: 'string', length: 300 })
  title!: string;

  @Enum({ items: () => ResourceKind, nativeEnumName: 'resource_kind' })
  @Index()
  kind!: ResourceKind;

  @Property({ type: 'text' })
  summary!: string;

  @Property({ type: 'text', nullable: true })
  body?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  url?: string | null;

  /** BCP 47 language tag of the text, e.g. "de". */
  @Property({ type: 'string', length: 16, default: 'de' })
  language: string & Opt = 'de';

  /** Id of an Organization of the organizations subgraph. */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  authorOrganizationId?: string | null;

  /** Keys of Topics of the projects subgraph. */
  @Property({ type: ArrayType, columnType: 'text[]', defaultRaw: `'{}'` })
  topicKeys: string[] & Opt = [];

  /** Ids of related Projects of the projects subgraph. */
  @Property({ type: ArrayType, columnType: 'uuid[]', defaultRaw: `'{}'` })
  projectIds: string[] & Opt = [];

  /** Calendar date of publication, `YYYY-MM-DD`, where known. */
  @Property({ type: 'date', nullable: true })
  publishedOn?: string | null;

  /** "Quelle für Text und Bild": who the text and images come from. */
  @Property({ type: 'text', nullable: true })
  sourceAttribution?: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  license?: string | null;

  @Property({ type: 'datetime', nullable: true })
  archivedAt?: Date & Opt | null;
}
