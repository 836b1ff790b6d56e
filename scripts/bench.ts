import type autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { signPartnerToken } from '../subgraphs/toolkit/auth.js';
import { defaultDataDir } from '../subgraphs/toolkit/embedded-postgres.js';
import { organizationId } from '../subgraphs/toolkit/reference-data.js';
import { ensureSecrets } from '../subgraphs/toolkit/secrets.js';
import { runLoad, statementsTotal, type LoadOptions } from './bench/load.js';
import { cpuSeconds, machineBusySeconds, memoryUse, postmasterPid, type Watched } from './bench/processes.js';
import { printReport, writeReport, type GatewayName, type Report, type ScenarioName, type ScenarioResult } from './bench/report.js';
import { DEFAULT_SUFFIX, scaleDatabaseNames, scalePostgres } from './bench/scale-databases.js';
import { freePort, Launcher, subgraphHeaders, type Service } from './bench/system.js';
import {
  body, checks, NESTED_N, NESTED_QUERY, PROJECT_VERSION_QUERY, SEARCH_FALLBACK_QUERY, SEARCH_QUERY, SINGLE_SUBGRAPH_QUERY,
  supergraphFeatures, UPDATE_PROJECT_MUTATION, WRITABLE_PROJECTS_QUERY, WRITE_EVERY, WRITER_SLUG,
} from './bench/workloads.js';

/**
 * `npm run bench`: starts the system on the scale databases (`npm run seed:scale` first), loads
 * it scenario by scenario with autocannon, and compares our gateway with Hive Gateway and an
 * untuned Apollo Gateway on the same supergraph. Prints a table, writes bench-results/*.json.
 * Scenarios: a-direct, a-gateway, b-nested (ours, hive, apollo), c-search, d-mixed, and a, b, c
 * once more on our gateway without its response cache; `--only b-nested,c-search` runs a subset.
 */

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '12' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    suffix: { type: 'string', default: DEFAULT_SUFFIX },
    'data-dir': { type: 'string' },
    json: { type: 'string' },
    /** Wait up to this long for other processes to leave the cores alone before measuring. */
    'wait-quiet': { type: 'string', default: '30' },
    /** Comma-separated subset, e.g. `b-nested,b-nested:hive`. */
    only: { type: 'string' },
    /** Run the services from their TypeScript sources with tsx instead of building dist/ first. */
    'from-source': { type: 'boolean', default: false },
  },
});
const durationS = Number(args.duration);
const warmupS = Number(args.warmup);
const connections = Number(args.connections);
if (![durationS, connections].every((value) => Number.isInteger(value) && value > 0) || !(warmupS >= 0)) {
  throw new Error('--duration and --connections must be positive integers, --warmup a number of seconds ≥ 0');
}
const only = args.only ? new Set(args.only.split(',')) : null;
const root = path.join(import.meta.dirname, '..');
const RESULTS_DIR = path.join(root, 'bench-results');
const SUPERGRAPH = path.join(root, process.env.SUPERGRAPH_PATH || 'schema/supergraph.graphql');
/** Requests sent one at a time before each scenario: pre-flight and exact statement count. */
const PROBES = 5;
/** Busy share (% of one core) below which the machine counts as quiet enough to measure. */
const QUIET_PERCENT = 30;

const startedAt = new Date();
const notes: string[] = [];
const results: ScenarioResult[] = [];
const postgres = await scalePostgres(args['data-dir']);
const dataDir = defaultDataDir();
ensureSecrets(); // the gateway secret and token key of this data folder, before any child reads them
const names = scaleDatabaseNames(args.suffix);
const databaseUrls = Object.fromEntries(Object.entries(names).map(([subgraph, database]) => [subgraph, postgres.url(database)]));
const compiled = !args['from-source'];
const launcher = new Launcher(path.join(RESULTS_DIR, `${startedAt.toISOString().replace(/[:.]/g, '-')}.log`), { compiled });
let report: Report | undefined;

// Interrupted (Ctrl-C, a timeout): stop what the bench started rather than leave it running.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the services and PostgreSQL the bench started`);
    void launcher.stopAll().finally(() => postgres.stop()).finally(() => process.exit(130));
  });
}

