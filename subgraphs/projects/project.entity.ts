import { Collection, Embedded, Entity, Enum, Index, OneToMany, Property, type Opt } from '@mikro-orm/postgresql';
import { BaseEntity } from '../toolkit/base.entity.js';
import { ContactEmbeddable } from '../toolkit/contact.js';
import { ParticipationEntity } from './participation.entity.js';

export enum ProjectStatus {
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
}

/** A project profile in the shape of the seed profile (Anlass, Ziel, Umsetzung, Finanzierung …). */
@Entity({ tableName: 'project' })
export class ProjectEntity extends BaseEntity {
  @Property({ type: 'string', length: 160, unique: true })
  slug!: string;

  @Property({ type: 'string', length: 500 })
  @Index()
  title!: string;

  @Property({ type: 'text' })
  summary!: string;

  /** Stichworte. */
  @Property({ type: 'text[]', default: '{}' })
  keywords: string[] & Opt = [];

  /** Anlass. */
  @Property({ type: 'text', nullable: true })
  occasion?: string | null;

  /** Ziel. */
  @Property({ type: 'text', nullable: true })
  goal?: string | null;

  /** Umsetzung. */
  @Property({ type: 'text', nullable: true })
  implementation?: string | null;

  /** Finanzierung, as the profile words it; the sources with amounts are `FundingEntity` rows. */
  @Property({ type: 'text', nullable: true })
  financing?: string | null;

  /** Rechtsform. */
  @Property({ type: 'string', length: 200, nullable: true })
  legalForm?: string | null;

  /** Zusammenarbeit seit (year). */
  @Property({ type: 'integer', nullable: true })
  cooperatingSince?: number | null;

  @Enum({ items: () => ProjectStatus, nativeEnumName: 'project_status' })
  @Index()
  status!: ProjectStatus;

  @Property({ type: 'date', nullable: true })
  startDate?: string | null;

  @Property({ type: 'date', nullable: true })
  endDate?: string | null;

  /** Hauptverantwortlich: an Organization of the organizations subgraph (no cross-database key). */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  leadOrganizationId?: string | null;

  /** Topic keys (see TopicEntity), checked on write. */
  @Property({ type: 'text[]', default: '{}' })
  @Index({ type: 'gin' })
  topicKeys: string[] & Opt = [];

  /** AGS of the municipalities the project covers (for coverage, "Flächendeckung"). */
  @Property({ type: 'text[]', default: '{}' })
  @Index({ type: 'gin' })
  municipalityAgs: string[] & Opt = [];

  @Embedded(() => ContactEmbeddable, { prefix: 'contact_' })
  contact: ContactEmbeddable & Opt = new ContactEmbeddable();

  /** Auszeichnungen, e.g. "Teilnehmer Landespreis Wirtschaftsförderung". */
  @Property({ type: 'text[]', default: '{}' })
  distinctions: string[] & Opt = [];

  /** "Quelle für Text und Bild". */
  @Property({ type: 'text', nullable: true })
  sourceAttribution?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  sourceUrl?: string | null;

  @Property({ type: 'datetime', nullable: true })
  archivedAt?: (Date & Opt) | null;

  /** For filters only (`$some`); resolvers load participants through DataLoaders. */
  @OneToMany(() => ParticipationEntity, (participation) => participation.project)
  participations = new Collection<ParticipationEntity>(this);
}
