import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { freePort } from '../scripts/lib/free-port.js';
import { graphql, tokenFor } from './client.js';

/**
 * Several gateway instances in front of the same subgraphs. With a shared gateway database
 * (`gateway-database.ts`) a write answered by one instance leaves no stale cached read on any
 * other, and the cost budgets are one budget. The change watch (`CHANGE_WATCH_MS`) is off on these
 * gateways, so only the sharing can make them pass; it has a test of its own at the end.
 */
const READ = '{ project(slug: "leader-region-baumberge") { id version summary } }';
const UPDATE = 'mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { version summary } } }';
const LEAD = '{ project(slug: "informelle-regionalentwicklung-im-muensterland") { lead { id version description } } }';
const UPDATE_ORGANIZATION = 'mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { version description } } }';
const SUPERGRAPH = path.join(import.meta.dirname, '..', 'schema', 'supergraph.graphql');

/** A database of this file's own in the test system's PostgreSQL, so no other gateway writes into it. */
async function freshDatabase(name: string, create = true): Promise<string> {
  const url = new URL(inject('databaseUrls').organizations);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    if (create) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

async function queryIn<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function start(env: Record<string, string>, databaseUrl?: string): Promise<RunningGateway> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, { CHANGE_WATCH_MS: '0', ...env });
  try {
    return await startGateway({ port: 0, supergraphPath: SUPERGRAPH, subgraphUrls: inject('subgraphUrls'), databaseUrl });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    process.env.CHANGE_WATCH_MS = '0';
  }
}

interface Answer {
  status: number;
  cache: string | null;
  retryAfter: string | null;
  body: { data?: any; errors?: { extensions?: { code?: string } }[]; extensions?: { cost?: { requested: number; remaining: number | null; resetAt: string | null } } };
}

async function post(url: string, query: string, { token, variables }: { token?: string; variables?: Record<string, unknown> } = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, cache: response.headers.get('x-cache'), retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Answer['body'] };
}

