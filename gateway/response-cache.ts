import type { RequestHandler } from 'express';
import { createHash } from 'node:crypto';
import client from 'prom-client';
import type { OperationInfo } from './limits.js';

/**
 * A short-lived cache of whole responses to anonymous read queries (public data only: anonymous
 * callers never see personal data). Any mutation through this gateway empties it, and a read
 * that overlapped a mutation is not stored, so a write is never followed by a stale read here.
 */
export function responseCache({ ttlMs, maxEntries, registry }: { ttlMs: number; maxEntries: number; registry: client.Registry }): RequestHandler {
  if (ttlMs <= 0) return (_req, _res, next) => next();
  const entries = new Map<string, { body: string; expires: number }>();
  let generation = 0;
  const lookups = new client.Counter({ name: 'response_cache_lookups_total', help: 'Response cache lookups by result', labelNames: ['result'], registers: [registry] });

  const invalidate = () => {
    generation += 1;
    entries.clear();
  };

  return (req, res, next) => {
    const operation = res.locals.graphqlOperation as OperationInfo | undefined;
    if (operation?.type === 'mutation') {
      invalidate();
      res.once('finish', invalidate);
      return next();
    }
    if (operation?.type !== 'query' || operation.introspection || req.method !== 'POST' || req.headers.authorization) return next();

    const { query, variables, operationName } = req.body as { query: string; variables?: unknown; operationName?: unknown };
    const key = cacheKey(query, variables, operationName);
    if (!key) return next();
    const hit = entries.get(key);
    if (hit && hit.expires > Date.now()) {
      lookups.inc({ result: 'hit' });
      res.setHeader('x-cache', 'hit');
      res.type('application/json; charset=utf-8').send(hit.body);
      return;
    }
    lookups.inc({ result: 'miss' });
    res.setHeader('x-cache', 'miss');
    const startedIn = generation;
    const send = res.send.bind(res);
    res.send = (body: unknown) => {
      if (res.statusCode === 200 && typeof body === 'string' && generation === startedIn && !body.includes('"errors"')) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, { body, expires: Date.now() + ttlMs });
      }
      return send(body);
    };
    next();
  };
}

function cacheKey(query: string, variables: unknown, operationName: unknown): string | null {
  try {
    return createHash('sha256').update(JSON.stringify([query, variables ?? null, operationName ?? null])).digest('base64url');
  } catch {
    return null; // variables too deep to serialise: not worth caching
  }
}
