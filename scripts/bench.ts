import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { GATEWAY_SECRET_HEADER, gatewaySecret, PARTNER_ORGANIZATION_HEADER, signPartnerToken } from '../shared/auth.js';
import { envPrefix } from '../shared/config.js';
import { defaultDataDir } from '../shared/embedded-postgres.js';
import { organizationId } from '../shared/reference-data.js';
import { ensureSecrets } from '../shared/secrets.js';
import { parseBenchArgs, type GatewayName, type ScenarioName } from './bench/args.js';
import { metricTotal, runLoad } from './bench/load.js';
import { ensurePeers, PEER_PACKAGES, type PeerKind } from './bench/peers.js';
import { cpuSeconds, machineBusySeconds, memoryUse, postmasterPid, type Watched } from './bench/processes.js';
import { newTotals, printReport, summariseRuns, writeReport, type Report, type ScenarioResult, type Totals } from './bench/report.js';
import { DEFAULT_SUFFIX, scaleDatabaseNames, scalePostgres } from './bench/scale-databases.js';
import { freePort, Launcher, subgraphHeaders, type Service } from './bench/system.js';
import { loadVariedData, scenarioSource, WRITER_SLUG } from './bench/varied.js';

/**
 * `npm run bench`: starts the system on the scale databases (`npm run seed:scale` first) and
 * loads it with varied traffic drawn from that data (scripts/bench/varied.ts), scenario by
 * scenario, through our gateway and the peer gateways on the same subgraphs. The gateways take
 * turns in rounds, so a slow moment of the shared machine does not fall on one of them alone.
 * Per scenario, gateway and client count: req/s, p50/p95/p99, answers checked, and CPU ms per
 * request of the gateway, the subgraphs, PostgreSQL and the whole system.
 *
 *   npm run bench -- --seconds 5 --clients 10 --only varied-nested,hot-query --json out.json
 */

const options = parseBenchArgs(process.argv.slice(2));
const root = path.join(import.meta.dirname, '..');
const RESULTS_DIR = path.join(root, 'bench-results');
const SUPERGRAPH = path.join(root, process.env.SUPERGRAPH_PATH || 'schema/supergraph.graphql');
/** Busy share (% of one core) below which the machine counts as quiet enough to measure. */
const QUIET_PERCENT = 30;
const PEERS: Partial<Record<GatewayName, PeerKind>> = { 'hive-gateway-rust-planner': 'hive-rust', 'hive-gateway': 'hive', 'apollo-gateway-untuned': 'apollo' };
/** Our gateway with one cache or both switched off: shows what each cache carries. */
const OURS_VARIANTS: Partial<Record<GatewayName, Record<string, string>>> = {
  'ours-without-entity-cache': { ENTITY_CACHE_TTL_MS: '0' },
  'ours-without-response-cache': { RESPONSE_CACHE_TTL_MS: '0' },
  'ours-without-caches': { ENTITY_CACHE_TTL_MS: '0', RESPONSE_CACHE_TTL_MS: '0' },
};
/** Reads first; the mix last, because its writes change data the others check. */
const SCENARIO_ORDER: ScenarioName[] = ['varied-nested', 'varied-lookup', 'varied-search', 'hot-query', 'varied-mix'];

const startedAt = new Date();
const notes: string[] = [];
const results: ScenarioResult[] = [];
const postgres = await scalePostgres(options.dataDir);
const dataDir = defaultDataDir();
ensureSecrets(); // the gateway secret and token key of this data folder, before any child reads them
const names = scaleDatabaseNames(options.suffix ?? DEFAULT_SUFFIX);
const databaseUrls = Object.fromEntries(Object.entries(names).map(([subgraph, database]) => [subgraph, postgres.url(database)]));
// Our gateway runs as `npm start` runs it: with its own database, where instances share budgets
// and the write generation every request reads at the door.
const gatewayDatabase = `gateway${options.suffix ?? DEFAULT_SUFFIX}`;
await postgres.ensureDatabase(gatewayDatabase);
const compiled = !options.fromSource;
const launcher = new Launcher(path.join(RESULTS_DIR, `${startedAt.toISOString().replace(/[:.]/g, '-')}.log`), { compiled });
let report: Report | undefined;

