import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { graphql } from './client.js';

type Mode = 'pass' | 'slow' | 'delay' | 'garbage' | 'error500';

/** Stands between the gateway and the real knowledge subgraph and misbehaves on demand. */
function faultyProxy(target: string) {
  let mode: Mode = 'pass';
  const seen = { requests: 0, closedUnanswered: 0 };
  const server = http.createServer(async (req, res) => {
    seen.requests += 1;
    // The gateway closed the request before the answer came: it stopped waiting.
    res.once('close', () => {
      if (!res.writableFinished) seen.closedUnanswered += 1;
    });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (mode === 'slow') {
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
    if (mode === 'delay') {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      if (res.destroyed) return;
    }
    if (mode === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('<html>not json at all');
      return;
    }
    if (mode === 'error500') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('stack trace at /srv/secret/path.js:12');
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
    const upstream = await fetch(target, { method: 'POST', headers, body: Buffer.concat(chunks) }).catch(() => null);
    if (!upstream) return void res.writeHead(502).end();
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(Buffer.from(await upstream.arrayBuffer()));
  });
  return {
    server,
    seen,
    setMode: (next: Mode) => void (mode = next),
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const QUERY = `{ project(slug: "informelle-regionalentwicklung-im-muensterland") { title lead { name } resources { title } } }`;

describe('faults: a misbehaving subgraph gives partial data and the gateway holds', () => {
  const proxy = faultyProxy(inject('subgraphUrls').knowledge);
  let gateway: RunningGateway;
  let port: number;

  beforeAll(async () => {
    port = await proxy.listen();
    process.env.SUBGRAPH_TIMEOUT_MS = '1000'; // below the proxy's 1.5 s and 3 s delays, above a busy machine's normal answer
    process.env.RESPONSE_CACHE_TTL_MS = '0'; // every request must reach the misbehaving subgraph
    gateway = await startGateway({
      port: 0,
      supergraphPath: path.join(import.meta.dirname, '..', 'schema', 'supergraph.graphql'),
      subgraphUrls: { ...inject('subgraphUrls'), knowledge: `http://127.0.0.1:${port}/graphql` },
    });
    delete process.env.SUBGRAPH_TIMEOUT_MS;
    delete process.env.RESPONSE_CACHE_TTL_MS;
  });
  afterAll(async () => {
    await gateway.stop();
    await proxy.close();
  });

  it('answers fully while the subgraph behaves', async () => {
    proxy.setMode('pass');
    const { data, errors } = await graphql(QUERY, {}, { url: gateway.url });
    expect(errors).toBeUndefined();
    expect(data.project.resources.length).toBeGreaterThan(0);
  });

  it.each(['slow', 'garbage', 'error500'] as const)('%s: the healthy fields arrive, the affected one is null with an error naming the subgraph', async (mode) => {
    proxy.setMode(mode);
    const started = Date.now();
    const { status, data, errors } = await graphql(QUERY, {}, { url: gateway.url });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(status).toBe(200);
    expect(data.project.title).toBe('Informelle Regionalentwicklung im Münsterland');
    expect(data.project.lead.name).toBe('Kreis Borken');
    expect(data.project.resources).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'knowledge' });
    const body = JSON.stringify(errors);
    expect(body).not.toMatch(/127\.0\.0\.1|stack|\/srv\/|<html>/);
  });

  it('recovers without a restart once the subgraph answers again', async () => {
    proxy.setMode('garbage');
    expect((await graphql(QUERY, {}, { url: gateway.url })).errors).toBeDefined();
    proxy.setMode('pass');
    const started = Date.now();
    const { errors } = await graphql(QUERY, {}, { url: gateway.url });
    expect(errors).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('a subgraph refusing a request', () => {
  it('passes the refusal on with its code, not as an unavailable subgraph', async () => {
    const { status, errors } = await graphql('query($since: DateTimeISO) { projects(filter: { modifiedSince: $since }) { totalCount } }', { since: 'gestern' });
    expect(status).toBeLessThan(500);
    expect(errors?.[0]?.extensions?.code).not.toBe('SUBGRAPH_UNAVAILABLE');
    expect(errors?.[0]?.extensions?.code).toEqual(expect.any(String));
  });
});

describe('profile sheets while a subgraph fails', () => {
  const proxy = faultyProxy(inject('subgraphUrls').projects);
  let gateway: RunningGateway;

  beforeAll(async () => {
    const port = await proxy.listen();
    process.env.SUBGRAPH_TIMEOUT_MS = '1000';
    process.env.RESPONSE_CACHE_TTL_MS = '0';
    gateway = await startGateway({
      port: 0,
      supergraphPath: path.join(import.meta.dirname, '..', 'schema', 'supergraph.graphql'),
      subgraphUrls: { ...inject('subgraphUrls'), projects: `http://127.0.0.1:${port}/graphql` },
    });
    delete process.env.SUBGRAPH_TIMEOUT_MS;
    delete process.env.RESPONSE_CACHE_TTL_MS;
  });
  afterAll(async () => {
    await gateway.stop();
    await proxy.close();
  });

  const profile = (file: string) => fetch(`${gateway.url.replace(/\/graphql$/, '')}/profiles/${file}`, { signal: AbortSignal.timeout(10_000) });

  it.each(['slow', 'garbage', 'error500'] as const)('%s projects subgraph: an existing project answers 502, never a false 404', async (mode) => {
    proxy.setMode(mode);
    for (const format of ['html', 'pdf']) {
      const response = await profile(`informelle-regionalentwicklung-im-muensterland.${format}`);
      expect(response.status).toBe(502);
      expect(await response.text()).not.toMatch(/No project|127\.0\.0\.1|stack/);
    }
  });

  it('404 only when the projects subgraph answered that there is no such project', async () => {
    proxy.setMode('pass');
    expect((await profile('gibt-es-nicht.html')).status).toBe(404);
    expect((await profile('informelle-regionalentwicklung-im-muensterland.html')).status).toBe(200);
  });
});

describe('subgraph fetches: shared reads, separate writes, aborted when nobody waits', () => {
  const proxy = faultyProxy(inject('subgraphUrls').knowledge);
  let gateway: RunningGateway;

  beforeAll(async () => {
    const port = await proxy.listen();
    process.env.SUBGRAPH_TIMEOUT_MS = '3000';
    process.env.RESPONSE_CACHE_TTL_MS = '0';
    gateway = await startGateway({
      port: 0,
      supergraphPath: path.join(import.meta.dirname, '..', 'schema', 'supergraph.graphql'),
      subgraphUrls: { ...inject('subgraphUrls'), knowledge: `http://127.0.0.1:${port}/graphql` },
    });
    delete process.env.SUBGRAPH_TIMEOUT_MS;
    delete process.env.RESPONSE_CACHE_TTL_MS;
  });
  afterAll(async () => {
    await gateway.stop();
    await proxy.close();
  });

  const RESOURCES = '{ knowledgeResources(first: 3) { totalCount } }';
  const WRITE = 'mutation($input: CreateKnowledgeResourceInput!) { createKnowledgeResource(input: $input) { knowledgeResource { id } } }';
  const send = (query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal) =>
    fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }), signal });

  it('three identical concurrent queries share one subgraph round trip', async () => {
    proxy.setMode('delay');
    const before = proxy.seen.requests;
    const answers = await Promise.all([1, 2, 3].map(() => send(RESOURCES).then((response) => response.json())));
    for (const answer of answers) expect((answer as any).data.knowledgeResources.totalCount).toBeGreaterThan(0);
    expect(proxy.seen.requests - before).toBe(1);
  });

  it('three identical concurrent mutations are three subgraph requests (decided on the parsed operation)', async () => {
    proxy.setMode('delay');
    const before = proxy.seen.requests;
    // Anonymous: each is refused by the subgraph itself, so nothing is written.
    const input = { title: 'Geteilt?', kind: 'DOCUMENT', summary: 'x' };
    const answers = await Promise.all([1, 2, 3].map(() => send(WRITE, { input }).then((response) => response.json())));
    for (const answer of answers) expect((answer as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(proxy.seen.requests - before).toBe(3);
  });

  it('a client that goes away aborts its subgraph read: the subgraph sees the request closed', async () => {
    proxy.setMode('delay');
    const before = proxy.seen.closedUnanswered;
    const client = new AbortController();
    const pending = send('{ knowledgeResources(first: 4) { totalCount } }', {}, client.signal).catch((error) => error);
    await expect.poll(() => proxy.seen.requests, { timeout: 2000 }).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    client.abort();
    expect(await pending).toBeInstanceOf(Error);
    // Well before the subgraph would have answered (1.5 s) and the gateway would have given up (3 s).
    await expect.poll(() => proxy.seen.closedUnanswered - before, { timeout: 1000, interval: 50 }).toBe(1);
  });

  it('of two clients sharing a read, the one that stays gets its answer when the other goes', async () => {
    proxy.setMode('delay');
    const before = proxy.seen.closedUnanswered;
    const leaving = new AbortController();
    const gone = send('{ knowledgeResources(first: 5) { totalCount } }', {}, leaving.signal).catch((error) => error);
    const staying = send('{ knowledgeResources(first: 5) { totalCount } }');
    await new Promise((resolve) => setTimeout(resolve, 300));
    leaving.abort();
    expect(await gone).toBeInstanceOf(Error);
    expect(((await (await staying).json()) as any).data.knowledgeResources.totalCount).toBeGreaterThan(0);
    expect(proxy.seen.closedUnanswered - before).toBe(0);
  });
});
