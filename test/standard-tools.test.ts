import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import { afterAll, describe, expect, inject, it } from 'vitest';

/**
 * The tools developers point at a GraphQL endpoint, run against the running gateway with its
 * default settings (every request limit on, anonymous).
 */
const ROOT = path.join(import.meta.dirname, '..');
const run = promisify(execFile);
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

describe('standard tools against the running gateway', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'standard-tools-'));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
  const gatewayUrl = () => `${inject('gatewayUrl')}/graphql`;

  it('answers the introspection query of graphql-js (getIntrospectionQuery()) with the whole schema', async () => {
    const response = await fetch(gatewayUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: getIntrospectionQuery() }) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.errors).toBeUndefined();
    const schema = buildClientSchema(body.data);
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(expect.arrayContaining(['project', 'projects', 'organization', 'topicCoverage']));
    expect(schema.getMutationType()!.getFields().updateProject).toBeDefined();
  });

  it('@graphql-codegen/cli (typescript, typescript-operations) generates types from the gateway URL: npm run -s codegen:example', async () => {
    await run('npm', ['run', '-s', 'codegen:example'], { cwd: ROOT, env: { ...process.env, GATEWAY_URL: gatewayUrl(), CODEGEN_OUT: out } });
    const schemaTypes = fs.readFileSync(path.join(out, 'schema.ts'), 'utf8');
    const operationTypes = fs.readFileSync(path.join(out, 'graphql.ts'), 'utf8');
    // typescript: the schema's types with their descriptions.
    expect(schemaTypes).toMatch(/export type Project = \{/);
    expect(schemaTypes).toContain('export type UpdateProjectInput = {');
    // typescript-operations: the example's operations, typed exactly as selected.
    expect(operationTypes).toContain('export type KreisProjectsQueryVariables = Exact<{');
    expect(operationTypes).toMatch(/export type KreisProjectsQuery = \{ projects: \{ totalCount: number,/);
  }, 60_000);

  it('@graphql-inspector/cli diffs the live schema against schema/supergraph.graphql: the same API', async () => {
    const { stdout, stderr } = await run(bin('graphql-inspector'), ['diff', gatewayUrl(), 'schema/supergraph.graphql'], { cwd: ROOT });
    const output = stdout + stderr;
    expect(output).toContain('No breaking changes detected');
    // The file adds only the federation machinery (join__ and link) and the `@specifiedBy` URL of
    // the JSON scalar (graphql-scalars sets it; supergraph SDL keeps no directives on scalars);
    // any other change would mean the gateway serves another API than the committed supergraph.
    const changes = output.split('\n').filter((line) => /^\[log\] [⚠✔✖]/.test(line));
    expect(changes.length).toBeGreaterThan(0);
    const other = changes.filter((line) => !/(Directive (join__\w+|link) was added)|(Type (join__|link__)\w+ was added)|(Directive specifiedBy was added to scalar JSON)/.test(line));
    expect(other).toEqual([]);
  }, 60_000);
});
