import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';

interface Captured {
  status: number;
  headers: [string, string][];
  body: string;
}

/**
 * How the gateway fetches from one subgraph: a keep-alive pool with a bounded number of sockets,
 * a timeout per fetch, and in-flight de-duplication: identical concurrent *queries* with the same
 * credentials share one subgraph round trip (mutations never do).
 */
export function subgraphFetcher({ connections, timeoutMs }: { connections: number; timeoutMs: number }) {
  const agent = new Agent({ connections, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
  const inFlight = new Map<string, Promise<Captured>>();

  const send = async (url: string, init: UndiciRequestInit): Promise<Captured> => {
    const response = await undiciFetch(url, { ...init, dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, headers: [...response.headers], body: await response.text() };
  };

  const fetcher = async (url: string, init: { method?: string; headers?: Record<string, string> | Headers; body?: string } = {}) => {
    const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0]);
    const body = typeof init.body === 'string' ? init.body : undefined;
    const request = { method: init.method ?? 'POST', headers, body } as UndiciRequestInit;
    let captured: Captured;
    if (body && !/"query":"\s*mutation\b/.test(body)) {
      // Results depend on the operation, its variables and who asks; not on the request id.
      const key = `${url}\n${headers.get('authorization') ?? ''}\n${headers.get('x-partner-organization-id') ?? ''}\n${body}`;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = send(url, request).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      captured = await pending;
    } else {
      captured = await send(url, request);
    }
    return new Response(captured.body, { status: captured.status, headers: captured.headers });
  };

  return { fetcher, close: () => agent.close() };
}
