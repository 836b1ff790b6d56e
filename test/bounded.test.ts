import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway, type RunningGateway } from '../gateway/server.js';
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
