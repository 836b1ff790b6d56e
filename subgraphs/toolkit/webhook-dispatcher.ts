import pg from 'pg';
import PgBoss from 'pg-boss';
import { fetch as undiciFetch, type Agent } from 'undici';
import type { ChangeEventRow, FeedFilter } from './change-events.js';
import { decodeCursor, mergedChanges, onFeedNudge } from './change-feed.js';
import { envInt } from '../../shared/config.js';
import type { Database } from './database.js';
import { serviceLogger } from '../../shared/logger.js';
import { deliveryAgent } from './webhook-url.js';
import { webhookHeaders } from './webhook-signing.js';

/**
 * Webhook deliveries. The dispatcher is a harvester of the merged change feed like any partner's:
 * it keeps its cursor in its own table, and for every new event and every subscription whose filter
 * matches it writes a delivery row, in the same transaction as the new cursor. Sending runs on a
 * PostgreSQL job queue (pg-boss): one job per subscription drains that subscription's due
 * deliveries strictly in feed order, so a partner receives each record's events in order; a
 * failure schedules the next attempt with exponential backoff (WEBHOOK_RETRY_BASE_MS doubling up
 * to WEBHOOK_RETRY_MAX_MS) and the same `webhook-id`, for WEBHOOK_GIVE_UP_MS (24 h); then the
 * subscription is marked FAILING with the reason. Delivery is at least once: a receiver
 * de-duplicates by `webhook-id`.
 *
 * The tables (`webhook_*`) live in the schema `webhooks` of the hub's database, pg-boss's in `pgboss`.
 */

const QUEUE = 'webhook-deliveries';
const HARVEST_PAGE = 200;
const log = serviceLogger('webhooks');

export const WEBHOOK_TABLES_SQL = [
  `create schema if not exists "webhooks";`,
  `create table "webhooks"."webhook_subscription" (
    "id" uuid not null primary key,
    "organization_id" uuid not null,
    "organization_slug" varchar(120) not null,
    "url" text not null,
    "description" text null,
    "filter" jsonb not null default '{}',
    "secret" text not null,
    "status" varchar(20) not null default 'ACTIVE',
    "failure_reason" text null,
    "failing_since" timestamptz null,
    "created_by" varchar(120) not null,
    "created_at" timestamptz not null default clock_timestamp(),
    "updated_at" timestamptz not null default clock_timestamp()
  );`,
  `create index "webhook_subscription_organization_index" on "webhooks"."webhook_subscription" ("organization_id");`,
  `create table "webhooks"."webhook_delivery" (
    "id" bigserial not null primary key,
    "subscription_id" uuid not null references "webhooks"."webhook_subscription" ("id") on delete cascade,
    "event_id" uuid not null,
    "event_type" varchar(60) not null,
    "record_id" uuid not null,
    "payload" jsonb not null,
    "committed_at" timestamptz not null,
    "status" varchar(20) not null default 'PENDING',
    "attempts" integer not null default 0,
    "next_attempt_at" timestamptz not null default clock_timestamp(),
    "first_attempt_at" timestamptz null,
    "last_attempt_at" timestamptz null,
    "last_status_code" integer null,
    "last_error" text null,
    "delivered_at" timestamptz null,
    "created_at" timestamptz not null default clock_timestamp(),
    constraint "webhook_delivery_subscription_event_unique" unique ("subscription_id", "event_id")
  );`,
  `create index "webhook_delivery_pending_index" on "webhooks"."webhook_delivery" ("subscription_id", "id") where "status" = 'PENDING';`,
  `create table "webhooks"."webhook_attempt" (
    "id" bigserial not null primary key,
    "delivery_id" bigint not null references "webhooks"."webhook_delivery" ("id") on delete cascade,
    "attempted_at" timestamptz not null,
    "status_code" integer null,
    "error" text null,
    "duration_ms" integer not null
  );`,
  `create index "webhook_attempt_delivery_index" on "webhooks"."webhook_attempt" ("delivery_id", "id");`,
  `create table "webhooks"."webhook_dispatcher" ("key" varchar(40) not null primary key, "cursor" text not null);`,
];

