import { inject } from 'vitest';
import { GATEWAY_SECRET_HEADER, signPartnerToken, type Role } from '../shared/auth.js';
import { postGraphQL, type GraphQLAnswer } from '../scripts/lib/graphql-post.js';

// Services that tests start in-process (a second gateway, a restarted subgraph) must share the
// running system's secrets, and so must the tokens tests sign.
process.env.GATEWAY_SECRET = inject('gatewaySecret');
process.env.AUTH_SECRET = inject('tokenSecret');
for (const name of ['AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY', 'AUTH_ISSUER', 'AUTH_AUDIENCE']) delete process.env[name];
// Gateways that tests start in-process count no background reads of the change feed as SQL of a
// request (test/gateway-instances.test.ts turns the watch on for its own gateways).
process.env.CHANGE_WATCH_MS = '0';

/** A GraphQL answer with its HTTP status. */
export type GraphQLResponse<T = any> = GraphQLAnswer<T>;

export interface RequestOptions {
  /** Default: the gateway. Other URLs (subgraphs) get the gateway's secret unless `gatewaySecret` is false. */
  url?: string;
  headers?: Record<string, string>;
  /** A partner token, sent as `Authorization: Bearer …`. */
  token?: string;
  gatewaySecret?: boolean;
}

/** POSTs a GraphQL operation, by default to the gateway. */
export async function graphql<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  { url = `${inject('gatewayUrl')}/graphql`, headers = {}, token, gatewaySecret = true }: RequestOptions = {},
): Promise<GraphQLResponse<T>> {
  const toSubgraph = !url.startsWith(inject('gatewayUrl'));
  return postGraphQL<T>(url, query, variables, { token, headers: { ...(toSubgraph && gatewaySecret ? { [GATEWAY_SECRET_HEADER]: inject('gatewaySecret') } : {}), ...headers } });
}

export const subgraphUrl = (name: string) => inject('subgraphUrls')[name];

/** A partner token signed with the running system's secret. */
export function tokenFor(org: string, role: Role = 'editor', expiresIn: string | number = '1h'): Promise<string> {
  return signPartnerToken({ org, role }, expiresIn, inject('tokenSecret'));
}
