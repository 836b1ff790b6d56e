import path from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { graphql, tokenFor } from './client.js';

const nested = (depth: number) => `{ organization(slug: "kreis-borken") { ${'parent { '.repeat(depth)} name ${'} '.repeat(depth)} } }`;

describe('request limits at the gateway', () => {
  const cases: [string, string, string][] = [
    ['too deep', nested(12), 'QUERY_DEPTH_LIMIT'],
    ['too many aliases', `{ topics { ${Array.from({ length: 31 }, (_, i) => `a${i}: key`).join(' ')} } }`, 'ALIAS_LIMIT'],
    ['too many root fields', `{ ${Array.from({ length: 21 }, () => 'topics { key }').join(' ')} }`, 'ROOT_FIELD_LIMIT'],
    ['too many directives', `{ topics { key ${'@include(if: true) '.repeat(51)} } }`, 'DIRECTIVE_LIMIT'],
    ['too costly', `{ projects(first: 500) { edges { node { participants { organization { children { name children { name } } } } } } } }`, 'COST_LIMIT'],
    ['too many tokens', `{ topics { ${'key '.repeat(6000)} } }`, 'TOKEN_LIMIT'],
    ['alias bomb through fragments', `{ ...A } fragment A on Query { ${Array.from({ length: 10 }, (_, i) => `x${i}: topics { ...B }`).join(' ')} } fragment B on Topic { ${Array.from({ length: 10 }, (_, i) => `y${i}: key`).join(' ')} }`, 'ALIAS_LIMIT'],
  ];
  it.each(cases.map(([name, query, code]) => ({ name, query, code })))('$name → 400 $code', async ({ query, code }) => {
    const { status, errors } = await graphql(query);
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions?.code).toBe(code);
  });

  it('admits the introspection query of graphql-js (15 levels deep) with every limit on', async () => {
    const { status, data, errors } = await graphql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(errors).toBeUndefined();
    expect(status).toBe(200);
    expect(data.__schema.queryType.name).toBe('Query');
    expect(data.__schema.types.map((type: { name: string }) => type.name)).toContain('Project');
  });

  it('keeps the data limits for a document that mixes introspection and data', async () => {
    const { status, errors } = await graphql(`{ __schema { queryType { name } } ${nested(12).slice(1, -1)} }`);
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions?.code).toBe('QUERY_DEPTH_LIMIT');
  });

  it('refuses introspection that nests schema lists beyond the schema (graphql-js MaxIntrospectionDepthRule)', async () => {
    const { status, errors } = await graphql('{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }');
    expect(status).toBe(400);
    expect(errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('refuses batched requests', async () => {
    const response = await fetch(`${inject('gatewayUrl')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ topics { key } }' }, { query: '{ topics { key } }' }]),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BATCHED_REQUESTS_DISABLED');
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const response = await fetch(`${inject('gatewayUrl')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ topics { key } }', variables: { padding: 'x'.repeat(1_100_000) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with 400 and a code', async () => {
    const response = await fetch(`${inject('gatewayUrl')}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('keeps CSRF prevention on: a GET without a preflight header is refused', async () => {
    const response = await fetch(`${inject('gatewayUrl')}/graphql?query=${encodeURIComponent('{ topics { key } }')}`);
    expect(response.status).toBe(400);
  });

  it('lets the acceptance-sized nested query through', async () => {
    const { errors } = await graphql(`{ projects(first: 20) { edges { node { title lead { name parent { name } } participants { role organization { name kind } } topics { key } resources { title author { name } } } } } }`);
    expect(errors).toBeUndefined();
  });
});

describe('rate limiting per client', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '3';
    gateway = await startGateway({
      port: 0,
      supergraphPath: path.join(import.meta.dirname, '..', 'schema', 'supergraph.graphql'),
      subgraphUrls: inject('subgraphUrls'),
    });
    delete process.env.RATE_LIMIT_PER_MINUTE;
  });
  afterAll(() => gateway.stop());

  it('answers 429 with Retry-After past the limit', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i += 1) {
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('introspection when configured off (production)', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    process.env.INTROSPECTION = 'false';
    gateway = await startGateway({
      port: 0,
      supergraphPath: path.join(import.meta.dirname, '..', 'schema', 'supergraph.graphql'),
      subgraphUrls: inject('subgraphUrls'),
    });
    delete process.env.INTROSPECTION;
  });
  afterAll(() => gateway.stop());

  it('refuses anonymous introspection but keeps the schema docs for signed-in partners', async () => {
    const query = '{ __schema { queryType { name } } }';
    const anonymous = await graphql(query, {}, { url: gateway.url });
    expect(anonymous.status).toBe(400);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
    const partner = await graphql(query, {}, { url: gateway.url, token: await tokenFor('kreis-borken', 'viewer') });
    expect(partner.data.__schema.queryType.name).toBe('Query');
    const full = await graphql(getIntrospectionQuery(), {}, { url: gateway.url, token: await tokenFor('kreis-borken', 'viewer') });
    expect(full.errors).toBeUndefined();
    expect(full.data.__schema.queryType.name).toBe('Query');
  });
});

describe('response cache for anonymous reads', () => {
  it('serves a repeated anonymous read from the cache and never a stale one after a write', async () => {
    const url = `${inject('gatewayUrl')}/graphql`;
    const read = () =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ project(slug: "leader-region-baumberge") { id version summary } }' }) });
    const first = await read();
    const { data } = (await first.json()) as any;
    const second = await read();
    expect(second.headers.get('x-cache')).toBe('hit');

    const token = await tokenFor('muensterland-e-v', 'admin');
    const summary = `Geändert ${Date.now()}`;
    const update = await graphql(
      'mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { version summary } } }',
      { input: { id: data.project.id, version: data.project.version, summary } },
      { token },
    );
    expect(update.errors).toBeUndefined();
    const after = await read();
    expect(after.headers.get('x-cache')).toBe('miss');
    expect(((await after.json()) as any).data.project.summary).toBe(summary);
    // Restore the seeded summary for the other tests.
    await graphql('mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { version } } }', {
      input: { id: data.project.id, version: update.data.updateProject.project.version, summary: data.project.summary },
    }, { token });
  });
});
