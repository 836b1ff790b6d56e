import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { tokenClaimsOf } from './auth.js';
import { envBool, envInt, envString } from '../shared/config.js';
import { apolloHandler } from '../shared/apollo-express.js';
import { jsonHttpErrors } from '../shared/http-errors.js';
import { requestLogging, serviceLogger } from '../shared/logger.js';
import { createMetrics } from '../shared/metrics.js';
import { createGatewayContext, type GatewayContext } from './context.js';
import { formatGatewayError, requestIdOnInternalErrors } from './errors.js';
import { createExportRouter } from './export.js';
import { admissionPlugin } from './admission.js';
import { limitsFromEnv, requestShape } from './limits.js';
import { createMapsRouter } from './maps.js';
import { createChangesFeedRouter } from './changes-feed.js';
import { playgroundRouter } from './playground.js';
import { PLAYGROUND_TABS } from './playground-examples.js';
import { loadTrustedDocuments, trustedDocumentRequests } from './trusted-documents.js';
import { REPO_ROOT } from '../shared/paths.js';
import { meteredQueryPlanCache } from './query-plan-cache.js';
import { responseCachePlugin } from './response-cache.js';
import { createProfilesRouter } from './profiles.js';
import { admitClient, budgetFromEnv } from './rate-limit.js';
import { createSubgraphFetchMetrics, SubgraphClient } from './subgraph-client.js';
import { checkSubgraphs } from './readiness.js';
import { readSupergraph, subgraphEndpoints } from './supergraph.js';
import { watchChanges } from './change-watch.js';
import { announceWritesPlugin, GatewayDatabase } from './gateway-database.js';
import { SharedBudget } from './shared-budget.js';
import { subgraphUrl } from '../shared/peers.js';

export interface GatewayOptions {
  port: number;
  host?: string;
  supergraphPath: string;
  /** Subgraph URLs by name, overriding the supergraph's and the environment's. */
  subgraphUrls?: Record<string, string>;
  /** The database gateway instances share budgets and cache invalidation in; default `GATEWAY_DATABASE_URL`, none: this instance alone. */
  databaseUrl?: string;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}


