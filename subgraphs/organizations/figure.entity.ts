import { Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/postgresql';
import { BaseEntity } from '../toolkit/base.entity.js';
import { OrganizationEntity } from './organization.entity.js';

export enum FigureKind {
  POPULATION = 'POPULATION',
  AREA_KM2 = 'AREA_KM2',
}

/** A statistic is only meaningful with its source and reference date: both are required. */
@Entity({ tableName: 'organization_figure' })
@Unique({ properties: ['organization', 'kind', 'referenceDate', 'source'] })
export class FigureEntity extends BaseEntity {
  @ManyToOne(() => OrganizationEntity, { deleteRule: 'cascade' })
  organization!: OrganizationEntity;

  @Enum({ items: () => FigureKind, nativeEnumName: 'figure_kind' })
  kind!: FigureKind;

  @Property({ type: 'double' })
  value!: number;

  @Property({ type: 'date' })
  referenceDate!: string;

  @Property({ type: 'string', length: 300 })
  source!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  sourceUrl?: string | null;

  /** Computed from other figures (e.g. a Kreis total summed from its municipalities). */
  @Property({ type: 'boolean', default: false })
  derived: boolean = false;

  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