// Interrupted (Ctrl-C, a timeout): stop what the bench started rather than leave it running.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the services and PostgreSQL the bench started`);
    void launcher.stopAll().finally(() => postgres.stop()).finally(() => process.exit(130));
  });
}

interface Target {
  name: GatewayName;
  url: string;
  pid: number;
  /** Our gateway's /metrics, for its cache hit rates. */
  metricsUrl?: string;
}

try {
  const busyAtStart = await waitForQuiet(options.waitQuietS);
  if (busyAtStart > QUIET_PERCENT) notes.push(`the machine was busy with other processes at the start (${busyAtStart} % of one core): see CPU "other" per scenario`);
  const peerScript = options.gateways.some((name) => PEERS[name]) ? ensurePeers() : undefined;
  if (compiled) {
    console.error('building dist/ (npm run build) …');
    execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
  }
  const data = await scaleDataCounts();
  console.error(`scale data: ${Object.entries(data).map(([table, rows]) => `${rows} ${table}`).join(', ')}; starting the system …`);
  const { gateway, subgraphs, subgraphUrls } = await launcher.startSystem(databaseUrls, postgres.url(gatewayDatabase));
  const subgraphNames = subgraphs.map((service) => service.name);
  const postmaster = postmasterPid(dataDir);
  const system: Watched[] = [
    { name: 'gateway', pid: gateway.child.pid! },
    ...subgraphs.map((service) => ({ name: service.name, pid: service.child.pid! })),
    ...(postmaster ? [{ name: 'postgres', pid: postmaster, postgres: true }] : []),
  ];
  if (!postmaster) notes.push('PostgreSQL was not started by this bench or its pid is unknown: its CPU is not counted');
  const metricsUrls = Object.fromEntries(subgraphs.map((service) => [service.name, service.url.replace(/\/graphql$/, '/metrics')]));
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idleMemory = memoryUse(system);

  // Every gateway of the run, started once and left idle while the others are measured.
  const targets: Target[] = [];
  for (const name of options.gateways) {
    if (name === 'ours') targets.push({ name, url: gateway.url, pid: gateway.child.pid!, metricsUrl: gateway.url.replace(/\/graphql$/, '/metrics') });
    else if (OURS_VARIANTS[name]) {
      const service = await launcher.startGateway(name, OURS_VARIANTS[name]);
      targets.push({ name, url: service.url, pid: service.child.pid!, metricsUrl: service.url.replace(/\/graphql$/, '/metrics') });
    } else {
      const service = await startPeer(PEERS[name]!, name, peerScript!, subgraphUrls);
      targets.push({ name, url: service.url, pid: service.child.pid! });
    }
  }

  const writerId = organizationId(WRITER_SLUG);
  const writerHeaders = { authorization: `Bearer ${await signPartnerToken({ org: WRITER_SLUG, role: 'editor' }, '2h')}`, [PARTNER_ORGANIZATION_HEADER]: writerId };
  console.error('drawing the variables from the scale data …');
  const varied = await loadVariedData({
    databaseUrls,
    projectsUrl: subgraphs.find((service) => service.name === 'projects')!.url,
    subgraphHeaders: subgraphHeaders(),
    writerOrganizationId: writerId,
    seed: options.seed,
  });
  console.error(`variables: ${Object.entries(varied.counts).map(([name, count]) => `${count} ${name}`).join(', ')}`);

  const scenarios = SCENARIO_ORDER.filter((scenario) => options.scenarios.includes(scenario));
  for (const [scenarioIndex, scenario] of scenarios.entries()) {
    for (const clients of options.clients) {
      console.error(`\n${scenario}, ${clients} clients …`);
      const totals = new Map<GatewayName, Totals>(targets.map((target) => [target.name, newTotals()]));
      const failures = new Map<GatewayName, string>();
      const seedOf = (round: number) => options.seed * 1000 + scenarioIndex * 100 + round;
      // Warm-up of each gateway (query plans, connections, JIT), with other requests than the measured ones.
      if (options.warmupS > 0) {
        for (const target of targets) {
          await runLoad({ url: target.url, connections: clients, durationS: options.warmupS, next: scenarioSource(scenario, varied, { seed: seedOf(99), writerHeaders }), checkEvery: 1000 }).catch(() => undefined);
        }
      }
      for (let round = 0; round < options.rounds; round += 1) {
        // The order rotates each round; within a round every gateway gets the same requests.
        const order = targets.map((_, index) => targets[(index + round) % targets.length]);
        for (const target of order) {
          if (failures.has(target.name)) continue;
          try {
            await measureRun(target, scenario, clients, options.seconds / options.rounds, seedOf(round), totals.get(target.name)!);
          } catch (error) {
            failures.set(target.name, (error instanceof Error ? error.message : String(error)).slice(0, 300));
          }
        }
      }
      for (const target of targets) {
        const runs = totals.get(target.name)!;
        const answered = runs.runs.reduce((sum, run) => sum + run.requests, 0);
        const failure = failures.get(target.name) ?? (answered === 0 ? `no answer in ${options.seconds} s: ${runs.runs.find((run) => run.firstProblem)?.firstProblem ?? ''}` : undefined);
        const result = summariseRuns({ scenario, gateway: target.name, clients, totals: runs, subgraphNames, failure });
        results.push(result);
        console.error(result.skipped
          ? `${target.name}: failed: ${result.skipped}`
          : `${target.name}: ${result.rps} req/s, p95 ${result.p95Ms} ms, system ${result.cpuMsPerRequest.system} ms CPU/request, ${result.errors} errors, ${result.checkProblems}/${result.checked} checks failed${result.firstProblem ? `; first problem: ${result.firstProblem}` : ''}`);
      }
    }
  }

  const afterMemory = memoryUse(system);
  const total = (entries: typeof idleMemory) => Math.round(entries.reduce((sum, entry) => sum + entry.rssMb, 0));
  const ratio = (scenario: ScenarioName, peer: GatewayName, clients: number) => {
    const ours = results.find((result) => result.scenario === scenario && result.gateway === 'ours' && result.clients === clients && !result.skipped);
    const theirs = results.find((result) => result.scenario === scenario && result.gateway === peer && result.clients === clients && !result.skipped);
    return ours && theirs && theirs.rps > 0 ? Math.round((ours.rps / theirs.rps) * 100) / 100 : null;
  };
  for (const scenario of ['varied-nested', 'varied-mix'] as ScenarioName[]) {
    for (const peer of ['hive-gateway-rust-planner', 'apollo-gateway-untuned'] as GatewayName[]) {
      for (const clients of options.clients) {
        const value = ratio(scenario, peer, clients);
        if (value !== null) notes.push(`target ${scenario} ours ≥ 2× ${peer} (${clients} clients): ${value.toFixed(2)}×${value >= 2 ? ' (met)' : ` (missed: ${Math.round((1 - value / 2) * 100)} % short)`}`);
      }
    }
  }
  for (const result of results.filter((entry) => entry.gateway === 'ours' && !entry.skipped && entry.scenario === 'varied-nested')) {
    notes.push(`target varied-nested (${result.clients} clients): system CPU ${result.cpuMsPerRequest.system} ms/request (target ≤ 15), our gateway ${result.cpuMsPerRequest.gateway} ms/request (target ≤ 4)`);
  }
  for (const result of results.filter((entry) => entry.scenario === 'varied-search' && entry.clients === 10 && entry.gateway.startsWith('ours') && !entry.skipped)) {
    notes.push(`target varied-search p95 ≤ 50 ms at 10 clients (${result.gateway}): ${result.p95Ms} ms${result.p95Ms <= 50 ? ' (met)' : ` (missed by ${Math.round(result.p95Ms - 50)} ms)`}`);
  }
  const roundMs = (options.seconds / options.rounds) * 1000;
  for (const result of results.filter((entry) => !entry.skipped && entry.p50Ms > roundMs / 4)) {
    notes.push(`${result.scenario} ${result.gateway} (${result.clients} clients): p50 ${result.p50Ms} ms is more than a quarter of a round (${roundMs} ms): req/s and CPU per request are rough, run longer (--seconds)`);
  }
  notes.push('autocannon runs in the bench process on the same cores as the system (see CPU % loadgen); "other" is everything else on the machine during the measured time');

  report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options: { ...options, databases: names, services: compiled ? 'compiled (dist/, plain node)' : 'sources (tsx)' },
    machine: { ...(await machineFacts()), busyAtStartPercentOfOneCore: busyAtStart },
    data,
    variables: varied.counts,
    peers: { ...PEER_PACKAGES, configuration: 'hive-gateway-rust-planner: @graphql-hive/gateway + unifiedGraphHandler of @graphql-hive/router-runtime, NODE_ENV=production; hive-gateway: its default runtime, NODE_ENV=production; apollo-gateway-untuned: @apollo/gateway in ApolloServer, defaults. All: gateway secret header and propagation of authorization / x-partner-organization-id to the subgraphs' },
    scenarios: results,
    memory: { idle: idleMemory, afterBench: afterMemory, idleTotalRssMb: total(idleMemory), afterBenchTotalRssMb: total(afterMemory) },
    notes,
  };

  /** One measured run of one gateway: load, then CPU, SQL and cache counters read before and after. */
  async function measureRun(target: Target, scenario: ScenarioName, clients: number, seconds: number, seed: number, into: Totals): Promise<void> {
    const watched: Watched[] = [{ name: 'gateway', pid: target.pid }, ...system.slice(1)];
    const cachesBefore = await cacheCounters(target);
    const sqlBefore = await drainedStatements();
    const cpuBefore = cpuSeconds(watched);
    const machineBefore = machineBusySeconds();
    const loadgenBefore = process.cpuUsage();
    const result = await runLoad({ url: target.url, connections: clients, durationS: seconds, next: scenarioSource(scenario, varied, { seed, writerHeaders }), checkEvery: options.checkEvery });
    const loadgen = process.cpuUsage(loadgenBefore);
    const machine = machineBusySeconds() - machineBefore;
    const cpuAfter = cpuSeconds(watched);
    // autocannon stops with one request in flight per connection; the services still answer them.
    const sqlAfter = await drainedStatements();
    const cachesAfter = await cacheCounters(target);
    into.runs.push(result);
    for (const name of Object.keys(cpuAfter)) into.cpu[name] = (into.cpu[name] ?? 0) + cpuAfter[name] - cpuBefore[name];
    into.loadgen += (loadgen.user + loadgen.system) / 1e6;
    into.machine += machine;
    into.sql += Object.keys(sqlAfter).reduce((sum, name) => sum + sqlAfter[name] - sqlBefore[name], 0);
    for (const name of Object.keys(cachesAfter)) into.caches[name] = (into.caches[name] ?? 0) + cachesAfter[name] - cachesBefore[name];
  }

  async function drainedStatements(): Promise<Record<string, number>> {
    const read = async () => Object.fromEntries(await Promise.all(Object.entries(metricsUrls).map(async ([name, url]) => [name, await metricTotal(url, 'db_statements_total')] as const)));
    let last = await read();
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const now = await read();
      if (Object.keys(now).every((name) => now[name] === last[name])) return now;
      last = now;
    }
    return last;
  }

  async function cacheCounters(target: Target): Promise<Record<string, number>> {
    if (!target.metricsUrl) return {};
    const [entityHits, entityMisses, responseHits, responseMisses] = await Promise.all([
      metricTotal(target.metricsUrl, 'entity_cache_lookups_total', /result="hit"/),
      metricTotal(target.metricsUrl, 'entity_cache_lookups_total', /result="miss"/),
      metricTotal(target.metricsUrl, 'response_cache_lookups_total', /result="hit"/),
      metricTotal(target.metricsUrl, 'response_cache_lookups_total', /result="miss"/),
    ]);
    return { entityHits, entityMisses, responseHits, responseMisses };
  }
} finally {
  await launcher.stopAll();
  await postgres.stop();
}

