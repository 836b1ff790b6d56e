import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { PLAYGROUND_TABS } from '../gateway/playground-examples.js';
import { sha256, trustedOperationNames, type PersistedQueryManifest } from '../gateway/trusted-documents.js';
import { graphql, tokenFor } from './client.js';

const ROOT = path.join(import.meta.dirname, '..');
const run = promisify(execFile);

const OPERATIONS = `
query ProjectsOfKreis($ags: String!) {
  projects(filter: { ags: $ags }, first: 5) { totalCount edges { node { ...ProjectCard } } }
}
fragment ProjectCard on Project { slug title }
`;
const MORE = `
query Topics { topics { key } }
query TooCostly { projects(first: 500) { edges { node { participants { organization { children { name children { name } } } } } } } }
mutation Rename($id: ID!, $version: Int!, $title: String!) { updateProject(input: { id: $id, version: $version, title: $title }) { project { version } } }
`;

describe('trusted documents (npm run persist, documentId, PERSISTED_ONLY)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trusted-documents-'));
  const manifestFile = path.join(dir, 'manifests', 'test-app.json');
  let manifest: PersistedQueryManifest;
  let gateway: RunningGateway;
  const idOf = (name: string) => `sha256:${manifest.operations.find((operation) => operation.name === name)!.id}`;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'operations', 'more'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'operations', 'projects.graphql'), OPERATIONS);
    fs.writeFileSync(path.join(dir, 'operations', 'more', 'more.gql'), MORE);
    await run(process.execPath, ['--import', 'tsx', 'scripts/persist.ts', path.join(dir, 'operations'), '--out', manifestFile], { cwd: ROOT });
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    process.env.TRUSTED_DOCUMENTS_DIR = path.dirname(manifestFile);
    process.env.PERSISTED_ONLY = 'true';
    gateway = await startGateway({ port: 0, supergraphPath: path.join(ROOT, 'schema', 'supergraph.graphql'), subgraphUrls: inject('subgraphUrls') });
    delete process.env.TRUSTED_DOCUMENTS_DIR;
    delete process.env.PERSISTED_ONLY;
  });
  afterAll(async () => {
    await gateway?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('npm run persist writes an Apollo persisted query manifest: one entry per operation, id = sha256 of the body', () => {
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.version).toBe(1);
    expect(manifest.operations.map(({ name, type }) => [name, type])).toEqual([
      ['ProjectsOfKreis', 'query'], ['Rename', 'mutation'], ['TooCostly', 'query'], ['Topics', 'query'],
    ]);
    for (const operation of manifest.operations) expect(operation.id).toBe(sha256(operation.body));
    // The fragment travels with the operation that uses it.
    expect(manifest.operations[0].body).toContain('fragment ProjectCard on Project');
  });

  it('npm run persist refuses an anonymous operation', async () => {
    fs.writeFileSync(path.join(dir, 'anonymous.graphql'), '{ topics { key } }');
    const failed = await run(process.execPath, ['--import', 'tsx', 'scripts/persist.ts', path.join(dir, 'anonymous.graphql')], { cwd: ROOT }).catch((error) => error);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('every operation needs a name');
  });

  it('runs a trusted document by documentId in a POST body', async () => {
    const response = await post({ documentId: idOf('ProjectsOfKreis'), variables: { ags: '05554' } });
    const body = (await response.json()) as any;
    expect(response.status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.projects.edges.map((edge: any) => edge.node.slug)).toContain('informelle-regionalentwicklung-im-muensterland');
  });

  it('runs a trusted document by documentId in a GET query string', async () => {
    const url = `${gateway.url}?documentId=${encodeURIComponent(idOf('Topics'))}`;
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    const body = (await response.json()) as any;
    expect(response.status).toBe(200);
    expect(body.data.topics.map((topic: any) => topic.key)).toContain('leader');
  });

  it('accepts the bare hex id of Apollo clients too', async () => {
    const body = (await (await post({ documentId: idOf('Topics').slice('sha256:'.length) })).json()) as any;
    expect(body.data.topics.length).toBeGreaterThan(0);
  });

  it('answers an unknown id with 400 PERSISTED_QUERY_NOT_FOUND', async () => {
    const response = await post({ documentId: `sha256:${sha256('{ unknown }')}` });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const malformed = await post({ documentId: 'sha256:not-hex' });
    expect(((await malformed.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('answers a documentId beside a query, or one that is not a string, with 400 BAD_REQUEST', async () => {
    for (const body of [{ documentId: idOf('Topics'), query: '{ topics { key } }' }, { documentId: 42 }]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    }
  });

  it('puts a trusted document through the same admission step as text: over the cost limit is COST_LIMIT', async () => {
    const response = await post({ documentId: idOf('TooCostly') });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('COST_LIMIT');
  });

  it('checks a write sent by id like any write: anonymous callers are refused', async () => {
    const body = (await (await post({ documentId: idOf('Rename'), variables: { id: '00000000-0000-0000-0000-000000000000', version: 1, title: 'x' } })).json()) as any;
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('with PERSISTED_ONLY=true refuses arbitrary text from anonymous callers with 400 PERSISTED_QUERY_REQUIRED', async () => {
    const response = await post({ query: '{ topics { key } }' });
    expect(response.status).toBe(400);
    const error = ((await response.json()) as any).errors[0];
    expect(error.extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
    expect(error.message).toContain('npm run persist');
    // Apollo's automatic persisted queries are no way around it.
    const apq = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ topics { key } }') } } });
    expect(((await apq.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
  });

  it('with PERSISTED_ONLY=true keeps arbitrary text for signed-in partners', async () => {
    const { status, data } = await graphql('{ topics { key } }', {}, { url: gateway.url, token: await tokenFor('kreis-borken', 'viewer') });
    expect(status).toBe(200);
    expect(data.topics.length).toBeGreaterThan(0);
  });

  it('with PERSISTED_ONLY=true keeps the playground working: its schema and its saved operations', async () => {
    const schema = await graphql(getIntrospectionQuery(), {}, { url: gateway.url });
    expect(schema.data.__schema.queryType.name).toBe('Query');
    const explore = await graphql(PLAYGROUND_TABS[0].query, {}, { url: gateway.url });
    expect(explore.errors).toBeUndefined();
    expect(explore.data.organizations.totalCount).toBe(17);
    const analyst = (await (await post({ query: PLAYGROUND_TABS[2].query, operationName: 'Coverage' })).json()) as any;
    expect(analyst.data.topicCoverage.uncoveredMunicipalities).toHaveLength(5);
  });

  it('serves a manifest written while the gateway runs (npm run persist, no restart)', async () => {
    const later = path.join(dir, 'later.graphql');
    fs.writeFileSync(later, 'query AddedLater { topics { name } }');
    await run(process.execPath, ['--import', 'tsx', 'scripts/persist.ts', later, '--out', path.join(path.dirname(manifestFile), 'later-app.json')], { cwd: ROOT });
    const added = JSON.parse(fs.readFileSync(path.join(path.dirname(manifestFile), 'later-app.json'), 'utf8')).operations[0];
    // Manifests are looked at again at most once a second, when an unknown id arrives.
    await expect
      .poll(async () => ((await (await post({ documentId: `sha256:${added.id}` })).json()) as any).data?.topics?.length ?? 0, { timeout: 5000, interval: 300 })
      .toBeGreaterThan(0);
    expect(trustedOperationNames().has('AddedLater')).toBe(true);
  });

  it('exports the operation names of the trusted documents (for metric labels)', () => {
    const names = trustedOperationNames();
    for (const name of ['ProjectsOfKreis', 'Topics', 'Rename', 'ExploreTheRegion', 'MyProjects', 'RenameProject', 'Coverage', 'Statistics', 'Search']) expect(names.has(name), name).toBe(true);
    expect(names.has('ProjectCard')).toBe(false);
  });
});
