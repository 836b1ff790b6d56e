import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/postgresql';

/** A theme the partners work on together ("Thema"); projects and resources name topics by key. */
@Entity({ tableName: 'topic' })
export class TopicEntity {
  @PrimaryKey({ type: 'string', length: 60 })
  key!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();
}
