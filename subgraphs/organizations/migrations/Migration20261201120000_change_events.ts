import { Migration } from '@mikro-orm/migrations';
import { CHANGE_EVENT_TABLE_SQL } from '../../toolkit/change-events.js';

/** The change events of this subgraph's records (a transactional outbox; see toolkit/change-events.ts). */
export class Migration20261201120000_change_events extends Migration {
  override async up(): Promise<void> {
    for (const sql of CHANGE_EVENT_TABLE_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "change_feed_state";`);
    this.addSql(`drop table if exists "change_event";`);
  }
}
