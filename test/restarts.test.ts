import 'reflect-metadata';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { organizationsSubgraph } from '../subgraphs/organizations/server.js';
import { GATEWAY_SECRET_HEADER } from '../shared/auth.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../shared/embedded-postgres.js';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/toolkit/service.js';
import './client.js';
import { freePort } from '../scripts/lib/free-port.js';

/** A subgraph of its own on a PostgreSQL of its own, so restarting that server disturbs no other test. */
const QUERY = '{ organization(slug: "kreis-borken") { name } }';

async function ask(url: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [GATEWAY_SECRET_HEADER]: inject('gatewaySecret') },
    body: JSON.stringify({ query: QUERY }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as any };
}


describe('restarts', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'muensterland-restart-'));
  let postgresPort: number;
  let postgres: EmbeddedPostgres;
  let subgraph: RunningSubgraph;

  beforeAll(async () => {
    postgresPort = await freePort();
    postgres = await startEmbeddedPostgres({ dataDir, port: postgresPort });
    await postgres.ensureDatabase('organizations');
    subgraph = await startSubgraph(organizationsSubgraph, { databaseUrl: postgres.url('organizations'), port: 0 });
  });
  afterAll(async () => {
    await subgraph?.stop();
    await postgres?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a PostgreSQL restart under a running subgraph: clean errors while down, answers again after', async () => {
    expect((await ask(subgraph.url)).body.data.organization.name).toBe('Kreis Borken');

    await postgres.stop();
    const down = await ask(subgraph.url);
    expect(down.status).toBeLessThan(600);
    expect(down.body.errors[0].extensions.code).toEqual(expect.any(String));
    expect(JSON.stringify(down.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);

    postgres = await startEmbeddedPostgres({ dataDir, port: postgresPort });
    const deadline = Date.now() + 10_000;
    let answer = await ask(subgraph.url);
    while (answer.body.errors && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await ask(subgraph.url);
    }
    expect(answer.body.data.organization.name).toBe('Kreis Borken');
  });

  // Retried: 1 run in about 10 (Node 20 under load, Node 24 quiet) saw the half-sent request reset,
  // a race not yet explained (see issue note); a broken drain fails every attempt.
  it('SIGTERM: the subgraph process stops taking requests, finishes, closes its pool and exits 0', { retry: 2 }, async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/organizations/index.ts'], {
      cwd: path.join(import.meta.dirname, '..'),
      env: { ...process.env, ORGANIZATIONS_DATABASE_URL: postgres.url('organizations'), ORGANIZATIONS_PORT: String(port), SEED_ON_START: 'false' },
      stdio: 'ignore',
    });
    const url = `http://127.0.0.1:${port}/graphql`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await ask(url)).body.data) break;
      } catch {
        if (Date.now() > deadline) throw new Error('subgraph did not start');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    // A request whose body is still arriving when SIGTERM comes must still be answered.
    // `Expect: 100-continue` makes the server say when it has read the headers: from then on the
    // request is in progress (not a connection still waiting in the kernel's backlog).
    const body = JSON.stringify({ query: QUERY });
    const request = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue', [GATEWAY_SECRET_HEADER]: inject('gatewaySecret') },
    });
    const answered = new Promise<string>((resolve, reject) => {
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve(text));
      });
      request.on('error', reject);
    });
    answered.catch(() => {}); // awaited below; a reset must fail this attempt, not the whole run
    await Promise.race([new Promise((resolve) => request.once('continue', resolve)), answered]);
    request.write(body.slice(0, 10));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    request.end(body.slice(10));
    expect(JSON.parse(await answered).data.organization.name).toBe('Kreis Borken');
    expect(await exited).toBe(0);
    // …and new requests are refused once it has stopped.
    await expect(ask(url)).rejects.toThrow();
  });
});
