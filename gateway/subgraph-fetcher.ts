import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';

interface Captured {
  status: number;
  headers: [string, string][];
  body: string;
}

/**
 * What the gateway knows about the fetch it is making, set by `SubgraphClient.process` from the
 * parsed operation: whether it only reads (and may share a round trip), and the signal that fires
 * when nobody waits for the answer any more (the client went away).
 */
export interface FetchScope {
  readOnly: boolean;
  signal?: AbortSignal;
}

export const fetchScope = new AsyncLocalStorage<FetchScope>();

interface Shared {
  promise: Promise<Captured>;
  controller: AbortController;
  waiters: number;
}

/** Resolves with `promise`, or rejects as soon as `signal` fires (the promise runs on for others). */
function waitFor<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * How the gateway fetches from one subgraph: a keep-alive pool with a bounded number of sockets,
 * a timeout per fetch, and in-flight de-duplication: identical concurrent *queries* with the same
 * credentials share one subgraph round trip (mutations never do). A fetch is aborted when the
 * gateway gives up on it (timeout) or, for reads, when every client waiting for it has gone; the
 * subgraph then sees its request closed and cancels its running SQL.
 */
export function subgraphFetcher({ connections, timeoutMs }: { connections: number; timeoutMs: number }) {
  const agent = new Agent({ connections, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
  const inFlight = new Map<string, Shared>();

  const send = async (url: string, init: UndiciRequestInit, signal?: AbortSignal): Promise<Captured> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const response = await undiciFetch(url, { ...init, dispatcher: agent, signal: signal ? AbortSignal.any([timeout, signal]) : timeout });
    return { status: response.status, headers: [...response.headers], body: await response.text() };
  };

  const fetcher = async (url: string, init: { method?: string; headers?: Record<string, string> | Headers; body?: string } = {}) => {
    const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0]);
    const body = typeof init.body === 'string' ? init.body : undefined;
    const request = { method: init.method ?? 'POST', headers, body } as UndiciRequestInit;
    // Decided from the parsed operation (see SubgraphClient); a fetch made outside it counts as a write.
    const scope = fetchScope.getStore();
    let captured: Captured;
    if (body && scope?.readOnly) {
      // Results depend on the operation, its variables and who asks; not on the request id.
      const key = `${url}\n${headers.get('authorization') ?? ''}\n${headers.get('x-partner-organization-id') ?? ''}\n${body}`;
      let shared = inFlight.get(key);
      if (!shared) {
        const controller = new AbortController();
        const created: Shared = { controller, waiters: 0, promise: send(url, request, controller.signal).finally(() => inFlight.get(key) === created && inFlight.delete(key)) };
        inFlight.set(key, (shared = created));
      }
      const current = shared;
      current.waiters += 1;
      try {
        captured = await waitFor(current.promise, scope.signal);
      } finally {
        current.waiters -= 1;
        if (current.waiters === 0 && scope.signal?.aborted) {
          // The last client waiting for this read went away: stop the subgraph's work.
          if (inFlight.get(key) === current) inFlight.delete(key);
          current.controller.abort(scope.signal.reason);
          current.promise.catch(() => undefined);
        }
      }
    } else {
      // A write runs to its end (or its timeout) even when its client has gone: cutting it off
      // at an arbitrary point would leave the client guessing whether it happened.
      captured = await send(url, request);
    }
    return new Response(captured.body, { status: captured.status, headers: captured.headers });
  };

  return { fetcher, close: () => agent.close() };
}
