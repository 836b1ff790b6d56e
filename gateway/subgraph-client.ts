import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import client from 'prom-client';
import { envInt } from '../shared/config.js';
import { GATEWAY_SECRET_HEADER, PARTNER_ORGANIZATION_HEADER, gatewaySecret } from '../shared/auth.js';
import type { GatewayContext } from './context.js';
import { createEntityCache } from './entity-cache.js';
import { subgraphTransport, type SubgraphCall } from './subgraph-fetcher.js';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

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
 * A `GraphQLDataSource` of its own rather than Apollo's `RemoteGraphQLDataSource`, which builds
 * node-fetch `Headers` and a `Request` per fetch and reads the answer through a fetch `Response`:
 * here the payload goes down as an object (serialised once, by the transport) and the answer
 * comes back as one string, parsed once.
 */
export class SubgraphClient implements GraphQLDataSource<GatewayContext> {
  private readonly secret = gatewaySecret();
  private readonly call: SubgraphCall;
  readonly close: () => Promise<void>;

  constructor(
    readonly name: string,
    readonly url: string,
    private readonly metrics: SubgraphFetchMetrics,
  ) {
    // A slow subgraph costs at most SUBGRAPH_TIMEOUT_MS; its fields then arrive as null with an error.
    const transport = subgraphTransport(url, { connections: envInt('SUBGRAPH_CONNECTIONS', 32), timeoutMs: envInt('SUBGRAPH_TIMEOUT_MS', 5000) });
    // Entities that change rarely are answered by the gateway's entity cache where it can.
    this.call = metrics.entityCache.wrap(name, transport.call);
    this.close = transport.close;
  }

  /** The headers of a fetch: the gateway's secret, the request id and the caller (the trace context is added by the undici instrumentation when tracing is on). */
  private headersFor(context: Partial<GatewayContext> | undefined, incoming: Iterable<[string, string]> | undefined): Record<string, string> {
    const headers: Record<string, string> = {};
    // Headers the gateway itself asks for (the federated trace header when usage reporting is on).
    if (incoming) for (const [name, value] of incoming) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    headers[GATEWAY_SECRET_HEADER] = this.secret;
    if (context?.requestId) headers['x-request-id'] = context.requestId;
    if (context?.partner) {
      headers.authorization = context.partner.authorization;
      headers[PARTNER_ORGANIZATION_HEADER] = context.partner.organizationId;
    }
    return headers;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const stopTimer = this.metrics.duration.startTimer({ subgraph: this.name });
    try {
      const incoming = 'incomingRequestContext' in options ? options : undefined;
      // Read or write is decided on parsed operations, the client's and the subgraph fetch's own:
      // only a query within a query may share a round trip with an identical one.
      // (A query operation is planned into subgraph queries only; the fetch's own document, when
      // the planner exposes it, is checked as well.)
      const readOnly = Boolean(incoming && incoming.incomingRequestContext.operation?.operation === 'query' && (!incoming.document || onlyQueries(incoming.document)));
      const { query, variables, operationName, extensions } = options.request;
      if (!query) throw new Error('Missing query');
      const context = options.context as Partial<GatewayContext> | undefined;
      const answer = await this.call({
        payload: { query, variables, operationName, ...(extensions ? { extensions } : {}) },
        headers: this.headersFor(context, options.request.http?.headers as Iterable<[string, string]> | undefined),
        readOnly,
        signal: context?.signal,
      });
      const json = answer.contentType.startsWith('application/json') || answer.contentType.startsWith('application/graphql-response+json');
      const body = json ? (JSON.parse(answer.body) as unknown) : answer.body;
      if (answer.status < 200 || answer.status >= 300) throw new SubgraphRefused(answer.status, body);
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error(`Expected a JSON object from ${this.name}`);
      // Subgraphs' cache hints, as Apollo's data source honours them (none of ours sends one today).
      const policy = incoming?.incomingRequestContext.overallCachePolicy;
      if (policy && 'restrict' in policy) policy.restrict(cacheHint(answer.cacheControl));
      return body as GatewayGraphQLResponse;
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

/** A subgraph answered with a status other than 2xx; `body` parsed when it was JSON. */
class SubgraphRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`The subgraph answered ${status}`);
  }
}

/** `cache-control` of a subgraph's answer as a cache hint (no header: not cacheable), as Apollo reads it. */
function cacheHint(header: string | undefined): { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' } {
  const hint: { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' } = { maxAge: 0 };
  for (const part of (header ?? '').split(',')) {
    const [name, value] = part.trim().toLowerCase().split('=');
    if (name === 'max-age' && value && /^[0-9]+$/.test(value)) hint.maxAge = Number(value);
    else if (name === 'private') hint.scope = 'PRIVATE';
    else if (name === 'public') hint.scope = 'PUBLIC';
  }
  return hint;
}

/** True when every operation of the subgraph fetch's document is a query. */
function onlyQueries(document: DocumentNode): boolean {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operations.length > 0 && operations.every((operation) => operation.operation === 'query');
}

function clientRefusal(error: unknown): { message: string; code: string } | null {
  if (!(error instanceof SubgraphRefused) || error.status < 400 || error.status >= 500) return null;
  const first = (error.body as { errors?: { message?: string; extensions?: { code?: string } }[] } | undefined)?.errors?.[0];
  if (!first?.message) return null;
  return { message: first.message, code: first.extensions?.code ?? 'BAD_USER_INPUT' };
}
