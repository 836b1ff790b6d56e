import { Migration } from '@mikro-orm/migrations';
import { WEBHOOK_TABLES_SQL } from '../../toolkit/webhook-dispatcher.js';

/** Webhook subscriptions, deliveries and attempts, in their own schema (toolkit/webhook-dispatcher.ts). */
export class Migration20261201120100_webhooks extends Migration {
  override async up(): Promise<void> {
    for (const sql of WEBHOOK_TABLES_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop schema if exists "webhooks" cascade;`);
  }
}
