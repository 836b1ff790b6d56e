import { GATEWAY_SECRET_HEADER, gatewaySecret } from '../shared/auth.js';
import type { SubgraphEndpoint } from './supergraph.js';

export interface Readiness {
  ready: boolean;
  subgraphs: { name: string; ready: boolean; error?: string }[];
}

/** Asks every subgraph a trivial query; a subgraph that does not answer in time is not ready. */
export async function checkSubgraphs(endpoints: SubgraphEndpoint[], timeoutMs = 2000): Promise<Readiness> {
  // With the gateway's secret: a subgraph that refuses it is misconfigured, hence not ready.
  const secret = gatewaySecret();
  const subgraphs = await Promise.all(
    endpoints.map(async ({ name, url }) => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [GATEWAY_SECRET_HEADER]: secret },
          body: JSON.stringify({ query: '{ __typename }' }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        return response.ok ? { name, ready: true } : { name, ready: false, error: `HTTP ${response.status}` };
      } catch (error) {
        return { name, ready: false, error: error instanceof Error ? error.message : 'unreachable' };
      }
    }),
  );
  return { ready: subgraphs.every((subgraph) => subgraph.ready), subgraphs };
}
