import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { createHash } from 'node:crypto';
import client from 'prom-client';
import type { GatewayContext } from './context.js';
import { introspectionOf } from './introspection.js';

interface Entry {
  body: string;
  bytes: number;
  expires: number;
}

/**
 * Whole responses by key, bounded in bytes (key and body, UTF-16 as V8 keeps them), least
 * recently used evicted first, expired entries dropped when met and by a sweep on every store.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private size = 0;

  constructor(readonly maxBytes: number, readonly ttlMs: number) {}

  get bytes(): number {
    return this.size;
  }

  get count(): number {
    return this.entries.size;
  }

  get(key: string, now = Date.now()): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires <= now) {
      this.size -= entry.bytes;
      return undefined;
    }
    this.entries.set(key, entry); // most recently used at the end
    return entry.body;
  }

  set(key: string, body: string, now = Date.now()): void {
    const bytes = 2 * (key.length + body.length);
    if (bytes > this.maxBytes) return;
    this.delete(key);
    for (const [oldKey, entry] of this.entries) {
      if (entry.expires > now && this.size + bytes <= this.maxBytes) break;
      this.delete(oldKey, entry);
    }
    // Expired entries behind a fresh head: the sweep above stops at the first live one.
    if (this.entries.size > 0) for (const [oldKey, entry] of this.entries) if (entry.expires <= now) this.delete(oldKey, entry);
    this.entries.set(key, { body, bytes, expires: now + this.ttlMs });
    this.size += bytes;
  }

  clear(): void {
    this.entries.clear();
    this.size = 0;
  }

  private delete(key: string, entry = this.entries.get(key)): void {
    if (!entry) return;
    this.entries.delete(key);
    this.size -= entry.bytes;
  }
}

/**
 * A short-lived cache of whole responses to anonymous read queries (public data only: anonymous
 * callers never see personal data), as a plugin in Apollo's request pipeline, so it sees every
 * operation after admission however it arrived (text, APQ hash, GET, trusted document id). Any
 * mutation empties it when it is resolved and again when its response is produced, whether or
 * not its client is still there; a read that overlapped a mutation is not stored.
 */
export function responseCachePlugin({ ttlMs, maxBytes, registry }: { ttlMs: number; maxBytes: number; registry: client.Registry }): ApolloServerPlugin<GatewayContext> & { invalidate(): void } {
  if (ttlMs <= 0) return { invalidate() {} };
  const cache = new ResponseCache(maxBytes, ttlMs);
  let generation = 0;
  const lookups = new client.Counter({ name: 'response_cache_lookups_total', help: 'Response cache lookups by result', labelNames: ['result'], registers: [registry] });
  new client.Gauge({ name: 'response_cache_bytes', help: 'Bytes held by the response cache', registers: [registry], collect() { this.set(cache.bytes); } });
  const invalidate = () => {
    generation += 1;
    cache.clear();
  };

  return {
    /** Empties the cache from outside: a write elsewhere (another gateway, an import) was seen. */
    invalidate,
    async requestDidStart() {
      let key: string | null = null;
      let startedIn = -1;
      let mutation = false;
      return {
        async didResolveOperation({ operation, document, source, request, contextValue }) {
          if (!operation) return;
          if (operation.operation === 'mutation') {
            mutation = true;
            invalidate();
            return;
          }
          if (operation.operation !== 'query' || contextValue.partner || contextValue.client?.kind === 'file') return;
          if (introspectionOf(document, operation.name?.value ?? null).reads) return;
          key = cacheKey(source, request.variables, request.operationName);
          startedIn = generation;
        },
        async responseForOperation(): Promise<GraphQLResponse | null> {
          if (!key) return null;
          const body = cache.get(key);
          lookups.inc({ result: body ? 'hit' : 'miss' });
          if (!body) return null;
          const hit = JSON.parse(body) as Record<string, unknown>;
          key = null; // nothing to store
          return { http: { status: undefined, headers: new HeaderMap([['x-cache', 'hit']]) }, body: { kind: 'single', singleResult: hit } };
        },
        async willSendResponse({ response }) {
          // A read that started during the write and ended before it was stored: cleared here; one
          // that ends after this sees another generation and is not stored.
          if (mutation) {
            invalidate();
            return;
          }
          if (!key) return;
          response.http.headers.set('x-cache', 'miss');
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          if (!result || result.errors?.length || (response.http.status ?? 200) !== 200 || generation !== startedIn) return;
          const { data } = result;
          cache.set(key, JSON.stringify({ data }));
        },
      };
    },
  };
}

function cacheKey(query: string, variables: unknown, operationName: unknown): string | null {
  try {
    return createHash('sha256').update(JSON.stringify([query, variables ?? null, operationName ?? null])).digest('base64url');
  } catch {
    return null; // variables too deep to serialise: not worth caching
  }
}
