import { inject } from 'vitest';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** POSTs a GraphQL operation, by default to the gateway. */
export async function graphql<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  { url = `${inject('gatewayUrl')}/graphql`, headers = {} }: { url?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

export const subgraphUrl = (name: string) => inject('subgraphUrls')[name];