async function metric(gateway: RunningGateway, line: RegExp): Promise<number> {
  const text = await (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text();
  return text.split('\n').filter((candidate) => line.test(candidate)).reduce((sum, candidate) => sum + Number(candidate.split(' ').pop()), 0);
}
const entityHits = (gateway: RunningGateway) => metric(gateway, /^entity_cache_lookups_total\{.*subgraph="organizations".*result="hit"/);
const entityInvalidations = (gateway: RunningGateway) => metric(gateway, /^entity_cache_invalidations_total\{.*subgraph="organizations"/);

describe('gateway instances sharing one gateway database', () => {
  let databaseUrl: string;
  /** A and B charge a shared budget (its statement reads the write generation); C has no budget and reads the generation alone. */
  let a: RunningGateway;
  let b: RunningGateway;
  let c: RunningGateway;
  let admin: string;
  beforeAll(async () => {
    databaseUrl = await freshDatabase('gateway_instances_test');
    a = await start({ RATE_LIMIT_PER_MINUTE: '1000000' }, databaseUrl);
    b = await start({ RATE_LIMIT_PER_MINUTE: '1000000' }, databaseUrl);
    c = await start({ RATE_LIMIT_PER_MINUTE: '0' }, databaseUrl);
    admin = await tokenFor('muensterland-e-v', 'admin');
  });
  afterAll(async () => {
    for (const gateway of [a, b, c]) await gateway?.stop();
  });

  it('a write through A is read at once through B and C, their response caches warm before it, 20 times', async () => {
    const original = (await graphql(READ)).data.project;
    let version = original.version;
    try {
      for (let round = 1; round <= 20; round += 1) {
        for (const gateway of [b, c]) {
          await post(gateway.url, READ);
          expect(await post(gateway.url, READ)).toMatchObject({ cache: 'hit', body: { data: { project: { version } } } });
        }
        const summary = `Runde ${round}: über Instanz A geschrieben ${Date.now()}`;
        const written = await post(a.url, UPDATE, { token: admin, variables: { input: { id: original.id, version, summary } } });
        expect(written.body.errors).toBeUndefined();
        version = written.body.data.updateProject.project.version;
        // Right after A answered: no stale cached answer through the others.
        const [throughB, throughC] = await Promise.all([post(b.url, READ), post(c.url, READ)]);
        expect(throughB.body.data.project).toMatchObject({ version, summary });
        expect(throughC.body.data.project).toMatchObject({ version, summary });
      }
    } finally {
      await graphql(UPDATE, { input: { id: original.id, version, summary: original.summary } }, { token: admin });
    }
  });

  it('a write through A is read at once through B with B\'s entity cache warm, 20 times', async () => {
    // A signed-in reader: the response cache stays out, organizations come from B's entity cache.
    const reader = await tokenFor('kreis-borken', 'viewer');
    const lead = (await post(b.url, LEAD, { token: reader })).body.data.project.lead;
    let version = lead.version;
    try {
      for (let round = 1; round <= 20; round += 1) {
        const hits = await entityHits(b);
        expect((await post(b.url, LEAD, { token: reader })).body.data.project.lead.version).toBe(version);
        expect(await entityHits(b)).toBeGreaterThan(hits); // B answered the lead from its entity cache
        const description = `Runde ${round}: Beschreibung über Instanz A ${Date.now()}`;
        const written = await post(a.url, UPDATE_ORGANIZATION, { token: admin, variables: { input: { id: lead.id, version, description } } });
        expect(written.body.errors).toBeUndefined();
        version = written.body.data.updateOrganization.organization.version;
        expect((await post(b.url, LEAD, { token: reader })).body.data.project.lead).toMatchObject({ version, description });
      }
    } finally {
      await graphql(UPDATE_ORGANIZATION, { input: { id: lead.id, version, description: lead.description } }, { token: admin });
    }
  });

  it('B empties its caches on A\'s notification alone, also after its LISTEN connection was cut', async () => {
    const original = (await graphql(READ)).data.project;
    const write = async (version: number, summary: string) => {
      const written = await post(a.url, UPDATE, { token: admin, variables: { input: { id: original.id, version, summary } } });
      expect(written.body.errors).toBeUndefined();
      return written.body.data.updateProject.project.version as number;
    };
    // `/metrics` does not pass the door, so only the notification can move B's invalidation counter.
    let before = await entityInvalidations(b);
    let version = await write(original.version, `Benachrichtigung ${Date.now()}`);
    await expect.poll(() => entityInvalidations(b), { timeout: 3000, interval: 50 }).toBeGreaterThan(before);

    // A database restart as the listeners see it: their connections are terminated.
    const cluster = new URL(databaseUrl);
    cluster.pathname = '/postgres';
    const killer = new pg.Client({ connectionString: cluster.toString() });
    await killer.connect();
    try {
      const listening = () => killer.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = 'gateway_instances_test' and application_name = 'gateway-listen'`).then((result) => result.rows[0]!.n);
      expect(await listening()).toBe(3);
      await killer.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = 'gateway_instances_test' and application_name = 'gateway-listen'`);
      await expect.poll(listening, { timeout: 5000, interval: 100 }).toBe(3);
    } finally {
      await killer.end();
    }
    before = await entityInvalidations(b);
    version = await write(version, original.summary);
    await expect.poll(() => entityInvalidations(b), { timeout: 3000, interval: 50 }).toBeGreaterThan(before);
  });
});

describe('one cost budget across gateway instances', () => {
  const PER_MINUTE = 10;
  const CHEAP = '{ __typename }'; // 1 point, paid at the door
  let databaseUrl: string;
  let a: RunningGateway;
  let b: RunningGateway;
  beforeAll(async () => {
    databaseUrl = await freshDatabase('gateway_budget_test');
    a = await start({ RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) }, databaseUrl);
    b = await start({ RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) }, databaseUrl);
    // A window that ended before any request: the first charge's sweep deletes it.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`insert into gateway_budget (key, spent, reset_at) values ('ip:ended', 3, now() - interval '1 minute')`);
    await client.end();
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('a client spends one budget through A and B: extensions.cost counts down across both, then 429 through either', async () => {
    const token = await tokenFor('kreis-coesfeld', 'viewer');
    const remaining: number[] = [];
    const resets = new Set<string>();
    for (let request = 0; request < PER_MINUTE; request += 1) {
      const answer = await post((request % 2 ? b : a).url, CHEAP, { token });
      expect(answer.status).toBe(200);
      remaining.push(answer.body.extensions!.cost!.remaining!);
      resets.add(answer.body.extensions!.cost!.resetAt!);
    }
    expect(remaining).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(resets.size).toBe(1); // one window, on the database's clock
    for (const gateway of [b, a]) {
      const refused = await post(gateway.url, CHEAP, { token });
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    }
  });

  it('a gateway that restarts keeps the budget', async () => {
    const token = await tokenFor('kreis-steinfurt', 'viewer');
    for (let request = 1; request <= 4; request += 1) expect((await post(a.url, CHEAP, { token })).body.extensions?.cost?.remaining).toBe(PER_MINUTE - request);
    await a.stop();
    a = await start({ RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) }, databaseUrl);
    expect((await post(a.url, CHEAP, { token })).body.extensions?.cost?.remaining).toBe(PER_MINUTE - 5);
    expect((await post(b.url, CHEAP, { token })).body.extensions?.cost?.remaining).toBe(PER_MINUTE - 6);
  });

  it('an operation costing more than 1 point is charged once, to the shared budget', async () => {
    const token = await tokenFor('kreis-warendorf', 'viewer');
    // 200 organizations: a few points (1 paid at the door, the rest at admission).
    const first = await post(a.url, '{ organizations(first: 200) { edges { node { id } } } }', { token });
    const requested = first.body.extensions!.cost!.requested;
    expect(first.status).toBe(200);
    expect(requested).toBeGreaterThan(1);
    expect(first.body.extensions!.cost!.remaining).toBe(PER_MINUTE - requested);
    expect((await post(b.url, CHEAP, { token })).body.extensions?.cost?.remaining).toBe(PER_MINUTE - requested - 1);
  });

  it('ended windows are deleted: one row per client and current window', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ key: string }>('select key from gateway_budget order by key');
      expect(rows.map((row) => row.key)).toEqual(['partner:kreis-coesfeld:viewer', 'partner:kreis-steinfurt:viewer', 'partner:kreis-warendorf:viewer']);
    } finally {
      await client.end();
    }
  });

  it('a gateway started before its database sets it up and shares through it once it is there', async () => {
    const lateUrl = await freshDatabase('gateway_late_test', false);
    const late = await start({ RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) }, lateUrl);
    try {
      const token = await tokenFor('kreis-borken', 'editor');
      expect((await post(late.url, CHEAP, { token })).body.extensions?.cost?.remaining).toBe(PER_MINUTE - 1); // its own budget meanwhile
      await freshDatabase('gateway_late_test');
      // Its LISTEN connection comes through (backoff up to 5 s) and creates the tables.
      await expect.poll(() => queryIn<{ n: number }>(lateUrl, `select count(*)::int as n from pg_stat_activity where datname = 'gateway_late_test' and application_name = 'gateway-listen'`).then((rows) => rows[0]!.n), { timeout: 15_000, interval: 250 }).toBe(1);
      // Charges reach the shared table once the local budget's 5 s stand-in time is over.
      await expect.poll(async () => {
        await post(late.url, CHEAP, { token });
        return (await queryIn<{ key: string }>(lateUrl, 'select key from gateway_budget')).map((row) => row.key);
      }, { timeout: 15_000, interval: 500 }).toEqual(['partner:kreis-borken:editor']);
    } finally {
      await late.stop();
    }
  });

  it('without its database a gateway limits on its own budget and never answers 500', async () => {
    const unreachable = `postgresql://postgres:nothing@127.0.0.1:${await freePort()}/gateway`;
    const alone = await start({ RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) }, unreachable);
    try {
      const token = await tokenFor('kreis-borken', 'viewer');
      const answers = [];
      for (let request = 0; request <= PER_MINUTE; request += 1) answers.push(await post(alone.url, CHEAP, { token }));
      expect(answers.slice(0, PER_MINUTE).map((answer) => [answer.status, answer.body.extensions?.cost?.remaining])).toEqual(
        Array.from({ length: PER_MINUTE }, (_, index) => [200, PER_MINUTE - 1 - index]),
      );
      expect(answers[PER_MINUTE]!.status).toBe(429);
      expect((await post(alone.url, UPDATE, { token: await tokenFor('muensterland-e-v', 'admin'), variables: { input: { id: '00000000-0000-0000-0000-000000000000', version: 1, summary: 'x' } } })).status).not.toBe(500);
    } finally {
      await alone.stop();
    }
  });
});

