import client from 'prom-client';
import { envInt, envString } from '../shared/config.js';
import type { SubgraphAnswer, SubgraphCall, SubgraphRequest } from './subgraph-fetcher.js';

/**
 * A cache of entities that change rarely (organizations and their figures, topics), between the
 * query planner and the subgraphs: an `_entities` fetch is answered from the cache by key and
 * field set, and only the representations not cached (each distinct one once) go to the subgraph.
 *
 * Invalidation: any call to a subgraph that is not part of a query operation (decided on the
 * parsed operation, `SubgraphRequest.readOnly`) empties that subgraph's entries when it starts and again when it ends,
 * and a read that overlapped it stores nothing. A whole subgraph rather than the written key,
 * because an entry holds nested fields of other records too (a municipality with `parent { name }`).
 * Writes that do not pass through this gateway (another instance, an import run elsewhere) reach
 * it through the change watch (`change-watch.ts`, which calls `invalidate()`), else the TTL.
 *
 * Entries are kept apart per caller (authorization header and partner organization), since
 * signed-in partners see personal data that anonymous callers do not.
 */

export interface EntityCacheOptions {
  /** Time to live of an entry, ms; 0 turns the cache off. */
  ttlMs: number;
  /** Entries per subgraph. */
  maxEntries: number;
  /** Cached entity types per subgraph, e.g. `{ organizations: ['Organization'] }`. */
  types: Record<string, string[]>;
  registry?: client.Registry;
}

interface Entry {
  /** The entity as JSON text (or `null`). */
  json: string;
  expires: number;
}

/** `ENTITY_CACHE_TTL_MS` (default 30000, 0 = off), `ENTITY_CACHE_ENTRIES` (20000 per subgraph), `ENTITY_CACHE_TYPES` (`organizations:Organization,projects:Topic`). */
export function entityCacheOptionsFromEnv(): Omit<EntityCacheOptions, 'registry'> {
  const types: Record<string, string[]> = {};
  for (const item of envString('ENTITY_CACHE_TYPES', 'organizations:Organization,projects:Topic').split(',')) {
    const [subgraph, type] = item.trim().split(':');
    if (subgraph && type) (types[subgraph] ??= []).push(type);
  }
  return { ttlMs: envInt('ENTITY_CACHE_TTL_MS', 30_000), maxEntries: envInt('ENTITY_CACHE_ENTRIES', 20_000), types };
}