try {
  const busyAtStart = await waitForQuiet(Number(args['wait-quiet']));
  if (busyAtStart > QUIET_PERCENT) notes.push(`the machine was busy with other processes at the start (${busyAtStart} % of one core): see CPU "other" per scenario`);
  // As `npm start` runs them: compiled, on plain node (less memory than with the tsx loader).
  if (compiled) {
    console.error('building dist/ (npm run build) …');
    execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
  }
  const data = await scaleDataCounts();
  const features = supergraphFeatures(fs.readFileSync(SUPERGRAPH, 'utf8'));
  console.error(`scale data: ${Object.entries(data).map(([table, rows]) => `${rows} ${table}`).join(', ')}; starting the system …`);
  const { gateway, subgraphs, subgraphUrls } = await launcher.startSystem(databaseUrls);
  const postmaster = postmasterPid(dataDir);
  const system: Watched[] = [
    { name: 'gateway', pid: gateway.child.pid! },
    ...subgraphs.map((service) => ({ name: service.name, pid: service.child.pid! })),
    ...(postmaster ? [{ name: 'postgres', pid: postmaster, postgres: true }] : []),
  ];
  const metricsUrls = Object.fromEntries(subgraphs.map((service) => [service.name, service.url.replace(/\/graphql$/, '/metrics')]));
  const organizationsUrl = subgraphs.find((service) => service.name === 'organizations')!.url;

  const nestedBody = body(NESTED_QUERY, { n: NESTED_N });
  const searchQuery = features.searchText ? SEARCH_QUERY : SEARCH_FALLBACK_QUERY;
  if (!features.searchText) notes.push('ProjectFilter.text is not in the supergraph: c-search ran the topic filter instead');
  const searchBody = body(searchQuery);
  let uncachedGateway: Promise<Service> | undefined;

  // What each read scenario sends, and where: our gateway, the subgraph itself, or a gateway
  // started for the scenario (stopped after it, so it takes no memory or CPU from the others).
  const single = { query: SINGLE_SUBGRAPH_QUERY, body: body(SINGLE_SUBGRAPH_QUERY), check: checks.organizations };
  const nested = { query: NESTED_QUERY, body: nestedBody, check: checks.nested };
  const search = { query: searchQuery, body: searchBody, check: checks.search };
  type Target = { url: string; headers?: Record<string, string>; service?: Service; stopAfter?: boolean };
  const ours = async (): Promise<Target> => ({ url: gateway.url });
  const direct = async (): Promise<Target> => ({ url: organizationsUrl, headers: subgraphHeaders() });
  // Ours again with the response cache off: the peers have none, and every client sends the same query.
  const oursUncached = async (): Promise<Target> => {
    const service = await (uncachedGateway ??= launcher.startGateway('ours-without-response-cache', { RESPONSE_CACHE_TTL_MS: '0' }));
    return { url: service.url, service };
  };
  const peer = (kind: 'hive' | 'apollo', label: string) => async (): Promise<Target> => {
    const service = await startPeer(kind, label);
    return { url: service.url, service, stopAfter: true };
  };
  const read = (scenario: ScenarioName, gatewayName: GatewayName, target: () => Promise<Target>, work: typeof nested) => async () => {
    const { url, headers, service, stopAfter } = await target();
    try {
      return await measure({ scenario, gateway: gatewayName, query: work.query, peer: service, load: { url, headers, body: work.body, check: work.check } });
    } finally {
      if (stopAfter) await service?.stop();
    }
  };

  const plan: [string, () => Promise<ScenarioResult>][] = [
    ['a-direct', read('a-direct', 'none', direct, single)],
    ['a-gateway', read('a-gateway', 'ours', ours, single)],
    ['a-gateway:uncached', read('a-gateway', 'ours-without-response-cache', oursUncached, single)],
    ['b-nested', read('b-nested', 'ours', ours, nested)],
    ['b-nested:uncached', read('b-nested', 'ours-without-response-cache', oursUncached, nested)],
    ['b-nested:hive', read('b-nested', 'hive-gateway', peer('hive', 'hive-gateway'), nested)],
    ['b-nested:apollo', read('b-nested', 'apollo-gateway-untuned', peer('apollo', 'apollo-gateway-untuned'), nested)],
    ['c-search', read('c-search', 'ours', ours, search)],
    ['c-search:uncached', read('c-search', 'ours-without-response-cache', oursUncached, search)],
    // Last: its writes change the data the other scenarios read.
    ['d-mixed', () => mixed()],
  ];
  for (const [name, run] of plan) {
    if (only && !only.has(name) && !only.has(name.split(':')[0])) continue;
    console.error(`\n${name} …`);
    try {
      results.push(await run());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`${name} failed: ${message}`);
      const [scenario, peer] = name.split(':') as [ScenarioName, string?];
      const peers: Record<string, GatewayName> = { hive: 'hive-gateway', apollo: 'apollo-gateway-untuned', uncached: 'ours-without-response-cache' };
      const gatewayName: GatewayName = peer ? peers[peer] : scenario === 'a-direct' ? 'none' : 'ours';
      results.push({ scenario, gateway: gatewayName, query: '', rps: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, sqlPerRequest: 0, errors: 0, skipped: message.slice(0, 300) });
    }
  }

  await uncachedGateway?.then((service) => service.stop(), () => undefined);
  const memory = memoryUse(system);
  const find = (scenario: ScenarioName, gatewayName: GatewayName) => results.find((result) => result.scenario === scenario && result.gateway === gatewayName && !result.skipped);
  const ratio = (a?: ScenarioResult, b?: ScenarioResult) => (a && b && b.rps > 0 ? Math.round((a.rps / b.rps) * 100) / 100 : null);
  const ratios = {
    'b-nested ours / hive-gateway': ratio(find('b-nested', 'ours'), find('b-nested', 'hive-gateway')),
    'b-nested ours / apollo-gateway-untuned': ratio(find('b-nested', 'ours'), find('b-nested', 'apollo-gateway-untuned')),
    'b-nested ours without response cache / hive-gateway': ratio(find('b-nested', 'ours-without-response-cache'), find('b-nested', 'hive-gateway')),
    'b-nested ours without response cache / apollo-gateway-untuned': ratio(find('b-nested', 'ours-without-response-cache'), find('b-nested', 'apollo-gateway-untuned')),
    'a-gateway / a-direct': ratio(find('a-gateway', 'ours'), find('a-direct', 'none')),
    'a-gateway without response cache / a-direct': ratio(find('a-gateway', 'ours-without-response-cache'), find('a-direct', 'none')),
  };
  // CPU time of the whole system per request: robust against other load; > 1 means ours costs less.
  const systemCpu = (result?: ScenarioResult) => (result?.cpuMsPerRequest ? Object.values(result.cpuMsPerRequest).reduce((sum, value) => sum + value, 0) : undefined);
  const cpuRatio = (theirs?: ScenarioResult, ours?: ScenarioResult) => {
    const [a, b] = [systemCpu(theirs), systemCpu(ours)];
    return a !== undefined && b ? Math.round((a / b) * 100) / 100 : null;
  };
  const cpuRatios = {
    'b-nested system CPU per request: hive-gateway / ours': cpuRatio(find('b-nested', 'hive-gateway'), find('b-nested', 'ours')),
    'b-nested system CPU per request: apollo-gateway-untuned / ours': cpuRatio(find('b-nested', 'apollo-gateway-untuned'), find('b-nested', 'ours')),
    'b-nested system CPU per request: hive-gateway / ours without response cache': cpuRatio(find('b-nested', 'hive-gateway'), find('b-nested', 'ours-without-response-cache')),
    'b-nested system CPU per request: apollo-gateway-untuned / ours without response cache': cpuRatio(find('b-nested', 'apollo-gateway-untuned'), find('b-nested', 'ours-without-response-cache')),
  };
  const totalRssMb = Math.round(memory.reduce((sum, entry) => sum + entry.rssMb, 0));
  const totalPssMb = Math.round(memory.reduce((sum, entry) => sum + entry.pssMb, 0));
  targetNote('b-nested ours ≥ 2× hive-gateway', ratios['b-nested ours / hive-gateway'], 2);
  targetNote('b-nested ours ≥ 2× apollo-gateway-untuned', ratios['b-nested ours / apollo-gateway-untuned'], 2);
  targetNote('a-gateway ≥ 0.7× a-direct', ratios['a-gateway / a-direct'], 0.7);
  targetNote('a-gateway without response cache ≥ 0.7× a-direct', ratios['a-gateway without response cache / a-direct'], 0.7);
  for (const search of [find('c-search', 'ours'), find('c-search', 'ours-without-response-cache')]) {
    if (search) notes.push(`target c-search p95 ≤ 50 ms (${search.gateway}): ${search.p95Ms} ms${search.p95Ms <= 50 ? ' (met)' : ` (missed by ${Math.round(search.p95Ms - 50)} ms)`}`);
  }
  const verdict = (mb: number) => (mb < 800 ? 'met' : `missed by ${mb - 800} MB`);
  notes.push(`target system < 800 MB resident: ${totalRssMb} MB RSS (${verdict(totalRssMb)}), ${totalPssMb} MB PSS (${verdict(totalPssMb)}); the RSS sum counts PostgreSQL's shared buffers once per backend, PSS shares them out`);
  for (const result of results) {
    if (result.sqlPerRequestAlone && result.sqlPerRequest < 0.8 * result.sqlPerRequestAlone) {
      notes.push(`${result.scenario} (${result.gateway}): ${result.sqlPerRequest} SQL/request under load against ${result.sqlPerRequestAlone} alone: identical in-flight subgraph fetches were de-duplicated or answers cached (all ${connections} clients send the same query)`);
    }
  }
  notes.push('autocannon runs in the bench process on the same cores as the system (see CPU loadgen)');

  report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options: { durationS, warmupS, connections, databases: names, nestedN: NESTED_N, writeEvery: WRITE_EVERY, services: compiled ? 'compiled (dist/, plain node)' : 'sources (tsx)' },
    machine: { ...(await machineFacts()), busyAtStartPercentOfOneCore: busyAtStart },
    data,
    scenarios: results,
    ratios,
    cpuRatios,
    memory: { processes: memory, totalRssMb, totalPssMb },
    notes,
  };

  /** Runs one scenario: pre-flight request, warm-up, then the measured run with SQL and CPU read before and after. */
  async function measure(spec: {
    scenario: ScenarioName;
    gateway: GatewayName;
    query: string;
    load: Omit<LoadOptions, 'connections' | 'durationS'>;
    peer?: Service;
    /** Called between warm-up and measured run (to reset counters of the workload). */
    afterWarmup?: () => void;
    extra?: () => Partial<ScenarioResult>;
  }): Promise<ScenarioResult> {
    const { scenario, gateway: gatewayName, query, load, peer } = spec;
    // Pre-flight: a few requests one at a time, which also give the exact statement count of one request.
    const firstBody = load.body ?? (load.requests![0].body as string);
    // The most expensive probe is an uncached one where a response cache is on.
    let probe = { total: 0, bySubgraph: {} as Record<string, number> };
    for (let attempt = 0; attempt < PROBES; attempt += 1) {
      const before = await statements();
      const answer = await postJson(load.url, firstBody, load.headers);
      if (!answer.data || answer.errors) throw new Error(`pre-flight answer: ${JSON.stringify(answer).slice(0, 300)}`);
      const one = difference(await statements(), before, 1);
      if (one.total > probe.total) probe = one;
    }
    if (warmupS > 0) await runLoad({ ...load, connections, durationS: warmupS });
    spec.afterWarmup?.();

    const watched = peer ? [{ name: 'gateway', pid: peer.child.pid! }, ...system.slice(1)] : system;
    const sqlBefore = await drainedStatements();
    const cpuBefore = cpuSeconds(watched);
    const machineBefore = machineBusySeconds();
    const loadgenBefore = process.cpuUsage();
    const result = await runLoad({ ...load, connections, durationS });
    const loadgen = process.cpuUsage(loadgenBefore);
    const machine = machineBusySeconds() - machineBefore;
    const cpuAfter = cpuSeconds(watched);
    // autocannon stops with one request in flight per connection; the services still answer them.
    const sql = difference(await drainedStatements(), sqlBefore, result.requests + connections);

    // CPU time per request is less disturbed by other load on the machine than requests/s.
    const cpuMsPerRequest = Object.fromEntries(Object.keys(cpuAfter).map((name) => [name, Math.round(((cpuAfter[name] - cpuBefore[name]) * 1000 * 10) / Math.max(result.requests, 1)) / 10]));
    const cpuPercent = Object.fromEntries(Object.keys(cpuAfter).map((name) => [name, percentOf(cpuAfter[name] - cpuBefore[name], result.durationS)]));
    cpuPercent.loadgen = percentOf((loadgen.user + loadgen.system) / 1e6, result.durationS);
    // Everything else on the machine (other people's tests and builds): the noise in these figures.
    cpuPercent.other = Math.max(0, percentOf(machine, result.durationS) - Object.values(cpuPercent).reduce((sum, value) => sum + value, 0));
    const outcome: ScenarioResult = {
      scenario,
      gateway: gatewayName,
      query,
      ...result,
      sqlPerRequest: sql.total,
      sqlPerRequestBySubgraph: sql.bySubgraph,
      sqlPerRequestAlone: probe.total,
      sqlPerRequestAloneBySubgraph: probe.bySubgraph,
      errors: result.non2xx + result.socketErrors + result.graphqlErrors,
      cpuMsPerRequest,
      cpuPercent,
      ...(peer ? { gatewayRssMb: memoryUse([{ name: peer.name, pid: peer.child.pid! }])[0].rssMb } : {}),
      ...spec.extra?.(),
    };
    console.error(`${scenario} (${gatewayName}): ${outcome.rps} req/s, p95 ${outcome.p95Ms} ms, ${outcome.errors} errors, ${outcome.sqlPerRequest} SQL/request${result.firstProblem ? `; first problem: ${result.firstProblem}` : ''}`);
    return outcome;
  }

  async function statements(): Promise<Record<string, number>> {
    return Object.fromEntries(await Promise.all(Object.entries(metricsUrls).map(async ([name, url]) => [name, await statementsTotal(url)] as const)));
  }

  /** Statement counters once the requests still in flight have finished (no change for 300 ms, at most 30 s). */
  async function drainedStatements(): Promise<Record<string, number>> {
    let last = await statements();
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const now = await statements();
      if (Object.keys(now).every((name) => now[name] === last[name])) return now;
      last = now;
    }
    return last;
  }

  /** A peer gateway (Hive Gateway or untuned Apollo Gateway) on the same supergraph and subgraphs. */
  async function startPeer(kind: 'hive' | 'apollo', label: string): Promise<Service> {
    const port = await freePort();
    // Not part of the build: runs with tsx, whose loader thread adds some memory but no work per request.
    return launcher.start(label, ['--import', 'tsx', path.join('scripts', 'bench', 'peer-gateway.ts'), kind, String(port)], { ...subgraphUrls, APOLLO_TELEMETRY_DISABLED: 'true' }, `http://127.0.0.1:${port}/graphql`);
  }

  /**
   * (d) 90 % reads (nested and search, alternating), 10 % `updateProject` by an editor of
   * WRITER_SLUG on the projects it leads. Each write names the version last seen; on CONFLICT the
   * version is taken from the error or read again.
   */
  async function mixed(): Promise<ScenarioResult> {
    if (!features.updateProject) throw new Error('updateProject is not in the supergraph');
    const writerId = organizationId(WRITER_SLUG);
    const token = await signPartnerToken({ org: WRITER_SLUG, role: 'editor' }, '1h');
    const authorization = `Bearer ${token}`;
    const writable = await postJson(gateway.url, body(WRITABLE_PROJECTS_QUERY, { organizationId: writerId }));
    const owned = ((writable.data as any)?.projects?.edges ?? []).map((edge: any) => edge.node).filter((node: any) => node.lead?.id === writerId);
    if (owned.length === 0) throw new Error(`no project led by ${WRITER_SLUG} found: ${JSON.stringify(writable).slice(0, 300)}`);
    const versions = new Map<string, { version: number; title: string }>(owned.map((node: any) => [node.id, { version: node.version, title: node.title.replace(/ \(Stand \d+\)$/, '') }]));
    const ids = [...versions.keys()];
    let writes = { started: 0, ok: 0, conflicts: 0, failed: 0 };
    let next = 0;

    const refresh = async (id: string) => {
      const answer = await postJson(gateway.url, body(PROJECT_VERSION_QUERY, { id }));
      const version = (answer.data as any)?.project?.version;
      if (typeof version === 'number') versions.get(id)!.version = version;
    };
    const pathName = new URL(gateway.url).pathname;
    const json = { 'content-type': 'application/json' };
    const requests: autocannon.Request[] = Array.from({ length: WRITE_EVERY - 1 }, (_, index) => ({ method: 'POST' as const, path: pathName, headers: json, body: index % 2 === 0 ? nestedBody : searchBody }));
    requests.push({
      method: 'POST',
      path: pathName,
      headers: { ...json, authorization },
      setupRequest: (request, context: any) => {
        const id = ids[next++ % ids.length];
        const state = versions.get(id)!;
        context.id = id;
        writes.started += 1;
        request.body = body(UPDATE_PROJECT_MUTATION, { input: { id, version: state.version, title: `${state.title} (Stand ${writes.started})` } });
        return request;
      },
      onResponse: (_status, text, context: any) => {
        let answer: any;
        try {
          answer = JSON.parse(text);
        } catch {
          writes.failed += 1;
          return;
        }
        const version = answer.data?.updateProject?.project?.version;
        if (typeof version === 'number') {
          writes.ok += 1;
          versions.get(context.id)!.version = version;
        } else if (answer.errors?.[0]?.extensions?.code === 'CONFLICT') {
          writes.conflicts += 1;
          const current = answer.errors[0].extensions.currentVersion;
          if (typeof current === 'number') versions.get(context.id)!.version = current;
          else void refresh(context.id);
        } else {
          writes.failed += 1;
        }
      },
    });
    // Pre-flight of the write path, outside the measurement.
    const probeId = ids[0];
    const probe = await postJson(gateway.url, body(UPDATE_PROJECT_MUTATION, { input: { id: probeId, version: versions.get(probeId)!.version, title: versions.get(probeId)!.title } }), { authorization });
    const probeVersion = (probe.data as any)?.updateProject?.project?.version;
    if (typeof probeVersion !== 'number') throw new Error(`pre-flight write: ${JSON.stringify(probe).slice(0, 300)}`);
    versions.get(probeId)!.version = probeVersion;

    const query = `${WRITE_EVERY - 1} of ${WRITE_EVERY}: BenchNested / BenchSearch alternating; 1 of ${WRITE_EVERY}: ${UPDATE_PROJECT_MUTATION} (${ids.length} projects led by ${WRITER_SLUG})`;
    return measure({
      scenario: 'd-mixed',
      gateway: 'ours',
      query,
      load: { url: gateway.url, requests, check: (data: any) => (data ? null : 'no data') },
      afterWarmup: () => {
        writes = { started: 0, ok: 0, conflicts: 0, failed: 0 };
      },
      // Writes still in flight when the run stopped have no answer: `unanswered`.
      extra: () => ({ writes: { ...writes, unanswered: writes.started - writes.ok - writes.conflicts - writes.failed } }),
    });
  }
} finally {
  await launcher.stopAll();
  await postgres.stop();
}

