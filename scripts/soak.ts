import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { subgraphs } from '../subgraphs/registry.js';
import { signPartnerToken } from '../shared/auth.js';
import { migrate, openDatabase } from '../subgraphs/toolkit/database.js';
import { seedDatabase } from '../subgraphs/toolkit/service.js';
import { memoryUse, postmasterPid, type Watched } from './bench/processes.js';
import { scaleDatabaseNames, scalePostgres } from './bench/scale-databases.js';
import { Launcher } from './bench/system.js';
import { NESTED_QUERY, SINGLE_SUBGRAPH_QUERY } from './bench/workloads.js';
import { ATTACKER, normalClientIdentity, runAttacker, type AttackTally } from './bench/attack.js';
import { postGraphQL, type GraphQLAnswer } from './lib/graphql-post.js';
import type { EmbeddedPostgres } from '../shared/embedded-postgres.js';

/**
 * `npm run soak -- --attack --seconds 120 [--clients 8]`: the same normal clients, each a partner
 * app with its own token and a steady pace, for half the time alone and for the other half beside
 * one hostile client using every trick the admission step must stop (`attack.ts`); prints the
 * normal clients' p95 without and with the attacker, their failures, and what the attacker got.
 *
 * `npm run soak -- --seconds 600 [--clients 20]`: a bounded mixed read/write workload against the
 * whole system (loopback only) on its own databases (`*_soak`, reference data seeded); writes
 * update projects the clients created at the start, so the data keeps its size. Reports
 * failed requests, p99 and resident memory of every service over time, and checks afterwards
 * that every acknowledged write is in the database.
 */
const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index > 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const attackMode = process.argv.includes('--attack');
const seconds = arg('seconds', attackMode ? 120 : 600);
const clients = arg('clients', attackMode ? 8 : 20);
/** With --attack each normal client sends one request per this many ms (a partner app, not a flood). */
const PACE_MS = 200;
const root = path.join(import.meta.dirname, '..');
const resultsDir = path.join(root, 'bench-results');

const SEARCH = 'query SoakSearch($text: String!) { projects(filter: { text: $text, includeSamples: true }, first: 10) { totalCount edges { node { slug } } } }';
const CREATE = 'mutation SoakCreate($input: CreateProjectInput!) { createProject(input: $input) { project { id version } } }';
const UPDATE = 'mutation SoakUpdate($input: UpdateProjectInput!) { updateProject(input: $input) { project { id version summary } } }';
const WORDS = ['Mobilität', 'Kooperation', 'Münster', 'Klimaschutz', 'Digitalisierung', 'Tourismus', 'LEADER'];

async function prepareDatabases(postgres: EmbeddedPostgres): Promise<Record<string, string>> {
  const names = scaleDatabaseNames('_soak');
  const admin = new pg.Client({ connectionString: postgres.url('postgres') });
  await admin.connect();
  const urls: Record<string, string> = {};
  for (const definition of subgraphs) {
    const database = names[definition.name];
    await admin.query(`drop database if exists "${database}" with (force)`);
    await admin.query(`create database "${database}"`);
    urls[definition.name] = postgres.url(database);
    const opened = await openDatabase(definition, urls[definition.name]);
    await migrate(opened.orm);
    await seedDatabase(definition, opened);
    await opened.orm.close();
  }
  await admin.end();
  return urls;
}

