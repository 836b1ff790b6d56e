import { Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/postgresql';
import { BaseEntity } from '../toolkit/base.entity.js';
import { ProjectEntity } from './project.entity.js';

export enum ParticipationRole {
  PARTNER = 'PARTNER',
  MEMBER = 'MEMBER',
  SUPPORTER = 'SUPPORTER',
}

/** An organization taking part in a project besides its lead ("Sonstige Beteiligte"). */
@Entity({ tableName: 'project_participation' })
@Unique({ properties: ['project', 'organizationId'] })
export class ParticipationEntity extends BaseEntity {
  @ManyToOne(() => ProjectEntity, { deleteRule: 'cascade' })
  project!: ProjectEntity;

  /** An Organization of the organizations subgraph. */
  @Property({ type: 'uuid', index: true })
  organizationId!: string;

  @Enum({ items: () => ParticipationRole, nativeEnumName: 'participation_role' })
  role!: ParticipationRole;

  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