if (report) {
  printReport(report);
  const files = writeReport(report, RESULTS_DIR, args.json);
  console.log(`\nwritten: ${files.map((file) => path.relative(process.cwd(), file)).join(', ')}`);
}

function percentOf(seconds: number, durationSeconds: number): number {
  return Math.round((seconds / durationSeconds) * 100);
}

/** Statements per request from two counter readings, in total and per subgraph. */
function difference(after: Record<string, number>, before: Record<string, number>, requests: number) {
  const perRequest = (count: number) => Math.round((count / Math.max(requests, 1)) * 100) / 100;
  const bySubgraph = Object.fromEntries(Object.keys(after).map((name) => [name, perRequest(after[name] - before[name])]));
  return { total: perRequest(Object.keys(after).reduce((sum, name) => sum + after[name] - before[name], 0)), bySubgraph };
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
    const busy = percentOf(machineBusySeconds() - before, 2);
    if (busy <= QUIET_PERCENT || Date.now() >= deadline) return busy;
    console.error(`machine busy (${busy} % of one core by other processes); waiting for it to calm down …`);
  }
}

function targetNote(name: string, value: number | null, target: number): void {
  if (value === null) notes.push(`target ${name}: not measured`);
  else notes.push(`target ${name}: ${value.toFixed(2)}×${value >= target ? ' (met)' : ` (missed: ${Math.round((1 - value / target) * 100)} % short)`}`);
}

async function postJson(url: string, requestBody: string, headers: Record<string, string> = {}): Promise<{ data?: unknown; errors?: unknown[] }> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: requestBody, signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new Error(`POST ${url}: ${error instanceof Error ? error.message : error}`);
  }
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [`HTTP ${response.status}: ${text.slice(0, 200)}`] };
  }
}

/** Row counts of the scale databases; fails early with a hint when they are missing. */
async function scaleDataCounts(): Promise<Record<string, number>> {
  const tables: Record<string, string[]> = { organizations: ['organization'], projects: ['project', 'project_participation', 'project_funding'], knowledge: ['knowledge_resource'] };
  const counts: Record<string, number> = {};
  for (const [subgraph, names] of Object.entries(tables)) {
    const client = new pg.Client({ connectionString: databaseUrls[subgraph] });
    try {
      await client.connect();
    } catch (error) {
      throw new Error(`Cannot open ${subgraph}${args.suffix}: run \`npm run seed:scale\` first (${error instanceof Error ? error.message : error})`);
    }
    try {
      for (const table of names) counts[table] = Number((await client.query(`select count(*) from "${table}"`)).rows[0].count);
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
