import fs from 'node:fs';
import path from 'node:path';
import type { LoadResult } from './load.js';
import type { MemoryUse } from './processes.js';

/** The figures of one run: a table on stdout and JSON (the contract of issue 5, point 5, plus details). */

export type ScenarioName = 'a-direct' | 'a-gateway' | 'b-nested' | 'c-search' | 'd-mixed';
export type GatewayName = 'ours' | 'ours-without-response-cache' | 'hive-gateway' | 'apollo-gateway-untuned' | 'none';

export interface ScenarioResult extends Partial<LoadResult> {
  scenario: ScenarioName;
  gateway: GatewayName;
  query: string;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** SQL statements per request, all subgraphs together. */
  sqlPerRequest: number;
  sqlPerRequestBySubgraph?: Record<string, number>;
  /** SQL statements of one request sent alone (exact; under load a cache or de-duplication may save some). */
  sqlPerRequestAlone?: number;
  sqlPerRequestAloneBySubgraph?: Record<string, number>;
  /** non-2xx + connection errors + GraphQL errors (write CONFLICTs excluded, see `conflicts`). */
  errors: number;
  /** CPU time per answered request, ms, per process of the system (PostgreSQL: all its processes). */
  cpuMsPerRequest?: Record<string, number>;
  /** CPU use during the measured run, % of one core, per process (loadgen = autocannon in the bench process, other = everything else on the machine). */
  cpuPercent?: Record<string, number>;
  writes?: { started: number; ok: number; conflicts: number; failed: number; unanswered: number };
  /** Resident memory of a peer gateway after its run. */
  gatewayRssMb?: number;
  skipped?: string;
}

export interface Report {
  startedAt: string;
  finishedAt: string;
  options: Record<string, unknown>;
  machine: Record<string, unknown>;
  data: Record<string, number>;
  scenarios: ScenarioResult[];
  ratios: Record<string, number | null>;
  /** System CPU time per request, theirs / ours: less disturbed by other load than requests/s. */
  cpuRatios: Record<string, number | null>;
  memory: { processes: MemoryUse[]; totalRssMb: number; totalPssMb: number };
  notes: string[];
}

const SYSTEM = ['gateway', 'organizations', 'projects', 'knowledge', 'postgres'];

export function printReport(report: Report): void {
  const rows = report.scenarios.map((result) => {
    if (result.skipped) return [result.scenario, result.gateway, `skipped: ${result.skipped}`];
    const split = (values: Record<string, number> | undefined, names: string[], digits: number) => (values ? names.map((name) => fixed(values[name] ?? 0, digits)).join(' / ') : '');
    return [
      result.scenario, result.gateway, fixed(result.rps, 0), fixed(result.p50Ms), fixed(result.p95Ms), fixed(result.p99Ms),
      String(result.errors), `${fixed(result.sqlPerRequest, 2)} (${fixed(result.sqlPerRequestAlone, 0)})`,
      split(result.cpuMsPerRequest, SYSTEM, 1), split(result.cpuPercent, ['loadgen', 'other'], 0),
    ];
  });
  const header = ['scenario', 'gateway', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'SQL/req (alone)', 'CPU ms/req gw / org / proj / know / pg', 'CPU % loadgen / other'];
  console.log(`\n${markdownTable(header, rows)}`);
  for (const { scenario, writes } of report.scenarios) {
    if (writes) console.log(`${scenario} writes: ${writes.started} started, ${writes.ok} ok, ${writes.conflicts} CONFLICT (version read again), ${writes.failed} failed, ${writes.unanswered} in flight at the end`);
  }

  const ratioLines = Object.entries({ ...report.ratios, ...report.cpuRatios }).map(([name, value]) => `- ${name}: ${value === null ? 'n/a' : `${value.toFixed(2)}×`}`);
  console.log(`\nRatios (req/s unless named):\n${ratioLines.join('\n')}`);

  const memory = report.memory.processes.map((entry) => [entry.name, String(entry.processes), fixed(entry.rssMb, 0), fixed(entry.pssMb, 0)]);
  memory.push(['total', '', fixed(report.memory.totalRssMb, 0), fixed(report.memory.totalPssMb, 0)]);
  console.log(`\nResident memory at the end:\n${markdownTable(['process', 'count', 'RSS MB', 'PSS MB'], memory)}`);
  for (const note of report.notes) console.log(`note: ${note}`);
}

/** Writes `<dir>/<timestamp>.json`, `<dir>/latest.json` and, when asked, `extraFile`. */
export function writeReport(report: Report, dir: string, extraFile?: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const files = [path.join(dir, `${report.startedAt.replace(/[:.]/g, '-')}.json`), path.join(dir, 'latest.json')];
  if (extraFile) files.push(path.resolve(extraFile));
  for (const file of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, json);
  }
  return files;
}

function markdownTable(header: string[], rows: string[][]): string {
  const width = header.length;
  const cells = [header, ...rows.map((row) => (row.length < width ? [...row, ...Array(width - row.length).fill('')] : row))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(cells[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

const fixed = (value: number | undefined, digits = 1) => (value === undefined || Number.isNaN(value) ? '' : value.toFixed(digits));
