import fs from 'node:fs';
import path from 'node:path';
import type { GatewayName, ScenarioName } from './args.js';
import { percentile, type LoadResult } from './load.js';
import type { MemoryUse } from './processes.js';

/**
 * The figures of one run: a table on stdout and JSON. The contract of issue 14 is the
 * `scenarios` list with `scenario`, `gateway`, `clients`, `rps`, `p50Ms`, `p95Ms`, `p99Ms` and
 * `cpuMsPerRequest: { gateway, subgraphs, postgres, system }`; everything else is detail.
 */

export type { GatewayName, ScenarioName };

export interface CpuPerRequest {
  gateway: number;
  /** All subgraph processes together. */
  subgraphs: number;
  /** The PostgreSQL postmaster and all its processes (backends included). */
  postgres: number;
  /** gateway + subgraphs + postgres. */
  system: number;
}

export interface ScenarioResult {
  scenario: ScenarioName;
  gateway: GatewayName;
  clients: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  cpuMsPerRequest: CpuPerRequest;
  /** Answered requests in the measured time, all rounds together. */
  requests: number;
  durationS: number;
  /** non-2xx + connection errors + GraphQL errors (write CONFLICTs of the mix counted apart). */
  errors: number;
  conflicts: number;
  /** Answers parsed and checked against the expected data, and how many of them were wrong. */
  checked: number;
  checkProblems: number;
  firstProblem?: string;
  /** CPU ms per request of each process (each subgraph by name). */
  cpuMsPerRequestByProcess: Record<string, number>;
  /** CPU use during the measured time, % of one core: the bench's own load generator, and everything else on the machine. */
  cpuPercent: { loadgen: number; other: number };
  /** SQL statements per request, all subgraphs together (from their `db_statements_total`). */
  sqlPerRequest: number;
  /** Our gateway's cache lookups during the measured time (from its /metrics). */
  caches?: Record<string, { hits: number; misses: number; hitRate: number | null }>;
  skipped?: string;
}

export interface Report {
  startedAt: string;
  finishedAt: string;
  options: Record<string, unknown>;
  machine: Record<string, unknown>;
  data: Record<string, number>;
  /** What the variables are drawn from: distinct values per kind. */
  variables: Record<string, number>;
  peers: Record<string, string>;
  scenarios: ScenarioResult[];
  memory: { idle: MemoryUse[]; afterBench: MemoryUse[]; idleTotalRssMb: number; afterBenchTotalRssMb: number };
  notes: string[];
}

export function emptyCpu(): CpuPerRequest {
  return { gateway: 0, subgraphs: 0, postgres: 0, system: 0 };
}

/** Folds CPU seconds per process into the contract's four figures, ms per request. */
export function cpuPerRequest(cpuSeconds: Record<string, number>, requests: number, subgraphNames: string[]): { contract: CpuPerRequest; byProcess: Record<string, number> } {
  const ms = (seconds: number) => Math.round(((seconds * 1000) / Math.max(requests, 1)) * 100) / 100;
  const byProcess = Object.fromEntries(Object.entries(cpuSeconds).map(([name, seconds]) => [name, ms(seconds)]));
  const subgraphs = subgraphNames.reduce((sum, name) => sum + (cpuSeconds[name] ?? 0), 0);
  const gateway = cpuSeconds.gateway ?? 0;
  const postgres = cpuSeconds.postgres ?? 0;
  return { contract: { gateway: ms(gateway), subgraphs: ms(subgraphs), postgres: ms(postgres), system: ms(gateway + subgraphs + postgres) }, byProcess };
}

/** What the runs (rounds) of one gateway in one scenario add up to. */
export interface Totals {
  runs: LoadResult[];
  /** CPU seconds per process (`gateway`, each subgraph by name, `postgres`). */
  cpu: Record<string, number>;
  /** CPU seconds of the bench process (autocannon) and of the whole machine. */
  loadgen: number;
  machine: number;
  /** SQL statements, all subgraphs. */
  sql: number;
  /** Cache counters of our gateway: entityHits, entityMisses, responseHits, responseMisses. */
  caches: Record<string, number>;
}

export function newTotals(): Totals {
  return { runs: [], cpu: {}, loadgen: 0, machine: 0, sql: 0, caches: {} };
}