/** The operation name of the gateway's subgraph query differs per client operation; the field set does not. */
const OPERATION_NAME = /^query\s+[A-Za-z_][A-Za-z0-9_]*\s*(?=\(|\{)/;
/** Field sets (with caller and other variables) interned to short ids, so entry keys stay small. */
const MAX_FIELD_SETS = 2000;

export class EntityCache {
  /** Entries per subgraph, so a write empties its subgraph's map at once. */
  private readonly entries = new Map<string, Map<string, Entry>>();
  private readonly fieldSets = new Map<string, number>();
  private readonly generations = new Map<string, number>();
  private readonly lookups?: client.Counter<'subgraph' | 'result'>;
  private readonly invalidations?: client.Counter<'subgraph'>;

  constructor(private readonly options: EntityCacheOptions) {
    if (!options.registry) return;
    const registers = [options.registry];
    this.lookups = new client.Counter({ name: 'entity_cache_lookups_total', help: 'Entity cache lookups of _entities representations by subgraph and result (hit, miss)', labelNames: ['subgraph', 'result'], registers });
    this.invalidations = new client.Counter({ name: 'entity_cache_invalidations_total', help: 'Times a write emptied the entity cache of a subgraph', labelNames: ['subgraph'], registers });
    const cache = this;
    new client.Gauge({
      name: 'entity_cache_entries',
      help: 'Entities held by the entity cache',
      registers,
      collect() {
        this.set([...cache.entries.values()].reduce((sum, entries) => sum + entries.size, 0));
      },
    });
    new client.Gauge({
      name: 'entity_cache_hit_ratio',
      help: 'Share of _entities representations answered from the entity cache since start, by subgraph',
      labelNames: ['subgraph'],
      registers,
      async collect() {
        const values = (await cache.lookups!.get()).values;
        for (const subgraph of new Set(values.map((value) => String(value.labels.subgraph)))) {
          const count = (result: string) => values.find((value) => value.labels.subgraph === subgraph && value.labels.result === result)?.value ?? 0;
          const total = count('hit') + count('miss');
          if (total > 0) this.set({ subgraph }, count('hit') / total);
        }
      },
    });
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0;
  }

  /** Drops every entry of a subgraph (all subgraphs when none is named); reads in flight store nothing. */
  invalidate(subgraph?: string): void {
    const names = subgraph ? [subgraph] : Object.keys(this.options.types);
    for (const name of names) {
      this.generations.set(name, (this.generations.get(name) ?? 0) + 1);
      this.invalidations?.inc({ subgraph: name });
    }
    for (const name of names) this.entries.get(name)?.clear();
  }

  /** The subgraph's call with the cache in front of it (the call itself when nothing of it is cached). */
  wrap(subgraph: string, call: SubgraphCall): SubgraphCall {
    const types = new Set(this.options.types[subgraph] ?? []);
    if (!this.enabled || types.size === 0) return call;
    return async (request) => {
      if (!request.readOnly) {
        // A write (or a call not known to be a read, decided on the parsed operation as for
        // sharing calls): nothing cached of this subgraph survives it.
        this.invalidate(subgraph);
        try {
          return await call(request);
        } finally {
          this.invalidate(subgraph);
        }
      }
      const representations = request.payload.variables?.representations;
      if (!Array.isArray(representations) || representations.length === 0 || !request.payload.query.includes('_entities(')) return call(request);
      return this.entities(subgraph, types, call, request, representations as { __typename?: string }[]);
    };
  }

  private async entities(subgraph: string, types: Set<string>, call: SubgraphCall, request: SubgraphRequest, representations: { __typename?: string }[]): Promise<SubgraphAnswer> {
    if (!representations.every((representation) => types.has(representation?.__typename ?? ''))) return call(request);
    const { representations: _, ...otherVariables } = request.payload.variables ?? {};
    const fieldSet = this.fieldSetId(`${request.headers.authorization ?? ''}\n${request.headers['x-partner-organization-id'] ?? ''}\n${request.payload.query.replace(OPERATION_NAME, 'query')}\n${JSON.stringify(otherVariables)}`);
    const entries = this.entries.get(subgraph) ?? this.entries.set(subgraph, new Map()).get(subgraph)!;
    const now = Date.now();
    const found: (string | undefined)[] = new Array(representations.length);
    /** Distinct missing representations, each with the positions it fills. */
    const missing = new Map<string, { representation: unknown; positions: number[] }>();
    representations.forEach((representation, position) => {
      const key = `${fieldSet}|${JSON.stringify(representation)}`;
      const entry = entries.get(key);
      if (entry && entry.expires > now) {
        found[position] = entry.json;
        return;
      }
      const pending = missing.get(key);
      if (pending) pending.positions.push(position);
      else missing.set(key, { representation, positions: [position] });
    });
    const misses = [...missing.values()].reduce((sum, item) => sum + item.positions.length, 0);
    this.lookups?.inc({ subgraph, result: 'hit' }, representations.length - misses);
    if (misses) this.lookups?.inc({ subgraph, result: 'miss' }, misses);

    if (missing.size > 0) {
      const generation = this.generations.get(subgraph) ?? 0;
      // Every representation missing, none twice: the subgraph gets the request as it was.
      const unchanged = missing.size === representations.length;
      const reduced: SubgraphRequest = unchanged
        ? request
        : { ...request, payload: { ...request.payload, variables: { ...request.payload.variables, representations: [...missing.values()].map((item) => item.representation) } } };
      const answer = await call(reduced);
      let entities: unknown[] | undefined;
      if (answer.status >= 200 && answer.status < 300) {
        try {
          const parsed = JSON.parse(answer.body) as { data?: { _entities?: unknown[] }; errors?: unknown[] };
          if (!parsed.errors && Array.isArray(parsed.data?._entities) && parsed.data._entities.length === missing.size) entities = parsed.data._entities;
        } catch {
          // not JSON: handled below like an error
        }
      }
      if (!entities) {
        // Errors (or an answer of another shape) refer to the reduced list: the subgraph answers the original request instead.
        return unchanged ? answer : call(request);
      }
      const store = (this.generations.get(subgraph) ?? 0) === generation;
      const expires = Date.now() + this.options.ttlMs;
      [...missing.entries()].forEach(([key, item], index) => {
        const json = JSON.stringify(entities[index] ?? null);
        for (const position of item.positions) found[position] = json;
        if (store) this.set(entries, key, { json, expires });
      });
    }
    return { status: 200, contentType: 'application/json', body: `{"data":{"_entities":[${found.join(',')}]}}` };
  }

  private set(entries: Map<string, Entry>, key: string, entry: Entry): void {
    entries.delete(key);
    entries.set(key, entry);
    // Oldest first out; a full cache sheds one per new entry.
    if (entries.size > this.options.maxEntries) entries.delete(entries.keys().next().value!);
  }

  private fieldSetId(text: string): number {
    let id = this.fieldSets.get(text);
    if (id === undefined) {
      if (this.fieldSets.size >= MAX_FIELD_SETS) {
        // Ids are about to be reused: what was stored under the old ones must go too.
        this.fieldSets.clear();
        for (const entries of this.entries.values()) entries.clear();
      }
      id = this.fieldSets.size;
      this.fieldSets.set(text, id);
    }
    return id;
  }
}

export function createEntityCache(registry?: client.Registry): EntityCache {
  return new EntityCache({ ...entityCacheOptionsFromEnv(), registry });
}
