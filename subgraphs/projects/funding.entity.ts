import { Entity, Enum, ManyToOne, Property } from '@mikro-orm/postgresql';
import { BaseEntity } from '../toolkit/base.entity.js';
import { ProjectEntity } from './project.entity.js';

export enum FundingSource {
  LAND_NRW = 'LAND_NRW',
  BUND = 'BUND',
  EU = 'EU',
  KREIS = 'KREIS',
  KOMMUNE = 'KOMMUNE',
  OWN_FUNDS = 'OWN_FUNDS',
  PRIVATE = 'PRIVATE',
  OTHER = 'OTHER',
}

/** One source of a project's financing, with its amount where known. */
@Entity({ tableName: 'project_funding' })
export class FundingEntity extends BaseEntity {
  @ManyToOne(() => ProjectEntity, { deleteRule: 'cascade', index: true })
  project!: ProjectEntity;

  @Enum({ items: () => FundingSource, nativeEnumName: 'funding_source' })
  source!: FundingSource;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'double', nullable: true })
  amountEur?: number | null;
}
