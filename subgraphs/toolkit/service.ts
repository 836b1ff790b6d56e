import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { EntityManager } from '@mikro-orm/postgresql';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultPortOf } from '../../shared/services.js';
import { gatewaySecret, requireGateway, partnerFromHeaders } from '../../shared/auth.js';
import { envInt, envPrefix } from '../../shared/config.js';
import type { RequestContext } from './context.js';
import { migrate, openDatabase, serviceStatementTimeoutMs, type Database, type DatabaseDefinition } from './database.js';
import { formatError } from '../../shared/errors.js';
import { jsonHttpErrors } from '../../shared/http-errors.js';
import { requestLogging, serviceLogger } from '../../shared/logger.js';
import { createMetrics } from '../../shared/metrics.js';
import { authorOf, markSeeded, SEED_AUTHOR, setChangeAuthor, transactionalWithChanges } from './change-events.js';
import { changeFeedRouter } from './change-feed.js';

/** Everything that makes a subgraph: its data, its schema, its per-request loaders, its seed. */
export interface SubgraphDefinition<Loaders> extends DatabaseDefinition {
  buildSchema(): Promise<GraphQLSchema>;
  createLoaders(em: EntityManager): Loaders;
  /** Inserts what is missing from the reference data; never overwrites what partners changed. */
  seed(em: EntityManager): Promise<void>;
  /** Work this subgraph runs beside its requests (the webhook dispatcher); stopped before the pool closes. */
  background?(database: Database, databaseUrl: string): Promise<{ stop(): Promise<void> }>;
}

export function defineSubgraph<Loaders>(definition: SubgraphDefinition<Loaders>): SubgraphDefinition<Loaders> {
  return definition;
}

export interface StartOptions {
  databaseUrl: string;
  port?: number;
  host?: string;
  /** Run pending migrations before listening (default true). */
  migrate?: boolean;
  /** Insert missing reference data after migrating (default true). */
  seed?: boolean;
  /** PostgreSQL statement timeout of the request pool, ms; default `DATABASE_STATEMENT_TIMEOUT_MS`. */
  statementTimeoutMs?: number;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  database: Database;
  stop(): Promise<void>;
}

const schemas = new Map<string, Promise<GraphQLSchema>>();

/** The subgraph's schema, built once per process. */
export function subgraphSchema(definition: SubgraphDefinition<unknown>): Promise<GraphQLSchema> {
  let schema = schemas.get(definition.name);
  if (!schema) {
    schema = definition.buildSchema();
    schemas.set(definition.name, schema);
  }
  return schema;
}

/** The first seed fills an empty database silently; later seeds record change events for what they add. */
export async function seedDatabase(definition: SubgraphDefinition<unknown>, database: Database): Promise<void> {
  // Reference data may take a while on a slow disk: no statement timeout for seeding.
  const seed = async (em: EntityManager) => {
    await em.execute('set local statement_timeout = 0');
    await definition.seed(em);
  };
  const first = await database.orm.em.fork().transactional((em) => markSeeded(em));
  if (first) await database.orm.em.fork().transactional(seed);
  else await transactionalWithChanges(database.orm.em.fork(), seed, SEED_AUTHOR);
}

export async function startSubgraph<Loaders>(
  definition: SubgraphDefinition<Loaders>,
  options: StartOptions,
): Promise<RunningSubgraph> {
  const metrics = createMetrics(definition.name);
  const database = await openDatabase(definition, options.databaseUrl, metrics.countStatement, { statementTimeoutMs: options.statementTimeoutMs ?? serviceStatementTimeoutMs() });
  try {
    if (options.migrate ?? true) await migrate(database.orm);
    if (options.seed ?? true) await seedDatabase(definition, database);
  } catch (error) {
    await database.orm.close();
    throw error;
  }

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<RequestContext<Loaders>>({
    schema: await subgraphSchema(definition),
    formatError,
    includeStacktraceInErrorResponses: false,
    // Our entry points handle SIGTERM (drain, close the pool, exit 0); two handlers would race.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints in these schemas and no reader of them: without the plugin Apollo wraps no
      // field resolver, where it would run a hook per field and per list item of every answer.
      ApolloServerPluginCacheControlDisabled(),
      metrics.plugin,
      requestLogging(serviceLogger(definition.name)),
    ],
  });
  await apollo.start();

  app.get('/metrics', metrics.handler);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: definition.name });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await database.orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready', service: definition.name });
    } catch {
      res.status(503).json({ status: 'unavailable', service: definition.name, reason: 'database unreachable' });
    }
  });
  // Each subgraph's part of the change feed, for the subgraph that merges them (gateway's secret only).
  app.use('/internal', requireGateway(gatewaySecret()), express.json({ limit: '64kb' }), changeFeedRouter(definition.name, database));
  app.use(
    '/graphql',
    // Only the gateway may ask: a request without its secret is refused before anything runs.
    requireGateway(gatewaySecret()),
    express.json({ limit: '1mb' }),
    metrics.requestScope, // after the body parser, whose stream callbacks would lose the scope
    database.cancelOnClose, // likewise
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const em = database.orm.em.fork();
        const requestId = String(req.headers['x-request-id'] ?? randomUUID()).slice(0, 100);
        const partner = await partnerFromHeaders(req.headers);
        if (partner) setChangeAuthor(em, authorOf(partner, requestId));
        return { em, loaders: definition.createLoaders(em), requestId, partner };
      },
    }),
  );

  app.use(jsonHttpErrors);

  const port = options.port ?? envInt(`${envPrefix(definition.name)}_PORT`, defaultPortOf(definition.name));
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, options.host ?? '127.0.0.1', () => resolve());
  });
  const actualPort = (httpServer.address() as AddressInfo).port;
  const background = await definition.background?.(database, options.databaseUrl);

  return {
    name: definition.name,
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}/graphql`,
    database,
    async stop() {
      await apollo.stop();
      await background?.stop();
      await database.orm.close();
    },
  };
}