async function main() {
  const postgres = await scalePostgres();
  const databaseUrls = await prepareDatabases(postgres);
  const launcher = new Launcher(path.join(resultsDir, 'soak-services.log'));
  try {
    await postgres.ensureDatabase('gateway_soak');
    const system = await launcher.startSystem(databaseUrls, postgres.url('gateway_soak'));
    const services = system.subgraphs;
    // The attack runs against a gateway as deployed: rate limit and response cache at their defaults.
    const gateway = attackMode ? await launcher.startGateway('gateway-defaults', { RATE_LIMIT_PER_MINUTE: '5000' }) : system.gateway;
    const watched: Watched[] = [
      { name: 'gateway', pid: gateway.child.pid! },
      ...services.map((service) => ({ name: service.name, pid: service.child.pid! })),
      { name: 'postgresql', pid: postmasterPid(process.env.DATA_DIR ?? '/var/lib/muensterland-graph') ?? 0, postgres: true },
    ].filter((entry) => entry.pid > 0);

    const token = await signPartnerToken({ org: 'kreis-borken', role: 'editor' }, '2h');
    const leadId = await (async () => {
      const response = await post(gateway.url, '{ organization(slug: "kreis-borken") { id } }', {});
      return response.data.organization.id as string;
    })();

    // Each normal client is its own partner app (own token, own budget); in the plain soak they
    // read anonymously as before.
    const readTokens = await Promise.all(Array.from({ length: clients }, (_, index) => {
      const identity = normalClientIdentity(index);
      return attackMode ? signPartnerToken(identity, '2h') : Promise.resolve(undefined);
    }));

    let latencies: number[] = [];
    const failures: string[] = [];
    const acknowledged = new Map<string, string>(); // project id → the summary last acknowledged
    let requests = 0;
    let writes = 0;
    let deadline = Date.now() + (attackMode ? seconds / 2 : seconds) * 1000;
    const samples: { atS: number; memory: ReturnType<typeof memoryUse> }[] = [];
    const started = Date.now();
    const sampler = setInterval(() => samples.push({ atS: Math.round((Date.now() - started) / 1000), memory: memoryUse(watched) }), Math.max(1000, (seconds * 1000) / 30));

    // Each client owns a few projects it created at the start and keeps updating them, so the
    // data stays the same size and memory over time shows the services, not a growing table.
    const owned: { id: string; version: number }[][] = [];
    for (let index = 0; index < clients; index += 1) {
      owned.push([]);
      for (let n = 0; n < 3; n += 1) {
        const created = await post(gateway.url, CREATE, {
          input: { title: `Soak-Projekt ${index}-${n} ${Date.now()}`, summary: 'Beispiel aus dem Dauertest (Soak).', leadOrganizationId: leadId, topicKeys: ['regionalentwicklung'] },
        }, token);
        const project = created.data?.createProject?.project;
        if (!project) throw new Error(`Soak set-up failed: ${JSON.stringify(created.errors ?? created).slice(0, 300)}`);
        owned[index].push(project);
        acknowledged.set(project.id, 'Beispiel aus dem Dauertest (Soak).');
      }
    }

    const worker = async (index: number) => {
      let step = 0;
      while (Date.now() < deadline) {
        step += 1;
        const began = performance.now();
        try {
          if (step % 10 === 0) {
            const project = owned[index][step % owned[index].length];
            const summary = `Geändert im Dauertest ${index}-${step}`;
            const updated = await post(gateway.url, UPDATE, { input: { id: project.id, version: project.version, summary } }, token);
            const result = updated.data?.updateProject?.project;
            if (!result) throw new Error(JSON.stringify(updated.errors ?? updated).slice(0, 300));
            project.version = result.version;
            acknowledged.set(project.id, summary);
            writes += 1;
          } else if (step % 3 === 0) {
            await expectData(post(gateway.url, SEARCH, { text: WORDS[step % WORDS.length] }, readTokens[index]));
          } else if (step % 3 === 1) {
            await expectData(post(gateway.url, NESTED_QUERY, { n: 20 }, readTokens[index]));
          } else {
            await expectData(post(gateway.url, SINGLE_SUBGRAPH_QUERY, {}, readTokens[index]));
          }
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
        const took = performance.now() - began;
        latencies.push(took);
        requests += 1;
        if (attackMode && took < PACE_MS) await new Promise((resolve) => setTimeout(resolve, PACE_MS - took));
      }
    };
    await Promise.all(Array.from({ length: clients }, (_, index) => worker(index)));
    let attack: { quietLatencies: number[]; tally: AttackTally; gatewayRssMb: { before: number; after: number } } | undefined;
    if (attackMode) {
      const quietLatencies = latencies;
      latencies = [];
      const rss = () => memoryUse(watched).find((entry) => entry.name === 'gateway')?.rssMb ?? 0;
      const before = rss();
      deadline = Date.now() + (seconds / 2) * 1000;
      const [tally] = await Promise.all([
        runAttacker(gateway.url, deadline),
        ...Array.from({ length: clients }, (_, index) => worker(index)),
      ]);
      attack = { quietLatencies, tally, gatewayRssMb: { before, after: rss() } };
    }
    clearInterval(sampler);
    samples.push({ atS: Math.round((Date.now() - started) / 1000), memory: memoryUse(watched) });

    // Every acknowledged write must be in the database, with the summary that was acknowledged.
    const projects = new pg.Client({ connectionString: databaseUrls.projects });
    await projects.connect();
    const { rows } = await projects.query<{ id: string; summary: string }>('select id, summary from project where id = any($1::uuid[])', [[...acknowledged.keys()]]);
    await projects.end();
    const stored = new Map(rows.map((row) => [row.id, row.summary]));
    const missing = [...acknowledged].filter(([id, summary]) => stored.get(id) !== summary).length;

    latencies.sort((a, b) => a - b);
    const quantile = (values: number[], q: number) => Math.round(values[Math.min(values.length - 1, Math.floor(q * values.length))] * 10) / 10;
    const p = (q: number) => quantile(latencies, q);
    const warm = samples[Math.min(samples.length - 1, Math.max(1, Math.floor(samples.length / 5)))];
    const end = samples[samples.length - 1];
    const memory = watched.map(({ name }) => {
      const warmMb = warm.memory.find((entry) => entry.name === name)?.rssMb ?? 0;
      const endMb = end.memory.find((entry) => entry.name === name)?.rssMb ?? 0;
      return { name, afterWarmUpMb: warmMb, endMb, change: warmMb ? Math.round(((endMb - warmMb) / warmMb) * 1000) / 10 : 0 };
    });
    const attackReport = attack && (() => {
      const quiet = attack.quietLatencies.sort((a, b) => a - b);
      const p95Without = quantile(quiet, 0.95);
      const p95With = quantile(latencies, 0.95);
      return { p95WithoutAttackerMs: p95Without, p95WithAttackerMs: p95With, ratio: Math.round((p95With / p95Without) * 100) / 100, attacker: attack.tally, gatewayRssMb: attack.gatewayRssMb };
    })();
    const report = {
      seconds, clients, requests, failed: failures.length, firstFailures: failures.slice(0, 5), attack: attackReport,
      p50Ms: p(0.5), p99Ms: p(0.99), acknowledgedWrites: writes + acknowledged.size, projectsWritten: acknowledged.size, missingWrites: missing,
      memory, samples,
    };
    console.log(`\nSoak: ${seconds} s, ${clients} clients, ${requests} requests, ${failures.length} failed, p50 ${report.p50Ms} ms, p99 ${report.p99Ms} ms`);
    console.log(`Acknowledged writes: ${writes} updates of ${acknowledged.size} projects (created at the start); last acknowledged state missing or different in the database: ${missing}`);
    console.log('\nResident memory (MB): service | after warm-up | end | change');
    for (const entry of memory) console.log(`  ${entry.name.padEnd(14)} ${String(entry.afterWarmUpMb).padStart(8)} ${String(entry.endMb).padStart(8)} ${`${entry.change}%`.padStart(8)}`);
    if (attackReport) {
      console.log(`\nNormal clients' p95: ${attackReport.p95WithoutAttackerMs} ms without the attacker, ${attackReport.p95WithAttackerMs} ms with it (${attackReport.ratio}×); failures of normal clients: ${failures.length}`);
      console.log(`Attacker (${ATTACKER.org} ${ATTACKER.role} and anonymous): ${attackReport.attacker.requests} requests, by status ${JSON.stringify(attackReport.attacker.byStatus)}, by code ${JSON.stringify(attackReport.attacker.byCode)}; ran anyway: ${attackReport.attacker.admittedCostly} costly requests`);
      console.log(`Gateway resident memory: ${attackReport.gatewayRssMb.before} MB before the attack, ${attackReport.gatewayRssMb.after} MB after`);
    }
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, attackMode ? 'soak-attack-latest.json' : 'soak-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    const ok = failures.length === 0 && missing === 0 && (attackReport
      ? attackReport.ratio <= 2 && attackReport.attacker.admittedCostly === 0
      : memory.every((entry) => entry.name === 'postgresql' || entry.change <= 15));
    console.log(ok ? '\nSoak passed.' : '\nSoak missed a target (see above).');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await launcher.stopAll();
    await postgres.stop(); // only when this run started it, as bench and seed:scale do
  }
}

async function post(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLAnswer> {
  const answer = await postGraphQL(url, query, variables, { token, timeoutMs: 15_000 });
  if (answer.status < 200 || answer.status >= 300) throw new Error(`HTTP ${answer.status}: ${JSON.stringify(answer.errors).slice(0, 200)}`);
  return answer;
}

async function expectData(pending: Promise<any>): Promise<void> {
  const body = await pending;
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors).slice(0, 300));
}

await main();
process.exit();
