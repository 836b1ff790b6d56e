import { inject } from 'vitest';
import { GATEWAY_SECRET_HEADER, signPartnerToken, type Role } from '../subgraphs/toolkit/auth.js';

// Services that tests start in-process (a second gateway, a restarted subgraph) must share the
// running system's secrets, and so must the tokens tests sign.
process.env.GATEWAY_SECRET = inject('gatewaySecret');
process.env.AUTH_SECRET = inject('tokenSecret');
for (const name of ['AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY', 'AUTH_ISSUER', 'AUTH_AUDIENCE']) delete process.env[name];

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

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
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(toSubgraph && gatewaySecret ? { [GATEWAY_SECRET_HEADER]: inject('gatewaySecret') } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

export const subgraphUrl = (name: string) => inject('subgraphUrls')[name];

/** A partner token signed with the running system's secret. */
export function tokenFor(org: string, role: Role = 'editor', expiresIn: string | number = '1h'): Promise<string> {
  return signPartnerToken({ org, role }, expiresIn, inject('tokenSecret'));
}
