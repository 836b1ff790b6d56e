import type { GatewayConfig } from '@apollo/gateway';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import client from 'prom-client';

type QueryPlanCache = NonNullable<NonNullable<GatewayConfig['queryPlannerConfig']>['cache']>;
type QueryPlan = QueryPlanCache extends KeyValueCache<infer Plan> ? Plan : never;

/** The gateway's query-plan cache, sized by QUERY_PLAN_CACHE_MIB, with its hits and misses in /metrics. */
export function meteredQueryPlanCache(mebibytes: number, registry: client.Registry): QueryPlanCache {
  const cache = new InMemoryLRUCache<QueryPlan>({ maxSize: mebibytes * 2 ** 20, sizeCalculation: (plan) => JSON.stringify(plan).length });
  const lookups = new client.Counter({ name: 'query_plan_cache_lookups_total', help: 'Query plan cache lookups by result', labelNames: ['result'], registers: [registry] });
  return {
    async get(key) {
      const plan = await cache.get(key);
      lookups.inc({ result: plan ? 'hit' : 'miss' });
      return plan;
    },
    set: (key, value, options) => cache.set(key, value, options),
    delete: (key) => cache.delete(key),
    clear: () => cache.clear(),
  };
}