if (report) {
  printReport(report);
  const files = writeReport(report, RESULTS_DIR, options.json);
  console.log(`\nwritten: ${files.map((file) => path.relative(process.cwd(), file)).join(', ')}`);
}

/** A peer gateway on the same supergraph and subgraphs, run from the peers' cache folder. */
async function startPeer(kind: PeerKind, label: string, script: string, subgraphUrls: Record<string, string>): Promise<Service> {
  const port = await freePort();
  // The supergraph with this run's subgraph URLs in `@join__graph(name:, url:)`.
  const supergraphFile = path.join(RESULTS_DIR, `supergraph-${process.pid}.graphql`);
  const sdl = fs.readFileSync(SUPERGRAPH, 'utf8').replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (match, name: string) => {
    const url = subgraphUrls[`${envPrefix(name)}_URL`];
    return url ? `@join__graph(name: "${name}", url: "${url}")` : match;
  });
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(supergraphFile, sdl);
  const env = {
    PEER_SUPERGRAPH: supergraphFile,
    PEER_SECRET_HEADER: GATEWAY_SECRET_HEADER,
    PEER_SECRET: gatewaySecret(),
    APOLLO_TELEMETRY_DISABLED: 'true',
    // Hive Gateway's documented production setting; the untuned Apollo Gateway runs as it comes.
    ...(kind === 'apollo' ? {} : { NODE_ENV: 'production' }),
  };
  return launcher.start(label, [script, kind, String(port)], env, `http://127.0.0.1:${port}/graphql`);
}

