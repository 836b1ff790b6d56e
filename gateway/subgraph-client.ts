import { RemoteGraphQLDataSource } from '@apollo/gateway';
import client from 'prom-client';
import type { GatewayContext } from './context.js';

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
  };
}

export type SubgraphFetchMetrics = ReturnType<typeof createSubgraphFetchMetrics>;

/** How the gateway talks to one subgraph: request id forwarded, each fetch timed. */
export class SubgraphClient extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
    private readonly metrics: SubgraphFetchMetrics,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  override async process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0]) {
    const stopTimer = this.metrics.duration.startTimer({ subgraph: this.name });
    try {
      return await super.process(options);
    } catch (error) {
      this.metrics.errors.inc({ subgraph: this.name });
      throw error;
    } finally {
      stopTimer();
    }
  }
}
