import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/postgresql';
import { BaseEntity } from '../toolkit/base.entity.js';

export enum OrganizationKind {
  LAND = 'LAND',
  REGIERUNGSBEZIRK = 'REGIERUNGSBEZIRK',
  KREIS = 'KREIS',
  KREISFREIE_STADT = 'KREISFREIE_STADT',
  STADT = 'STADT',
  GEMEINDE = 'GEMEINDE',
  VEREIN = 'VEREIN',
  OTHER = 'OTHER',
}

@Entity({ tableName: 'organization' })
export class OrganizationEntity extends BaseEntity {
  @Property({ type: 'string', length: 120, unique: true })
  slug!: string;

  @Property({ type: 'string', length: 300 })
  @Index()
  name!: string;

  /** The official name in the municipal register, e.g. "Gescher, Glockenstadt". */
  @Property({ type: 'string', length: 300, nullable: true })
  officialName?: string | null;

  @Enum({ items: () => OrganizationKind, nativeEnumName: 'organization_kind' })
  @Index()
  kind!: OrganizationKind;

  /** Amtlicher Gemeindeschlüssel (8 digits) or Kreisschlüssel (5), where one exists. */
  @Property({ type: 'string', length: 8, nullable: true, unique: true })
  ags?: string | null;

  @ManyToOne(() => OrganizationEntity, { nullable: true, index: true, deleteRule: 'set null' })
  parent?: OrganizationEntity | null;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  website?: string | null;

  @Property({ type: 'string', length: 320, nullable: true })
  email?: string | null;

  @Property({ type: 'string', length: 60, nullable: true })
  phone?: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  street?: string | null;

  @Property({ type: 'string', length: 10, nullable: true })
  postalCode?: string | null;

  @Property({ type: 'string', length: 120, nullable: true })
  city?: string | null;

  @Property({ type: 'datetime', nullable: true })
  archivedAt?: Date & Opt | null;
}
