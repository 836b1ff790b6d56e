import { PrimaryKey, Property, type Opt } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';

/**
 * Ids, audit columns and the optimistic-locking version every mutable record carries. MikroORM
 * checks `version` on flush, so two editors never overwrite each other silently.
 */
export abstract class BaseEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'integer', version: true })
  version!: number & Opt;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  /** Partner organization slug (or "seed") that created the record. */
  @Property({ type: 'string', length: 120, default: 'seed' })
  createdBy: string & Opt = 'seed';

  @Property({ type: 'string', length: 120, default: 'seed' })
  updatedBy: string & Opt = 'seed';

  /** Invented for demonstration, not real data. */
  @Property({ type: 'boolean', default: false })
  isSample: boolean & Opt = false;
}
