import { Entity, ManyToOne, Property } from '@mikro-orm/postgresql';
import { BaseEntity } from '../toolkit/base.entity.js';
import { OrganizationEntity } from './organization.entity.js';

/** A contact person or Arbeitskreis member. E-mail and phone are personal data. */
@Entity({ tableName: 'person' })
export class PersonEntity extends BaseEntity {
  @ManyToOne(() => OrganizationEntity, { deleteRule: 'cascade', index: true })
  organization!: OrganizationEntity;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  role?: string | null;

  @Property({ type: 'string', length: 320, nullable: true, hidden: true })
  email?: string | null;

  @Property({ type: 'string', length: 60, nullable: true, hidden: true })
  phone?: string | null;
}
