import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { graphql, tokenFor } from './client.js';

/** Harmless with `first: 0`, 674× over the cost limit with `first: 500`. */
const COSTLY = 'query Costly($first: Int!) { projects(first: $first) { edges { node { participants { organization { children { name children { name } } } } } } } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const startWith = async (env: Record<string, string>): Promise<RunningGateway> => {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await startGateway({ port: 0, supergraphPath: path.join(import.meta.dirname, '..', 'schema', 'supergraph.graphql'), subgraphUrls: inject('subgraphUrls') });
  } finally {
    for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
};

describe('one admission step for every way an operation arrives', () => {
  const url = () => `${inject('gatewayUrl')}/graphql`;

  it('refuses a persisted-query hash registered harmless and sent with a costly variable (COST_LIMIT)', async () => {
    const registered = await post(url(), { query: COSTLY, variables: { first: 0 }, extensions: persisted(sha256(COSTLY)) });
    expect(registered.body.errors).toBeUndefined();
    expect(registered.status).toBe(200);

    const byHash = await post(url(), { variables: { first: 500 }, extensions: persisted(sha256(COSTLY)) });
    expect(byHash.status).toBe(400);
    expect(byHash.body.errors[0].extensions.code).toBe('COST_LIMIT');
    expect(byHash.body.errors[0].extensions.actual).toBeGreaterThan(250_000);
  });

  it('counts a variable default value: `$n: Int = 500` without variables is COST_LIMIT', async () => {
    const withDefault = COSTLY.replace('$first: Int!', '$first: Int = 500');
    const { status, errors } = await graphql(withDefault);
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions?.code).toBe('COST_LIMIT');
  });

  it('measures GET requests the same way', async () => {
    const search = new URLSearchParams({ query: COSTLY, variables: JSON.stringify({ first: 500 }) });
    const response = await fetch(`${url()}?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('COST_LIMIT');
  });

  it('applies the depth limit to a persisted query as well', async () => {
    const deep = `query Deep { organization(slug: "kreis-borken") { ${'parent { '.repeat(12)} name ${'} '.repeat(12)} } }`;
    const { status, body } = await post(url(), { query: deep, extensions: persisted(sha256(deep)) });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('QUERY_DEPTH_LIMIT');
    // Refused text is never registered: the hash alone is unknown.
    const byHash = await post(url(), { extensions: persisted(sha256(deep)) });
    expect(byHash.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('puts the cost into every GraphQL response (extensions.cost)', async () => {
    const ok = await post(url(), { query: '{ projects(first: 500) { edges { node { slug } } } }' });
    // 500 rows, each with its edge and node: 500 + 500 × 2 = 1,500 rows, 15 points.
    expect(ok.body.extensions.cost).toMatchObject({ requested: 15 });
    expect(Object.keys(ok.body.extensions.cost).sort()).toEqual(['remaining', 'requested', 'resetAt']);
    const refused = await post(url(), { query: COSTLY, variables: { first: 500 } });
    expect(refused.body.extensions.cost.requested).toBeGreaterThan(2_500);
    const syntax = await post(url(), { query: '{ projects(' });
    expect(syntax.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(syntax.body.extensions.cost).toMatchObject({ requested: 0 });
  });

  it('empties the response cache on a write sent by hash', async () => {
    const read = () => post(url(), { query: '{ project(slug: "leader-region-baumberge") { id version summary } }' });
    const token = await tokenFor('muensterland-e-v', 'admin');
    const UPDATE = 'mutation Touch($input: UpdateProjectInput!) { updateProject(input: $input) { project { version summary } } }';
    const original = (await read()).body.data.project;

    // The first write registers the mutation's text.
    const first = await post(url(), { query: UPDATE, variables: { input: { id: original.id, version: original.version, summary: `Per Hash 1 ${Date.now()}` } }, extensions: persisted(sha256(UPDATE)) }, { authorization: `Bearer ${token}` });
    expect(first.body.errors).toBeUndefined();
    await read();
    const cached = await read();
    expect(cached.headers.get('x-cache')).toBe('hit');

    const summary = `Per Hash 2 ${Date.now()}`;
    const byHash = await post(url(), { variables: { input: { id: original.id, version: first.body.data.updateProject.project.version, summary } }, extensions: persisted(sha256(UPDATE)) }, { authorization: `Bearer ${token}` });
    expect(byHash.body.errors).toBeUndefined();
    const after = await read();
    expect(after.headers.get('x-cache')).toBe('miss');
    expect(after.body.data.project.summary).toBe(summary);

    await graphql(UPDATE, { input: { id: original.id, version: byHash.body.data.updateProject.project.version, summary: original.summary } }, { token });
  });
});

describe('cost-based rate limiting per client', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startWith({ RATE_LIMIT_PER_MINUTE: '100', RATE_LIMIT_FILE_COST: '40' });
  });
  afterAll(() => gateway.stop());

  it('keys a token by its verified partner: 8 spellings of one header get the same 429s as one spelling', async () => {
    const spelled = await tokenFor('kreis-coesfeld', 'viewer');
    const plain = await tokenFor('kreis-warendorf', 'viewer');
    const spellings = [
      `Bearer ${spelled}`, `bearer ${spelled}`, `BEARER ${spelled}`, `Bearer  ${spelled}`,
      `Bearer ${spelled} `, ` Bearer ${spelled}`, `bEaReR   ${spelled}`, `Bearer ${spelled}  `,
    ];
    const run = async (header: (i: number) => string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 800; i += 1) statuses.push((await post(gateway.url, { query: '{ __typename }' }, { authorization: header(i) })).status);
      return statuses;
    };
    const variants = await run((i) => spellings[i % spellings.length]);
    const single = await run(() => `Bearer ${plain}`);
    expect(single.filter((status) => status === 200)).toHaveLength(100);
    expect(single.filter((status) => status === 429)).toHaveLength(700);
    expect(variants).toEqual(single);
  });

  it('charges the cost, reports the remaining budget and answers 429 with Retry-After', async () => {
    const token = await tokenFor('kreis-borken', 'viewer');
    const first = await post(gateway.url, { query: '{ projects(first: 500) { edges { node { slug } } } }' }, { authorization: `Bearer ${token}` });
    expect(first.status).toBe(200);
    expect(first.body.extensions.cost).toMatchObject({ requested: 15, remaining: 85 });
    expect(Date.parse(first.body.extensions.cost.resetAt)).toBeGreaterThan(Date.now());
    // 500 + 500 × (1 + (1 + (20 + 20 × 1))) = 21,500 rows: 215 points, more than is left.
    const second = await post(gateway.url, { query: '{ projects(first: 500) { edges { node { participants { organization { name } } } } } }' }, { authorization: `Bearer ${token}` });
    expect(second.status).toBe(429);
    expect(second.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    // The point every request pays at the door is gone; the rest was never spent.
    expect(second.body.extensions.cost).toMatchObject({ requested: 215, remaining: 84 });
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('lets /profiles and /export draw from the same budget: 429 past it', async () => {
    const token = await tokenFor('kreis-steinfurt', 'editor');
    const authorization = `Bearer ${token}`;
    const pdf = await fetch(`${gateway.url.replace('/graphql', '')}/profiles/informelle-regionalentwicklung-im-muensterland.pdf`, { headers: { authorization } });
    expect(pdf.status).toBe(200);
    await pdf.arrayBuffer();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${gateway.url.replace('/graphql', '')}/profiles/informelle-regionalentwicklung-im-muensterland.pdf`, { headers: { authorization } });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      await response.arrayBuffer();
    }
    expect(statuses).toContain(429);
    const csv = await fetch(`${gateway.url.replace('/graphql', '')}/export/projects.csv`, { headers: { authorization } });
    expect(csv.status).toBe(429);
    expect(((await csv.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    // The same budget as GraphQL: two sheets at 40 points each (plus their query) are gone from it.
    const graphqlToo = await post(gateway.url, { query: '{ __typename }' }, { authorization });
    expect(graphqlToo.body.extensions.cost.remaining).toBeLessThan(100 - 2 * 40);
  });

  it('keys anonymous callers by address and exports by the same budget', async () => {
    const base = gateway.url.replace('/graphql', '');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await fetch(`${base}/export/projects.csv`);
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses[0]).toBe(200);
    expect(statuses).toContain(429);
  });

  it('counts requests that never reach an operation (a forged token, bad JSON)', async () => {
    const own = await startWith({ RATE_LIMIT_PER_MINUTE: '100' }); // this machine's address has a fresh budget there
    const statuses: number[] = [];
    for (let i = 0; i < 105; i += 1) {
      const response = await fetch(own.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer forged.token.value' }, body: '{"query": ' });
      statuses.push(response.status);
    }
    await own.stop();
    expect(statuses.slice(0, 5)).not.toContain(429);
    expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
  });
});
