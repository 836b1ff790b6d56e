import type { ApolloServerPlugin } from '@apollo/server';
import pg from 'pg';
import type { GatewayContext } from './context.js';
import { serviceLogger } from '../shared/logger.js';

const log = serviceLogger('gateway');
/** The channel every gateway instance listens on; the payload is the new write generation. */
export const INVALIDATE_CHANNEL = 'gateway_invalidate';
const SCHEMA_LOCK = 4_101_961; // any constant: serialises the schema set-up of instances starting together

/**
 * What gateway instances share (several processes of `GATEWAY_WORKERS`, several machines): one small
 * PostgreSQL database of their own (`GATEWAY_DATABASE_URL`; `npm start` creates `gateway` in the
 * embedded server) holding the cost budgets (`shared-budget.ts`) and a write generation.
 *
 * The write generation is a counter an instance raises, with a `NOTIFY`, after every write it
 * answers and before it sends the answer. Every instance `LISTEN`s and empties its caches when the
 * counter moves; and every request reads the counter at the door (in the same statement that charges
 * its budget, or alone when rate limiting is off) and empties the caches first when it moved. So a
 * read that starts after a write through any instance was answered never gets a cached answer
 * older than that write, whether or not the notification has arrived yet. If the database does not
 * answer, nothing fails: the caches fall back to the change watch and their TTLs (see README).
 */
export class GatewayDatabase {
  readonly pool: pg.Pool;
  private known = 0;
  private listener: pg.Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelayMs = 250;
  private stopped = false;
  private migrated = false;
  private downSince: number | null = null;

  constructor(
    private readonly url: string,
    private readonly onInvalidate: () => void,
  ) {
    // Small on purpose: one short statement per request; the pool's queue and timeouts bound the wait.
    // Commits without waiting for the disk: a crash may forget the last moments of budgets, never a
    // visible state (what other sessions see and NOTIFY are immediate either way).
    this.pool = new pg.Pool({ connectionString: url, max: 5, application_name: 'gateway', connectionTimeoutMillis: 1000, query_timeout: 1000, statement_timeout: 1000, keepAlive: true, idleTimeoutMillis: 60_000, options: '-c synchronous_commit=off' });
    this.pool.on('error', (error) => this.failed(error)); // an idle connection dropped (a restart): the next query reconnects
  }

  /** The generation this instance has seen (tests, metrics). */
  get generation(): number {
    return this.known;
  }

  /**
   * Creates the tables when missing and starts listening. Never throws: without the database an
   * instance runs alone, and sets the tables up when its LISTEN connection first gets through.
   */
  async start(): Promise<void> {
    await this.listen();
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      await client.query(`create table if not exists gateway_generation (id int primary key check (id = 1), n bigint not null)`);
      await client.query(`insert into gateway_generation (id, n) values (1, 0) on conflict (id) do nothing`);
      // One row per budget key: its current window's points and end. Ended windows are deleted (`shared-budget.ts`).
      // Unlogged: no WAL for a write per request; kept across clean restarts, emptied after a crash (budgets of a minute).
      await client.query(`create unlogged table if not exists gateway_budget (key text primary key, spent integer not null, reset_at timestamptz not null)`);
      await client.query(`create index if not exists gateway_budget_reset_at on gateway_budget (reset_at)`);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** A generation read from the database (a notification, the door's statement): empties the caches if it moved. */
  observe(generation: number | string | null | undefined): void {
    const n = Number(generation);
    if (!Number.isFinite(n) || n <= this.known) return;
    this.known = n;
    this.onInvalidate();
  }

  /** Reads the generation alone (the door, when no budget statement carries it). */
  async refresh(): Promise<void> {
    if (this.stopped) return;
    try {
      const { rows } = await this.pool.query<{ n: string }>({ name: 'gateway-generation', text: 'select n::text from gateway_generation where id = 1' });
      this.recovered();
      this.observe(rows[0]?.n);
    } catch (error) {
      this.failed(error);
    }
  }

  /**
   * After a write this instance answers, before the answer is sent: raises the generation and
   * notifies every instance (delivered when the statement commits). Awaited, so that the client
   * cannot read elsewhere before the counter moved.
   */
  async announceWrite(): Promise<void> {
    if (this.stopped) return;
    try {
      const { rows } = await this.pool.query<{ n: string }>(
        `with raised as (update gateway_generation set n = n + 1 where id = 1 returning n)
         select n::text, pg_notify($1, n::text) from raised`,
        [INVALIDATE_CHANNEL],
      );
      this.recovered();
      // This instance emptied its caches for the write already; a jump of more than one is someone else's write too.
      const n = Number(rows[0]?.n);
      if (n === this.known + 1) this.known = n;
      else this.observe(n);
    } catch (error) {
      this.failed(error);
    }
  }

  /** A dedicated connection for `LISTEN`, connected again (with backoff) whenever it drops: a database restart, a network cut. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, application_name: 'gateway-listen', keepAlive: true, connectionTimeoutMillis: 2000 });
    const retry = (error?: unknown) => {
      if (this.listener === client) this.listener = null;
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      if (error) this.failed(error);
      this.scheduleListen();
    };
    client.on('error', retry);
    client.on('end', () => retry(new Error('LISTEN connection ended')));
    client.on('notification', (message) => {
      if (message.channel === INVALIDATE_CHANNEL) this.observe(message.payload);
    });
    try {
      await client.connect();
      if (!this.migrated) {
        await this.migrate();
        this.migrated = true;
      }
      await client.query(`listen ${INVALIDATE_CHANNEL}`);
      // Notifications sent while not listening are lost: the counter says whether any were.
      const { rows } = await client.query<{ n: string }>('select n::text from gateway_generation where id = 1');
      if (this.stopped) {
        await client.end();
        return;
      }
      this.listener = client;
      this.reconnectDelayMs = 250;
      const n = Number(rows[0]?.n ?? 0);
      if (n !== this.known) {
        // Also when it went down (the database was recreated): start again from its counter.
        this.known = n;
        this.onInvalidate();
      }
      this.recovered();
    } catch (error) {
      retry(error);
    }
  }

  private scheduleListen(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(5000, delay * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.listen();
    }, delay);
    this.reconnectTimer.unref();
  }

  /** Whether the LISTEN connection is up (tests). */
  get listening(): boolean {
    return this.listener !== null;
  }

  failed(error: unknown): void {
    if (this.stopped) return;
    if (this.downSince === null) {
      this.downSince = Date.now();
      log.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, 'gateway database unreachable: budgets are per instance and caches rely on the change watch until it answers again');
    }
  }

  recovered(): void {
    if (this.downSince === null) return;
    log.info({ downMs: Date.now() - this.downSince }, 'gateway database answers again: budgets and cache invalidation are shared again');
    this.downSince = null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    if (listener) {
      listener.removeAllListeners();
      listener.on('error', () => undefined);
      await listener.end().catch(() => undefined);
    }
    await this.pool.end().catch(() => undefined);
  }
}

/**
 * Tells the other instances about every write this one answers: after the operation ran and before
 * its response goes out (Apollo sends it once every `willSendResponse` hook has finished).
 */
export function announceWritesPlugin(database: GatewayDatabase): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let write = false;
      return {
        async didResolveOperation({ operation }) {
          write = operation?.operation === 'mutation';
        },
        async willSendResponse() {
          if (write) await database.announceWrite();
        },
      };
    },
  };
}