export interface SubscriptionRow {
  id: string;
  organization_id: string;
  organization_slug: string;
  url: string;
  description: string | null;
  filter: FeedFilter;
  secret: string;
  status: 'ACTIVE' | 'PAUSED' | 'FAILING';
  failure_reason: string | null;
  failing_since: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

/** Whether an event passes a subscription's filter (the same rules as the feed's SQL). */
export function matchesFilter(event: ChangeEventRow, filter: FeedFilter): boolean {
  if (filter.types?.length && !filter.types.includes(event.recordType)) return false;
  if (filter.organizationId && !event.organizationIds.includes(filter.organizationId)) return false;
  if (filter.ags && !event.ags.includes(filter.ags)) return false;
  if (filter.topicKeys?.length && !filter.topicKeys.some((key) => event.topicKeys.includes(key))) return false;
  return true;
}

const TYPE_NAMES: Record<string, string> = { PROJECT: 'project', KNOWLEDGE_RESOURCE: 'knowledge-resource', ORGANIZATION: 'organization' };

/** The body of a delivery: Standard Webhooks' `{ type, timestamp, data }`; partners are signed in, so nothing is masked. */
export function webhookPayload(event: ChangeEventRow) {
  return {
    type: `${TYPE_NAMES[event.recordType]}.${event.operation.toLowerCase()}`,
    timestamp: event.changedAt,
    data: {
      id: event.id,
      recordType: event.recordType,
      recordId: event.recordId,
      recordTitle: event.recordLabel,
      operation: event.operation,
      version: event.version,
      changedFields: event.changedFields.map(({ field, oldValue, newValue }) => ({ field, oldValue, newValue })),
      changedBy: { organization: event.actorOrganizationId ? { id: event.actorOrganizationId, slug: event.actorOrganizationSlug } : null, role: event.actorRole },
      changedAt: event.changedAt,
      requestId: event.requestId,
    },
  };
}

export interface DispatcherSettings {
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  giveUpMs: number;
  timeoutMs: number;
}

export function dispatcherSettings(): DispatcherSettings {
  return {
    pollMs: envInt('WEBHOOK_POLL_MS', 1000),
    retryBaseMs: envInt('WEBHOOK_RETRY_BASE_MS', 1000),
    retryMaxMs: envInt('WEBHOOK_RETRY_MAX_MS', 3_600_000),
    giveUpMs: envInt('WEBHOOK_GIVE_UP_MS', 86_400_000),
    timeoutMs: envInt('WEBHOOK_TIMEOUT_MS', 10_000),
  };
}

/** Delay before attempt `attempts + 1`: base · 2^(attempts−1), at most the maximum, ±10 % jitter. */
export function retryDelay(attempts: number, settings: Pick<DispatcherSettings, 'retryBaseMs' | 'retryMaxMs'>): number {
  const delay = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(delay * (0.9 + Math.random() * 0.2));
}

interface Sql {
  execute<T = any>(text: string, params?: unknown[]): Promise<T>;
  transactional<T>(work: (tx: Pick<Sql, 'execute'>) => Promise<T>): Promise<T>;
}

/** `?` placeholders (as elsewhere in this code base) on a plain pg pool. */
function sqlOn(pool: pg.Pool): Sql {
  const numbered = (text: string) => {
    let index = 0;
    return text.replace(/\?/g, () => `$${(index += 1)}`);
  };
  return {
    execute: async (text, params = []) => (await pool.query(numbered(text), params)).rows as never,
    async transactional(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({ execute: async (text, params = []) => (await client.query(numbered(text), params)).rows as never });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

export interface RunningDispatcher {
  stop(): Promise<void>;
  /** Harvest now (tests, the nudge after a commit). */
  harvest(): Promise<void>;
  /** Sends a subscription's due deliveries now (after it was resumed). */
  wake(subscriptionId: string): Promise<void>;
}

let running: RunningDispatcher | null = null;
/** The dispatcher of this process, if it runs one (the hub). */
export function currentDispatcher(): RunningDispatcher | null {
  return running;
}

export async function startWebhookDispatcher(_database: Database, databaseUrl: string, settings = dispatcherSettings()): Promise<RunningDispatcher> {
  // Its own small pool: background work stays out of the subgraph's per-request statement counts and pool.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3, application_name: 'webhook-dispatcher' });
  pool.on('error', (error) => log.warn({ err: error.message }, 'webhook dispatcher connection error'));
  const db = sqlOn(pool);
  const em = () => db;
  const agent: Agent = deliveryAgent();
  // Maintenance every 10 s: a job whose process died is noticed after its expiry (30 s) and run again.
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4, application_name: 'webhooks', maintenanceIntervalSeconds: 10 });
  boss.on('error', (error) => log.warn({ err: error.message }, 'job queue error'));
  await boss.start();
  // At most one job per subscription queued and one running: each drains its subscription in order.
  await boss.createQueue(QUEUE, { name: QUEUE, policy: 'stately', retryLimit: 10, retryDelay: 1, retryBackoff: true, expireInSeconds: 30 });
  const workerId = await boss.work<{ subscriptionId: string }>(QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
    await deliverDue(job.data.subscriptionId);
  });

  const enqueue = async (subscriptionId: string, startAfter?: Date) => {
    await boss.send(QUEUE, { subscriptionId }, { singletonKey: subscriptionId, ...(startAfter ? { startAfter } : {}) });
    if (!startAfter) boss.notifyWorker(workerId);
  };

  /** Sends the subscription's due deliveries in order until one fails or none is due. */
  async function deliverDue(subscriptionId: string): Promise<void> {
    // A job stays well inside its expiry: after 15 s it hands the rest to a new job.
    const until = Date.now() + 15_000;
    for (;;) {
      if (Date.now() > until) {
        await enqueue(subscriptionId);
        return;
      }
      const [subscription] = await em().execute<SubscriptionRow[]>(`select * from webhooks.webhook_subscription where id = ?`, [subscriptionId]);
      if (!subscription || subscription.status !== 'ACTIVE') return;
      const [delivery] = await em().execute(
        `select id, event_id, payload::text as body, attempts, next_attempt_at, first_attempt_at from webhooks.webhook_delivery
         where subscription_id = ? and status = 'PENDING' order by id limit 1`, [subscriptionId]);
      if (!delivery) return;
      if (new Date(delivery.next_attempt_at).getTime() > Date.now() + 50) {
        await enqueue(subscriptionId, new Date(delivery.next_attempt_at));
        return;
      }
      const attemptedAt = new Date();
      const started = performance.now();
      let statusCode: number | null = null;
      let error: string | null = null;
      try {
        const response = await undiciFetch(subscription.url, {
          method: 'POST',
          headers: webhookHeaders(subscription.secret, delivery.event_id, delivery.body),
          body: delivery.body,
          redirect: 'manual',
          dispatcher: agent,
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
        statusCode = response.status;
        await response.body?.cancel().catch(() => undefined);
        if (statusCode < 200 || statusCode > 299) error = statusCode >= 300 && statusCode < 400 ? `redirect ${statusCode} not followed` : `HTTP ${statusCode}`;
      } catch (failure) {
        const cause = (failure as { cause?: { code?: string; message?: string } }).cause;
        error = (cause?.code ?? cause?.message ?? (failure as Error).name ?? 'failed').slice(0, 200);
      }
      const durationMs = Math.round(performance.now() - started);
      const attempts = delivery.attempts + 1;
      const firstAttemptAt = delivery.first_attempt_at ? new Date(delivery.first_attempt_at) : attemptedAt;
      const nextAttempt = await em().transactional(async (tx): Promise<Date | null> => {
        await tx.execute(`insert into webhooks.webhook_attempt (delivery_id, attempted_at, status_code, error, duration_ms) values (?, ?, ?, ?, ?)`,
          [delivery.id, attemptedAt, statusCode, error, durationMs]);
        if (!error) {
          await tx.execute(`update webhooks.webhook_delivery set status = 'DELIVERED', attempts = ?, first_attempt_at = ?, last_attempt_at = ?, last_status_code = ?, last_error = null, delivered_at = clock_timestamp() where id = ?`,
            [attempts, firstAttemptAt, attemptedAt, statusCode, delivery.id]);
          return null;
        }
        if (attemptedAt.getTime() - firstAttemptAt.getTime() >= settings.giveUpMs) {
          await tx.execute(`update webhooks.webhook_delivery set status = 'FAILED', attempts = ?, first_attempt_at = ?, last_attempt_at = ?, last_status_code = ?, last_error = ? where id = ?`,
            [attempts, firstAttemptAt, attemptedAt, statusCode, error, delivery.id]);
          const reason = `Delivery of event ${delivery.event_id} failed ${attempts} times since ${firstAttemptAt.toISOString()}; last: ${error}`;
          await tx.execute(`update webhooks.webhook_subscription set status = 'FAILING', failure_reason = ?, failing_since = clock_timestamp(), updated_at = clock_timestamp() where id = ?`, [reason, subscriptionId]);
          log.warn({ subscriptionId, eventId: delivery.event_id, attempts }, 'webhook subscription failing: gave up on a delivery');
          return null;
        }
        const next = new Date(attemptedAt.getTime() + retryDelay(attempts, settings));
        await tx.execute(`update webhooks.webhook_delivery set attempts = ?, first_attempt_at = ?, last_attempt_at = ?, last_status_code = ?, last_error = ?, next_attempt_at = ? where id = ?`,
          [attempts, firstAttemptAt, attemptedAt, statusCode, error, next, delivery.id]);
        return next;
      });
      if (error) {
        log.info({ subscriptionId, eventId: delivery.event_id, attempts, error }, 'webhook delivery failed');
        // Later deliveries of this subscription wait for this one: the order per record holds.
        if (nextAttempt) await enqueue(subscriptionId, nextAttempt);
        return;
      }
    }
  }

  let harvesting: Promise<void> | null = null;
  let again = false;

  /** Turns new feed events into delivery rows; one round at a time in this process. */
  async function harvestRound(): Promise<void> {
    const subscriptions = await em().execute<SubscriptionRow[]>(`select * from webhooks.webhook_subscription`);
    if (subscriptions.length === 0) return;
    for (let page = 0; page < 50; page += 1) {
      const [state] = await em().execute(`select cursor from webhooks.webhook_dispatcher where key = 'harvest'`);
      const cursorText: string = state?.cursor ?? '';
      const result = await mergedChanges(decodeCursor(cursorText), HARVEST_PAGE, {}, true);
      if (result.events.length === 0) return;
      const touched = new Set<string>();
      const rows: unknown[][] = [];
      for (const { event } of result.events) {
        for (const subscription of subscriptions) {
          if (new Date(event.changedAt) < new Date(subscription.created_at) || !matchesFilter(event, subscription.filter ?? {})) continue;
          const payload = webhookPayload(event);
          rows.push([subscription.id, event.id, payload.type, event.recordId, JSON.stringify(payload), event.changedAt]);
          touched.add(subscription.id);
        }
      }
      const moved = await em().transactional(async (tx) => {
        // Another dispatcher (a second hub instance) may have moved the cursor meanwhile: then this round is void.
        const [current] = await tx.execute(`select cursor from webhooks.webhook_dispatcher where key = 'harvest' for update`);
        if ((current?.cursor ?? '') !== cursorText) return false;
        for (let index = 0; index < rows.length; index += 100) {
          const chunk = rows.slice(index, index + 100);
          await tx.execute(
            `insert into webhooks.webhook_delivery (subscription_id, event_id, event_type, record_id, payload, committed_at)
             values ${chunk.map(() => '(?::uuid, ?::uuid, ?, ?::uuid, ?::jsonb, ?::timestamptz)').join(', ')} on conflict do nothing`,
            chunk.flat(),
          );
        }
        await tx.execute(`insert into webhooks.webhook_dispatcher (key, cursor) values ('harvest', ?) on conflict (key) do update set cursor = excluded.cursor`, [result.endCursor]);
        return true;
      });
      if (!moved) return;
      for (const subscriptionId of touched) {
        const subscription = subscriptions.find((candidate) => candidate.id === subscriptionId);
        if (subscription?.status === 'ACTIVE') await enqueue(subscriptionId);
      }
      if (!result.hasNextPage) return;
    }
  }

  const harvest = (): Promise<void> => {
    if (harvesting) {
      again = true;
      return harvesting;
    }
    harvesting = (async () => {
      do {
        again = false;
        try {
          await harvestRound();
        } catch (error) {
          log.warn({ err: (error as Error).message }, 'harvesting the change feed failed; trying again');
        }
      } while (again);
    })().finally(() => {
      harvesting = null;
    });
    return harvesting;
  };

  // Safety net: subscriptions with due deliveries and no job (a send lost in a crash) get one.
  const recover = async () => {
    try {
      const due = await em().execute<{ subscription_id: string }[]>(
        `select distinct d.subscription_id from webhooks.webhook_delivery d join webhooks.webhook_subscription s on s.id = d.subscription_id
         where d.status = 'PENDING' and s.status = 'ACTIVE' and d.next_attempt_at <= clock_timestamp()`);
      for (const { subscription_id } of due) await enqueue(subscription_id);
    } catch (error) {
      log.warn({ err: (error as Error).message }, 'webhook recovery failed');
    }
  };

  onFeedNudge(() => void harvest());
  const poll = setInterval(() => void harvest(), settings.pollMs);
  const recovery = setInterval(() => void recover(), Math.max(5000, settings.pollMs * 5));
  void recover();
  void harvest();

  running = {
    harvest,
    wake: (subscriptionId) => enqueue(subscriptionId),
    async stop() {
      running = null;
      clearInterval(poll);
      clearInterval(recovery);
      await harvesting;
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
      await agent.close();
      await pool.end();
    },
  };
  return running;
}