/** Builds the gateway from the static supergraph file: no subgraph is asked anything at start-up. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const supergraphSdl = readSupergraph(options.supergraphPath);
  const endpoints = subgraphEndpoints(supergraphSdl, options.subgraphUrls);
  const urls = new Map(endpoints.map(({ name, url }) => [name, url]));

  // @apollo/gateway otherwise probes cloud metadata addresses and sends usage metrics to Apollo:
  // a regional hub reports to nobody unless its operators configure it.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const metrics = createMetrics('gateway');
  const fetchMetrics = createSubgraphFetchMetrics(metrics.registry);
  const gateway = new ApolloGateway({
    supergraphSdl,
    queryPlannerConfig: { cache: meteredQueryPlanCache(envInt('QUERY_PLAN_CACHE_MIB', 30), metrics.registry) },
    buildService: ({ name, url }) => new SubgraphClient(name, urls.get(name) ?? url!, fetchMetrics),
  });

  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy the budget of anonymous callers must key on the client's address, not the proxy's.
  const trustProxy = envString('TRUST_PROXY', '');
  if (trustProxy) app.set('trust proxy', /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
  const httpServer = http.createServer(app);
  const limits = limitsFromEnv();
  const responseCache = responseCachePlugin({ ttlMs: envInt('RESPONSE_CACHE_TTL_MS', 5000), maxBytes: envInt('RESPONSE_CACHE_MIB', 32) * 1024 * 1024, registry: metrics.registry });
  const invalidateCaches = () => {
    responseCache.invalidate();
    fetchMetrics.entityCache.invalidate();
  };
  // Several instances: budgets and cache invalidation shared in the gateway database (gateway-database.ts).
  const databaseUrl = options.databaseUrl ?? envString('GATEWAY_DATABASE_URL', '');
  const database = databaseUrl ? new GatewayDatabase(databaseUrl, invalidateCaches) : null;
  if (database) await database.start();
  const localBudget = budgetFromEnv();
  const budget = localBudget && database ? new SharedBudget(database, localBudget.perWindow, localBudget.windowMs, localBudget.maxClients) : localBudget;
  // The shared budget's statement reads the write generation; without a budget the door reads it alone.
  const beforeAdmit = database && !budget ? () => database.refresh() : undefined;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Always on in Apollo; who may introspect is decided by the admission step.
    introspection: true,
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: formatGatewayError(envBool('DEBUG_ERRORS', false)),
    includeStacktraceInErrorResponses: envBool('DEBUG_ERRORS', false),
    // Our entry points handle SIGTERM (drain, close the pool, exit 0); two handlers would race.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), metrics.plugin, requestIdOnInternalErrors, requestLogging(serviceLogger('gateway')),
      // With INTROSPECTION=false (production) signed-in partners still get the schema and docs.
      admissionPlugin({ limits, anonymousIntrospection: envBool('INTROSPECTION', true), budget }),
      responseCache, ...(database ? [announceWritesPlugin(database)] : [])],
  });
  await apollo.start();
  // Writes that bypass this instance (another gateway, an import) reach its caches through the change feed.
  const changeWatch = watchChanges({
    organizationsUrl: urls.get('organizations') ?? subgraphUrl('organizations'),
    intervalMs: envInt('CHANGE_WATCH_MS', 5000),
    onChange: invalidateCaches,
  });

  app.get('/metrics', metrics.handler);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const readiness = await checkSubgraphs(endpoints);
    const missing = readiness.subgraphs.filter((subgraph) => !subgraph.ready).map((subgraph) => subgraph.name);
    res.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? 'ready' : 'unavailable', missing, subgraphs: readiness.subgraphs });
  });
  app.use(playgroundRouter());
  const fileCost = envInt('RATE_LIMIT_FILE_COST', 100);
  app.use('/profiles', admitClient(budget, 'file', fileCost, beforeAdmit));
  app.use('/export', admitClient(budget, 'file', fileCost, beforeAdmit));
  app.use('/maps', admitClient(budget, 'file', fileCost, beforeAdmit));
  app.use('/feeds', admitClient(budget, 'file', fileCost, beforeAdmit));
  app.use(createProfilesRouter(apollo, (req, res) => createGatewayContext(req, res, urls)));
  app.use(createExportRouter(apollo, (req, res) => createGatewayContext(req, res, urls)));
  app.use(createMapsRouter(apollo, (req, res) => createGatewayContext(req, res, urls)));
  app.use(createChangesFeedRouter(apollo, (req, res) => createGatewayContext(req, res, urls)));
  // Partner apps' registered operations, and the playground's saved ones (see trusted-documents.ts).
  const trustedDocuments = loadTrustedDocuments(path.resolve(REPO_ROOT, envString('TRUSTED_DOCUMENTS_DIR', 'trusted-documents')), PLAYGROUND_TABS.map((tab) => tab.query));
  app.use(
    '/graphql',
    admitClient(budget, 'graphql', 0, beforeAdmit),
    express.json({ limit: envString('BODY_LIMIT', '1mb') }),
    // A document id becomes its text here, so the admission step inside Apollo checks it like any text.
    trustedDocumentRequests(trustedDocuments, { persistedOnly: envBool('PERSISTED_ONLY', false), isSignedIn: (req) => tokenClaimsOf(req).then((claims) => claims !== null, () => false) }),
    requestShape(),
    apolloHandler(apollo, ({ req, res }) => createGatewayContext(req, res, urls)),
  );
  app.use(jsonHttpErrors);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    port,
    url: `http://localhost:${port}/graphql`,
    stop: async () => {
      changeWatch.stop();
      await apollo.stop();
      await database?.stop();
    },
  };
}