/** One row of the report from the runs of one gateway: latencies of all rounds together, CPU per answered request. */
export function summariseRuns({ scenario, gateway, clients, totals, subgraphNames, failure }: {
  scenario: ScenarioName;
  gateway: GatewayName;
  clients: number;
  totals: Totals;
  subgraphNames: string[];
  failure?: string;
}): ScenarioResult {
  const latencies = totals.runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const durationS = totals.runs.reduce((sum, run) => sum + run.durationS, 0);
  const requests = latencies.length;
  const sum = (pick: (run: LoadResult) => number) => totals.runs.reduce((total, run) => total + pick(run), 0);
  const { contract, byProcess } = cpuPerRequest(totals.cpu, requests, subgraphNames);
  const percentOfCore = (seconds: number) => Math.round((seconds / Math.max(durationS, 1e-9)) * 100);
  const measured = Object.values(totals.cpu).reduce((total, seconds) => total + seconds, 0);
  const rate = (hits?: number, misses?: number) => (hits === undefined ? undefined : { hits, misses: misses ?? 0, hitRate: hits + (misses ?? 0) > 0 ? Math.round((hits / (hits + (misses ?? 0))) * 1000) / 1000 : null });
  const entity = rate(totals.caches.entityHits, totals.caches.entityMisses);
  const response = rate(totals.caches.responseHits, totals.caches.responseMisses);
  return {
    scenario,
    gateway,
    clients,
    rps: Math.round((requests / Math.max(durationS, 1e-9)) * 10) / 10,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    cpuMsPerRequest: contract,
    requests,
    durationS,
    errors: sum((run) => run.non2xx + run.socketErrors + run.graphqlErrors),
    conflicts: sum((run) => run.conflicts),
    checked: sum((run) => run.checked),
    checkProblems: sum((run) => run.checkProblems),
    firstProblem: totals.runs.find((run) => run.firstProblem)?.firstProblem,
    cpuMsPerRequestByProcess: byProcess,
    cpuPercent: { loadgen: percentOfCore(totals.loadgen), other: Math.max(0, percentOfCore(totals.machine - measured - totals.loadgen)) },
    sqlPerRequest: Math.round((totals.sql / Math.max(requests, 1)) * 100) / 100,
    ...(entity || response ? { caches: { ...(entity ? { entity } : {}), ...(response ? { response } : {}) } } : {}),
    ...(failure ? { skipped: failure } : {}),
  };
}

export function printReport(report: Report): void {
  const rows = report.scenarios.map((result) => {
    if (result.skipped) return [result.scenario, result.gateway, String(result.clients), `skipped: ${result.skipped}`];
    const cpu = result.cpuMsPerRequest;
    const cache = result.caches?.entity?.hitRate;
    return [
      result.scenario, result.gateway, String(result.clients), fixed(result.rps, 0), fixed(result.p50Ms), fixed(result.p95Ms), fixed(result.p99Ms),
      `${result.errors}${result.conflicts ? ` (+${result.conflicts} CONFLICT)` : ''}`, `${result.checked - result.checkProblems}/${result.checked}`,
      [cpu.gateway, cpu.subgraphs, cpu.postgres, cpu.system].map((value) => fixed(value, 1)).join(' / '),
      fixed(result.sqlPerRequest, 2), cache === undefined || cache === null ? '' : `${Math.round(cache * 100)} %`,
      `${result.cpuPercent.loadgen} / ${result.cpuPercent.other}`,
    ];
  });
  const header = ['scenario', 'gateway', 'clients', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'checked ok', 'CPU ms/req gw / subgraphs / pg / system', 'SQL/req', 'entity cache hits', 'CPU % loadgen / other'];
  console.log(`\n${markdownTable(header, rows)}`);
  const memory = (entries: MemoryUse[]) => entries.map((entry) => `${entry.name} ${fixed(entry.rssMb, 0)}`).join(', ');
  console.log(`\nResident memory (MB RSS), idle: ${memory(report.memory.idle)}; total ${report.memory.idleTotalRssMb}`);
  console.log(`after the bench: ${memory(report.memory.afterBench)}; total ${report.memory.afterBenchTotalRssMb}`);
  for (const note of report.notes) console.log(`note: ${note}`);
}

/** Writes `<dir>/<timestamp>.json`, `<dir>/latest.json` and, when asked, `extraFile`. */
export function writeReport(report: Report, dir: string, extraFile?: string): string[] {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const files = [path.join(dir, `${report.startedAt.replace(/[:.]/g, '-')}.json`), path.join(dir, 'latest.json')];
  if (extraFile) files.push(path.resolve(extraFile));
  for (const file of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, json);
  }
  return files;
}

export function markdownTable(header: string[], rows: string[][]): string {
  const width = header.length;
  const cells = [header, ...rows.map((row) => (row.length < width ? [...row, ...Array(width - row.length).fill('')] : row))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(cells[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

const fixed = (value: number | undefined, digits = 1) => (value === undefined || Number.isNaN(value) ? '' : value.toFixed(digits));
