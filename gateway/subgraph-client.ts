import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import client from 'prom-client';
import { envInt } from '../shared/config.js';
import { GATEWAY_SECRET_HEADER, PARTNER_ORGANIZATION_HEADER, gatewaySecret } from '../shared/auth.js';
import type { GatewayContext } from './context.js';
import { createEntityCache } from './entity-cache.js';
import { fetchScope, subgraphFetcher } from './subgraph-fetcher.js';

/** Per-subgraph fetch figures for the gateway's /metrics. */
export function createSubgraphFetchMetrics(registry: client.Registry) {
  return {
    duration: new client.Histogram({
      name: 'subgraph_fetch_duration_seconds',
      help: 'Duration of the gateway\'s fetches to each subgraph',
      labelNames: ['subgraph'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    errors: new client.Counter({
      name: 'subgraph_fetch_errors_total',
      help: 'Failed fetches to each subgraph (network errors and non-2xx answers)',
      labelNames: ['subgraph'],
      registers: [registry],
    }),
    entityCache: createEntityCache(registry),
  };
}

export type SubgraphFetchMetrics = ReturnType<typeof createSubgraphFetchMetrics>;

/**
 * How the gateway talks to one subgraph: the gateway's secret proves where the request comes
 * from; the caller's token and its resolved organization id travel along; each fetch is timed.
 */
export class SubgraphClient extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly secret = gatewaySecret();

  constructor(
    readonly name: string,
    url: string,
    private readonly metrics: SubgraphFetchMetrics,
  ) {
    // A slow subgraph costs at most SUBGRAPH_TIMEOUT_MS; its fields then arrive as null with an error.
    super({
      url,
      fetcher: subgraphFetcher({ connections: envInt('SUBGRAPH_CONNECTIONS', 32), timeoutMs: envInt('SUBGRAPH_TIMEOUT_MS', 5000) }).fetcher as never,
    });
    // Entities that change rarely are answered by the gateway's entity cache where it can.
    this.fetcher = metrics.entityCache.wrap(name, this.fetcher as never) as never;
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const headers = request.http?.headers;
    if (!headers) return;
    headers.set(GATEWAY_SECRET_HEADER, this.secret);
    if (context?.requestId) headers.set('x-request-id', context.requestId);
    if (context?.partner) {
      headers.set('authorization', context.partner.authorization);
      headers.set(PARTNER_ORGANIZATION_HEADER, context.partner.organizationId);
    }
  }

  override async process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0]) {
    const stopTimer = this.metrics.duration.startTimer({ subgraph: this.name });
    try {
      const incoming = 'incomingRequestContext' in options ? options : undefined;
      // Read or write is decided on parsed operations, the client's and the subgraph fetch's own:
      // only a query within a query may share a round trip with an identical one.
      // (A query operation is planned into subgraph queries only; the fetch's own document, when
      // the planner exposes it, is checked as well.)
      const readOnly = Boolean(incoming && incoming.incomingRequestContext.operation?.operation === 'query' && (!incoming.document || onlyQueries(incoming.document)));
      return await fetchScope.run({ readOnly, signal: incoming?.context?.signal }, () => super.process(options));
    } catch (error) {
      // A 4xx with GraphQL errors is the subgraph refusing the request (e.g. a variable it cannot
      // parse): pass its first error on, coded, instead of calling the subgraph unavailable.
      const refusal = clientRefusal(error);
      if (refusal) {
        throw new GraphQLError(refusal.message, { extensions: { code: refusal.code, serviceName: this.name } });
      }
      this.metrics.errors.inc({ subgraph: this.name });
      // Down, slow, refusing or answering garbage: the client learns which subgraph, not its URL,
      // status body or stack.
      throw new GraphQLError(`The ${this.name} subgraph is unavailable`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.name },
      });
    } finally {
      stopTimer();
    }
  }
}

/** True when every operation of the subgraph fetch's document is a query. */
function onlyQueries(document: DocumentNode): boolean {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operations.length > 0 && operations.every((operation) => operation.operation === 'query');
}

function clientRefusal(error: unknown): { message: string; code: string } | null {
  const response = (error as { extensions?: { response?: { status?: number; body?: { errors?: { message?: string; extensions?: { code?: string } }[] } } } })?.extensions?.response;
  const first = response?.body?.errors?.[0];
  if (!response?.status || response.status < 400 || response.status >= 500 || !first?.message) return null;
  return { message: first.message, code: first.extensions?.code ?? 'BAD_USER_INPUT' };
}