/**
 * Waits (at most `maxSeconds`) until the machine is nearly idle: other people's builds and tests
 * on the same two cores would otherwise be measured with ours. Returns the busy share last seen.
 */
async function waitForQuiet(maxSeconds: number): Promise<number> {
  const deadline = Date.now() + maxSeconds * 1000;
  for (;;) {
    const before = machineBusySeconds();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const busy = Math.round(((machineBusySeconds() - before) / 2) * 100);
    if (busy <= QUIET_PERCENT || Date.now() >= deadline) return busy;
    console.error(`machine busy (${busy} % of one core by other processes); waiting for it to calm down …`);
  }
}

/** Row counts of the scale databases; fails early with a hint when they are missing. */
async function scaleDataCounts(): Promise<Record<string, number>> {
  const tables: Record<string, string[]> = { organizations: ['organization'], projects: ['project', 'project_participation', 'topic'], knowledge: ['knowledge_resource'] };
  const counts: Record<string, number> = {};
  for (const [subgraph, tableNames] of Object.entries(tables)) {
    const client = new pg.Client({ connectionString: databaseUrls[subgraph] });
    try {
      await client.connect();
    } catch (error) {
      throw new Error(`Cannot open ${names[subgraph]}: run \`npm run seed:scale\` first (${error instanceof Error ? error.message : error})`);
    }
    try {
      for (const table of tableNames) counts[table] = Number((await client.query(`select count(*) from "${table}"`)).rows[0].count);
    } finally {
      await client.end();
    }
  }
  return counts;
}

async function machineFacts(): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: databaseUrls.projects });
  await client.connect();
  const postgresVersion = (await client.query('show server_version')).rows[0].server_version as string;
  await client.end();
  const git = (...gitArgs: string[]) => {
    try {
      return execFileSync('git', gitArgs, { cwd: root, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  return {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: postgresVersion,
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommittedFiles: git('status', '--porcelain').split('\n').filter(Boolean).length,
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}
