/** A GraphQL answer with its HTTP status, as the command-line tools and the tests read it. */
export interface GraphQLAnswer<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface PostOptions {
  /** A partner token, sent as `Authorization: Bearer …`. */
  token?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * One GraphQL request over HTTP POST. A body that is not JSON becomes an error naming the HTTP
 * status; a network failure rejects (each caller says what to do about it in its own words).
 */
export async function postGraphQL<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, { token, headers = {}, timeoutMs }: PostOptions = {}): Promise<GraphQLAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
    signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
  });
  const body = (await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status} without a GraphQL answer` }] }))) as Omit<GraphQLAnswer<T>, 'status'>;
  return { status: response.status, ...body };
}
