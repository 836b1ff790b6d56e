import { Embedded, Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/postgresql';
import { BaseEntity } from '../toolkit/base.entity.js';
import { AddressEmbeddable, contactColumn } from '../toolkit/contact.js';

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

  @contactColumn('website')
  website?: string | null;

  @contactColumn('email')
  email?: string | null;

  @contactColumn('phone')
  phone?: string | null;

  /** Postal address, in the columns `street`, `postal_code`, `city`. */
  @Embedded(() => AddressEmbeddable, { prefix: false })
  address: AddressEmbeddable & Opt = new AddressEmbeddable();

  @Property({ type: 'datetime', nullable: true })
  archivedAt?: Date & Opt | null;
}
