import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CostBudget } from '../gateway/rate-limit.js';
import { ResponseCache } from '../gateway/response-cache.js';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { addKnownOperationNames, operationLabel } from '../subgraphs/toolkit/metrics.js';
import { graphql, subgraphUrl, tokenFor } from './client.js';

async function inBatches(count: number, size: number, run: (index: number) => Promise<unknown>) {
  for (let start = 0; start < count; start += size) {
    await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, offset) => run(start + offset)));
  }
}

describe('metric labels from a bounded set', () => {
  it('keeps GET /metrics under 200 KB after 3,000 unique operation names', async () => {
    // Every tenth reaches a subgraph too, under the gateway's name for its fetch.
    await inBatches(3000, 25, async (index) => {
      const { errors } = await graphql(`query Invented${index}x${Date.now()} { ${index % 10 ? '__typename' : 'topics { key }'} }`);
      expect(errors).toBeUndefined();
    });
    const gatewayMetrics = await (await fetch(`${inject('gatewayUrl')}/metrics`)).text();
    expect(gatewayMetrics.length).toBeLessThan(200_000);
    expect(gatewayMetrics).toMatch(/graphql_requests_total\{[^}]*operation="other"/);
    expect(gatewayMetrics).not.toContain('Invented1x');
    const subgraphMetrics = await (await fetch(subgraphUrl('projects').replace(/\/graphql$/, '/metrics'))).text();
    expect(subgraphMetrics.length).toBeLessThan(200_000);
    expect(subgraphMetrics).not.toContain('Invented1x');
  }, 120_000);

  it('labels the saved playground operations and names added later by themselves', () => {
    expect(operationLabel('ExploreTheRegion')).toBe('ExploreTheRegion');
    expect(operationLabel('ExploreTheRegion__projects__0')).toBe('ExploreTheRegion');
    expect(operationLabel('SomethingElse')).toBe('other');
    expect(operationLabel(undefined)).toBe('anonymous');
    addKnownOperationNames(['PartnerPortalProjects']);
    expect(operationLabel('PartnerPortalProjects')).toBe('PartnerPortalProjects');
  });
});

describe('response cache bounded in bytes', () => {
  it('evicts the least recently used entries past its size and drops expired ones', () => {
    const cache = new ResponseCache(1000, 1000);
    const body = 'x'.repeat(150); // 2 × (1 + 150) bytes = 302
    cache.set('a', body, 0);
    cache.set('b', body, 0);
    cache.set('c', body, 0);
    expect(cache.get('a', 1)).toBe(body); // now b is the least recently used
    cache.set('d', body, 2);
    expect(cache.get('b', 3)).toBeUndefined();
    expect(cache.get('a', 3)).toBe(body);
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    expect(cache.count).toBe(3);
    // Past the TTL every entry goes on the next store, looked up or not.
    cache.set('e', body, 2000);
    expect(cache.count).toBe(1);
    expect(cache.bytes).toBe(302);
    expect(cache.get('a', 2000)).toBeUndefined();
  });

  it('refuses an entry larger than the whole cache', () => {
    const cache = new ResponseCache(100, 1000);
    cache.set('big', 'x'.repeat(100), 0);
    expect(cache.count).toBe(0);
  });
});

describe('budget map bounded', () => {
  it('expires idle clients and caps the number of clients', () => {
    const budget = new CostBudget(10, 60_000, 3);
    for (const key of ['a', 'b', 'c']) budget.spend(key, 4, false, 0);
    expect(budget.size).toBe(3);
    budget.spend('d', 1, false, 1); // over the cap: the oldest window goes
    expect(budget.size).toBe(3);
    expect(budget.peek('a', 2).remaining).toBe(10);
    expect(budget.peek('b', 2).remaining).toBe(6);
    budget.spend('e', 1, false, 70_000); // every other window has ended
    expect(budget.size).toBe(1);
  });

  it('refuses what is not left and resets with the window', () => {
    const budget = new CostBudget(10, 60_000);
    expect(budget.spend('a', 8, false, 0)).toMatchObject({ ok: true, remaining: 2, resetAt: 60_000 });
    expect(budget.spend('a', 3, false, 1)).toMatchObject({ ok: false, remaining: 2 });
    expect(budget.spend('a', 3, true, 1)).toMatchObject({ ok: true, remaining: 0 });
    expect(budget.spend('a', 3, false, 60_000)).toMatchObject({ ok: true, remaining: 7, resetAt: 120_000 });
  });
});

describe('response cache invalidated when the write is done, whatever its client does', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    process.env.RESPONSE_CACHE_TTL_MS = '60000';
    gateway = await startGateway({ port: 0, supergraphPath: path.join(import.meta.dirname, '..', 'schema', 'supergraph.graphql'), subgraphUrls: inject('subgraphUrls') });
    delete process.env.RESPONSE_CACHE_TTL_MS;
  });
  afterAll(() => gateway.stop());

  it('never leaves a stale read cached after a mutation whose client disconnected', async () => {
    const QUERY = '{ project(slug: "leader-region-baumberge") { id version summary } }';
    let cacheEmptied = false;
    const anonymous = async () => {
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
      if (response.headers.get('x-cache') === 'miss') cacheEmptied = true;
      return ((await response.json()) as any).data.project;
    };
    const token = await tokenFor('muensterland-e-v', 'admin');
    const asPartner = async () => (await graphql(QUERY, {}, { url: gateway.url, token })).data.project;
    const before = await anonymous();
    await anonymous(); // cached now: the first miss below means the write has begun
    const summary = `Abgebrochen ${Date.now()}`;

    // The write's client goes away once the gateway has its request, while readers keep reading.
    const request = http.request(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
    request.on('error', () => {});
    request.end(JSON.stringify({ query: 'mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { version } } }', variables: { input: { id: before.id, version: before.version, summary } } }));
    cacheEmptied = false;
    let landed = false;
    const deadline = Date.now() + 3000;
    const reader = async () => {
      while (!landed && Date.now() < deadline) {
        await anonymous();
        if (cacheEmptied) request.destroy();
      }
    };
    const watcher = async () => {
      while (!landed && Date.now() < deadline) landed = (await asPartner()).summary === summary;
    };
    await Promise.all([reader(), reader(), reader(), watcher()]);
    expect(request.destroyed).toBe(true);
    // Whatever the write's fate, anonymous readers see what partners (never cached) see.
    await expect.poll(async () => (await anonymous()).summary === (await asPartner()).summary, { timeout: 3000 }).toBe(true);

    const now = await asPartner();
    if (now.summary !== before.summary) {
      await graphql('mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { version } } }', { input: { id: before.id, version: now.version, summary: before.summary } }, { url: gateway.url, token });
    }
  });
});
