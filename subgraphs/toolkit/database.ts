import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { RequestHandler } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { envInt } from '../../shared/config.js';
import { CHANGE_EVENT_TABLES, ChangeCapture } from './change-events.js';
import { REPO_ROOT } from '../../shared/paths.js';

export interface DatabaseDefinition {
  /** Subgraph name; also the folder of its migrations. */
  name: string;
  entities: Function[];
  migrations: MigrationObject[];
}

export interface DatabaseOptions {
  /**
   * Longest a single SQL statement may run, in ms (PostgreSQL `statement_timeout` on every pooled
   * connection); 0 for none. Services take `DATABASE_STATEMENT_TIMEOUT_MS`, by default 1 s below
   * the gateway's `SUBGRAPH_TIMEOUT_MS`: nothing runs on after the gateway stopped waiting.
   */
  statementTimeoutMs?: number;
}

/** The statement timeout of a running service (see `DatabaseOptions.statementTimeoutMs`). */
export function serviceStatementTimeoutMs(): number {
  return envInt('DATABASE_STATEMENT_TIMEOUT_MS', Math.max(100, envInt('SUBGRAPH_TIMEOUT_MS', 5000) - 1000));
}

export function ormConfig(definition: DatabaseDefinition, clientUrl: string, { statementTimeoutMs = 0 }: DatabaseOptions = {}) {
  return defineConfig({
    clientUrl,
    entities: definition.entities,
    extensions: [Migrator],
    // Notes what each write transaction changes, for its change events.
    subscribers: [new ChangeCapture()],
    // Tables written in SQL by the change events and webhooks (no entities): generated migrations leave them alone.
    schemaGenerator: { skipTables: [...CHANGE_EVENT_TABLES, /^webhook_/] },
    migrations: {
      // Listed explicitly: no file globbing at start-up, same behaviour under tsx, tsc and vitest.
      migrationsList: definition.migrations,
      path: path.join(REPO_ROOT, 'subgraphs', definition.name, 'migrations'),
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
    discovery: { disableDynamicFileAccess: true },
    // No global EntityManager: every request forks its own.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: 10, idleTimeoutMillis: 10_000 },
    // node-postgres sends it when a connection opens: no extra statement per query.
    driverOptions: statementTimeoutMs > 0 ? { connection: { statement_timeout: statementTimeoutMs } } : {},
    debug: false,
  });
}

export interface Database {
  orm: MikroORM;
  /**
   * Express middleware (after the body parser): SQL run for this HTTP request is cancelled in
   * PostgreSQL (`pg_cancel_backend`) when the request closes unanswered, e.g. because the gateway
   * gave up or its client went away; later statements of that request are not sent at all.
   */
  cancelOnClose: RequestHandler;
}

/** A pooled node-postgres connection, as knex hands it to `_query`. */
interface PgConnection {
  processID?: number;
}

interface KnexClient {
  _query(connection: PgConnection, query: { sql: string; bindings?: unknown[] }): Promise<unknown>;
  acquireRawConnection(): Promise<PgConnection>;
  destroyRawConnection(connection: PgConnection): Promise<void>;
}

interface QueryScope {
  /** The connections running this request's statements, with each one's SQL. */
  running: Map<PgConnection, string>;
  closed: boolean;
}

/** Raised instead of sending SQL for a request whose client has gone. */
export class RequestClosedError extends Error {
  constructor() {
    super('The request was closed before its statements ran');
  }
}

/**
 * Cancels only if the backend still runs that very statement: by the time the cancelling
 * connection is open, the pooled one may have finished and moved on to another request's SQL.
 */
const CANCEL_SQL = `select pg_cancel_backend(pid) from pg_stat_activity where pid = $1 and state = 'active' and query <> '' and starts_with($2::text, query)`;

/** Ending a transaction always goes through: a connection must never return to the pool inside one. */
const TRANSACTION_CONTROL = /^\s*(rollback|commit|release|savepoint)\b/i;

const scopes = new AsyncLocalStorage<QueryScope>();
const trackedPrototypes = new WeakSet<object>();

/**
 * Hooks knex's `_query` on the client's prototype (a transaction runs on a copy of the client made
 * from that prototype), once per process: statements sent within a request's scope are recorded.
 */
function trackStatements(client: KnexClient): void {
  const prototype = Object.getPrototypeOf(client) as KnexClient;
  if (trackedPrototypes.has(prototype)) return;
  trackedPrototypes.add(prototype);
  const run = prototype._query;
  prototype._query = function trackedQuery(this: KnexClient, connection, query) {
    const scope = scopes.getStore();
    if (!scope) return run.call(this, connection, query);
    if (scope.closed && !TRANSACTION_CONTROL.test(query.sql)) return Promise.reject(new RequestClosedError());
    scope.running.set(connection, query.sql);
    const result = run.call(this, connection, query);
    const done = () => void scope.running.delete(connection);
    result.then(done, done);
    return result;
  };
}

function cancelOnClose(orm: MikroORM): RequestHandler {
  const client = orm.em.getConnection().getKnex().client as unknown as KnexClient;
  trackStatements(client);
  // Outside the request's scope: the cancelling statement itself must run.
  const cancel = (scope: QueryScope, connection: PgConnection) =>
    scopes.exit(async () => {
      const canceller = await client.acquireRawConnection();
      try {
        const sql = scope.running.get(connection);
        if (sql !== undefined && connection.processID) await client._query(canceller, { sql: CANCEL_SQL, bindings: [connection.processID, sql] });
      } finally {
        await client.destroyRawConnection(canceller);
      }
    }).catch(() => undefined);

  return (_req, res, next) => {
    const scope: QueryScope = { running: new Map(), closed: false };
    res.once('close', () => {
      if (res.writableFinished) return;
      scope.closed = true;
      for (const connection of scope.running.keys()) void cancel(scope, connection);
    });
    scopes.run(scope, next);
  };
}

/** Opens the subgraph's pool; `onStatement` is called for every SQL statement sent. */
export async function openDatabase(definition: DatabaseDefinition, clientUrl: string, onStatement?: () => void, options: DatabaseOptions = {}): Promise<Database> {
  const orm = await MikroORM.init(ormConfig(definition, clientUrl, options));
  if (onStatement) orm.em.getConnection().getKnex().on('query', onStatement);
  return { orm, cancelOnClose: cancelOnClose(orm) };
}

/** Runs pending migrations in one transaction, without the statement timeout (an index build may take long). */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.em.getConnection().transactional(async (transaction) => {
    await transaction.raw('set local statement_timeout = 0');
    return orm.getMigrator().up({ transaction });
  });
  return applied.map((migration) => migration.name);
}

export type { EntityManager };
