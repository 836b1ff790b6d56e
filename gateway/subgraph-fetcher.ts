import { Pool, type Dispatcher } from 'undici';

/**
 * One GraphQL request to a subgraph, as `SubgraphClient` hands it down: the payload still as an
 * object (the entity cache reads and trims its representations without parsing JSON), the
 * headers, whether the client's operation only reads (decided on the parsed operation, see
 * `SubgraphClient`), and the signal that fires when the client has gone.
 */
export interface SubgraphRequest {
  payload: { query: string; variables?: Record<string, unknown>; operationName?: string; extensions?: Record<string, unknown> };
  headers: Record<string, string>;
  readOnly: boolean;
  signal?: AbortSignal;
}

/** A subgraph's answer, read whole: status, the two headers the gateway uses, the body text. */
export interface SubgraphAnswer {
  status: number;
  contentType: string;
  cacheControl?: string;
  body: string;
}

export type SubgraphCall = (request: SubgraphRequest) => Promise<SubgraphAnswer>;

export class SubgraphTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`The subgraph did not answer within ${timeoutMs} ms`);
  }
}

interface Sent {
  promise: Promise<SubgraphAnswer>;
  /** Stops the request: the socket is closed, the subgraph sees it and cancels its SQL. */
  cancel(reason: unknown): void;
}

interface Shared extends Sent {
  waiters: number;
}

/** Resolves with `promise`, or rejects as soon as `signal` fires (the promise runs on for others). */
function waitFor<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

const CONTENT_TYPE = 'content-type';
const CACHE_CONTROL = 'cache-control';

/**
 * How the gateway calls one subgraph: an undici `Pool` of keep-alive connections to its origin
 * (bounded), driven through undici's dispatcher interface: the body goes out as one string, the
 * answer comes back as buffers joined once, with no fetch `Request`/`Response`, web streams or
 * `AbortSignal` per call (a profile of varied traffic had a third of the gateway's CPU there).
 *
 * A call ends at `timeoutMs` (one timer), and in-flight de-duplication lets identical concurrent
 * *reads* with the same credentials share one round trip (writes never do). A call is cancelled
 * when the gateway gives up on it (timeout) or, for reads, when every client waiting for it has
 * gone; undici then closes its connection, the subgraph sees that and cancels its running SQL.
 */
export function subgraphTransport(url: string, { connections, timeoutMs }: { connections: number; timeoutMs: number }) {
  const target = new URL(url);
  const path = target.pathname + target.search;
  const pool = new Pool(target.origin, { connections, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
  const inFlight = new Map<string, Shared>();

  const send = (headers: Record<string, string>, body: string): Sent => {
    let abort: ((error?: Error) => void) | undefined;
    let cancelledWith: Error | undefined;
    let settle!: { resolve: (answer: SubgraphAnswer) => void; reject: (error: unknown) => void };
    const promise = new Promise<SubgraphAnswer>((resolve, reject) => (settle = { resolve, reject }));
    const cancel = (reason: unknown) => {
      if (cancelledWith) return;
      cancelledWith = reason instanceof Error ? reason : new Error(String(reason));
      if (abort) abort(cancelledWith);
    };
    const timer = setTimeout(() => cancel(new SubgraphTimeoutError(timeoutMs)), timeoutMs);
    let status = 0;
    let contentType = '';
    let cacheControl: string | undefined;
    const chunks: Buffer[] = [];
    const handler: Dispatcher.DispatchHandlers = {
      onConnect(abortRequest) {
        // Cancelled before it reached a socket: undici drops it now.
        if (cancelledWith) abortRequest(cancelledWith);
        else abort = abortRequest;
      },
      onHeaders(statusCode, raw) {
        status = statusCode;
        for (let index = 0; index < raw.length; index += 2) {
          const name = raw[index];
          // Header names are short: compare lengths before decoding any.
          if (name.length === CONTENT_TYPE.length || name.length === CACHE_CONTROL.length) {
            const lower = name.toString('latin1').toLowerCase();
            if (lower === CONTENT_TYPE) contentType = raw[index + 1].toString('latin1');
            else if (lower === CACHE_CONTROL) cacheControl = raw[index + 1].toString('latin1');
          }
        }
        return true;
      },
      onData(chunk) {
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        clearTimeout(timer);
        const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
        settle.resolve({ status, contentType, cacheControl, body: text });
      },
      onError(error) {
        clearTimeout(timer);
        settle.reject(cancelledWith ?? error);
      },
    };
    pool.dispatch({ path, method: 'POST', headers, body }, handler);
    return { promise, cancel };
  };

  const call: SubgraphCall = async ({ payload, headers, readOnly, signal }) => {
    const body = JSON.stringify(payload);
    if (!readOnly) {
      // A write runs to its end (or its timeout) even when its client has gone: cutting it off
      // at an arbitrary point would leave the client guessing whether it happened.
      return send(headers, body).promise;
    }
    // Results depend on the operation, its variables and who asks; not on the request id.
    const key = `${headers.authorization ?? ''}\n${headers['x-partner-organization-id'] ?? ''}\n${body}`;
    let shared = inFlight.get(key);
    if (!shared) {
      const sent = send(headers, body);
      const created: Shared = { ...sent, waiters: 0 };
      const forget = () => {
        if (inFlight.get(key) === created) inFlight.delete(key);
      };
      sent.promise.then(forget, forget);
      inFlight.set(key, (shared = created));
    }
    const current = shared;
    current.waiters += 1;
    try {
      return await waitFor(current.promise, signal);
    } finally {
      current.waiters -= 1;
      if (current.waiters === 0 && signal?.aborted) {
        // The last client waiting for this read went away: stop the subgraph's work.
        if (inFlight.get(key) === current) inFlight.delete(key);
        current.cancel(signal.reason);
        current.promise.catch(() => undefined);
      }
    }
  };

  return { call, close: () => pool.close() };
}
