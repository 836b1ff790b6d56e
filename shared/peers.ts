import { defaultPortOf } from './services.js';
import { GATEWAY_SECRET_HEADER, gatewaySecret } from './auth.js';
import { envInt, envPrefix } from './config.js';
import { ServiceUnavailableError } from './errors.js';

/**
 * How a service learns about data another subgraph owns: it asks that subgraph over HTTP, the
 * way the gateway does (with the gateway's secret, anonymously). No SQL crosses databases, so a
 * partner may host any subgraph elsewhere: only `<NAME>_URL` changes.
 */

/** Where a subgraph answers: `<NAME>_URL`, else its port on this machine. */
export function subgraphUrl(name: string): string {
  const prefix = envPrefix(name);
  return process.env[`${prefix}_URL`] || `http://127.0.0.1:${envInt(`${prefix}_PORT`, defaultPortOf(name))}/graphql`;
}

/** One GraphQL request to another service; any failure is SERVICE_UNAVAILABLE (details stay here). */
export async function querySubgraph<T>(url: string, query: string, variables: Record<string, unknown>, timeoutMs = 5000): Promise<T> {
  let body: { data?: T; errors?: unknown[] } | undefined;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GATEWAY_SECRET_HEADER]: gatewaySecret() },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = response.ok ? ((await response.json()) as typeof body) : undefined;
  } catch {
    body = undefined;
  }
  if (!body?.data || body.errors?.length) throw new ServiceUnavailableError('A service of the regional graph did not answer; try again shortly');
  return body.data;
}

/**
 * Checks that entities of another subgraph exist by asking its `_entities` (the federation
 * contract every subgraph serves). Entities found are remembered for `ttlMs`: they are rarely
 * removed, and a write that names them should not cost a round trip each time.
 */
export function entityChecker(subgraph: string, typename: string, keyField: 'id' | 'key', ttlMs = 30_000) {
  const known = new Map<string, number>();
  const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${keyField} } } }`;

  /** The keys (of `keys`) that the owning subgraph does not know. */
  return async function unknownKeys(keys: readonly string[]): Promise<string[]> {
    const now = Date.now();
    const asked = [...new Set(keys)].filter((key) => (known.get(key) ?? 0) <= now);
    if (asked.length === 0) return [];
    const data = await querySubgraph<{ _entities: (Record<string, string> | null)[] }>(subgraphUrl(subgraph), query, {
      representations: asked.map((key) => ({ __typename: typename, [keyField]: key })),
    });
    const found = new Set(data._entities.flatMap((entity) => (entity ? [entity[keyField]] : [])));
    for (const key of found) known.set(key, now + ttlMs);
    return asked.filter((key) => !found.has(key));
  };
}