/** Waits for a condition outside a test (`expect.poll` works only inside one). */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Not reached within ${timeoutMs} ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('GATEWAY_WORKERS=2: two gateway processes on one port', () => {
  let primary: ChildProcess;
  let port: number;
  const children = () => fs.readFileSync(`/proc/${primary.pid}/task/${primary.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  /** A new connection per request, so the primary hands requests to the workers in turn. */
  const postFresh = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
    new Promise<any>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve(JSON.parse(text)));
      });
      request.on('error', reject);
      request.end(JSON.stringify({ query, variables }));
    });

  beforeAll(async () => {
    port = await freePort();
    const databaseUrl = await freshDatabase('gateway_workers_test');
    const subgraphUrls = Object.fromEntries(Object.entries(inject('subgraphUrls')).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]));
    primary = spawn(process.execPath, ['dist/gateway/workers.js'], {
      env: { ...process.env, ...subgraphUrls, GATEWAY_WORKERS: '2', GATEWAY_PORT: String(port), GATEWAY_HOST: '127.0.0.1', GATEWAY_DATABASE_URL: databaseUrl, CHANGE_WATCH_MS: '0', RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    await until(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.status === 200);
    await until(() => children().length === 2);
  }, 60_000);
  afterAll(async () => {
    if (primary && primary.exitCode === null) {
      const exited = new Promise((resolve) => primary.once('exit', resolve));
      primary.kill('SIGTERM');
      await exited;
    }
  });

  it('writes and reads through either worker stay consistent, 20 times; a dead worker comes back; SIGTERM stops all', async () => {
    const token = await tokenFor('muensterland-e-v', 'admin');
    const original = (await graphql(READ)).data.project;
    let version = original.version;
    try {
      for (let round = 1; round <= 20; round += 1) {
        // Two reads on two connections: both workers hold the answer in their response caches.
        await Promise.all([postFresh(READ), postFresh(READ)]);
        const summary = `Worker-Runde ${round} ${Date.now()}`;
        const written = await postFresh(UPDATE, { input: { id: original.id, version, summary } }, token);
        expect(written.errors).toBeUndefined();
        version = written.data.updateProject.project.version;
        const reads = await Promise.all([postFresh(READ), postFresh(READ)]);
        for (const read of reads) expect(read.data.project).toMatchObject({ version, summary });
      }
    } finally {
      await graphql(UPDATE, { input: { id: original.id, version, summary: original.summary } }, { token });
    }

    const [first] = children();
    process.kill(first!, 'SIGKILL');
    await expect.poll(() => children().filter((pid) => pid !== first).length, { timeout: 15_000, interval: 200 }).toBe(2);
    expect((await postFresh('{ __typename }')).data).toEqual({ __typename: 'Query' });

    const workers = children();
    const exited = new Promise<number | null>((resolve) => primary.once('exit', resolve));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
  }, 60_000);
});

describe('change watch (writes that pass no gateway)', () => {
  let watching: RunningGateway;
  let blind: RunningGateway;
  beforeAll(async () => {
    watching = await start({ CHANGE_WATCH_MS: '200' });
    blind = await start({ CHANGE_WATCH_MS: '0' });
  });
  afterAll(async () => {
    await watching?.stop();
    await blind?.stop();
  });

  it('a write elsewhere reaches the caches of an instance within the watch interval', async () => {
    const { data } = await graphql(READ);
    const original = data.project;
    // Both instances hold the current answer in their response caches.
    for (const gateway of [watching, blind]) {
      await post(gateway.url, READ);
      expect(await post(gateway.url, READ)).toMatchObject({ cache: 'hit', body: { data: { project: { summary: original.summary } } } });
    }
    await new Promise((resolve) => setTimeout(resolve, 400)); // the watcher has read the feed's newest cursor

    const token = await tokenFor('muensterland-e-v', 'admin');
    const summary = `Geändert über eine andere Gateway-Instanz ${Date.now()}`;
    // The test system's own gateway shares no database with these two: as for an import, only the change feed tells them.
    const update = await graphql(UPDATE, { input: { id: original.id, version: original.version, summary } }, { token });
    expect(update.errors).toBeUndefined();

    const written = Date.now();
    await expect.poll(async () => (await post(watching.url, READ)).body.data.project.summary, { timeout: 3000, interval: 100 }).toBe(summary);
    const seenAfterMs = Date.now() - written;
    // Without the watcher the other instance still answers from its cache (until its TTL of 5 s).
    expect(await post(blind.url, READ)).toMatchObject({ cache: 'hit', body: { data: { project: { summary: original.summary } } } });
    expect(seenAfterMs).toBeLessThan(3000);

    await graphql(UPDATE, { input: { id: original.id, version: update.data.updateProject.project.version, summary: original.summary } }, { token });
  });
});
