import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MUTANTS, type Mutant } from './mutation/mutants.js';

/**
 * `npm run mutation-check [-- --only 1,4 | --list]`: proves that the tests of the most important
 * behaviours fail when the behaviour is removed. For each mutant (scripts/mutation/mutants.ts):
 * one search/replace in a source file (the search text must occur exactly once, else the mutant
 * is reported as "no longer applies"), `npm run build` when the system under test runs the
 * compiled dist/, the named test file with its `-t` filter, then the file restored from its
 * in-memory copy (always: also on an error, Ctrl-C or SIGTERM). A mutant is killed only when at
 * least one of the selected tests failed an assertion; a run that selected no test or whose
 * system did not start counts as an error, not as a kill. Exit code 1 when any mutant survives
 * or could not be tried. Not part of `npm test`: each end-to-end mutant starts its own system.
 */

const root = path.join(import.meta.dirname, '..');
const LOG_DIR = path.join(root, 'test-results', 'mutation');

type Verdict = 'killed' | 'SURVIVED' | 'no longer applies' | 'does not compile' | 'error';
interface Outcome {
  mutant: Mutant;
  verdict: Verdict;
  seconds: number;
  /** The first test that failed, or what went wrong. */
  detail: string;
}

const originals = new Map<string, string>();
let child: ChildProcess | undefined;

/** Puts every mutated file back exactly as it was read; safe to call more than once. */
function restoreAll(): void {
  for (const [file, text] of originals) {
    fs.writeFileSync(file, text);
    originals.delete(file);
  }
}

function onSignal(signal: NodeJS.Signals) {
  restoreAll();
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM'); // its own process group: vitest and the system it started
    } catch {
      // already gone
    }
  }
  console.error(`\n${signal}: mutated files restored; dist/ may hold a mutant, run npm run build`);
  process.exit(130);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('exit', restoreAll);

/** Runs a command in its own process group, output into a log file; resolves with the exit code. */
function run(command: string, args: string[], log: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(log, 'a');
    child = spawn(command, args, { cwd: root, stdio: ['ignore', out, out], detached: true, env: { ...process.env, FORCE_COLOR: '0' } });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      fs.closeSync(out);
      child = undefined;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** Applies one mutant's search/replace; false when the search text is not there exactly once. */
function mutate(mutant: Mutant): boolean {
  const file = path.join(root, mutant.file);
  const text = fs.readFileSync(file, 'utf8');
  const occurrences = text.split(mutant.search).length - 1;
  if (occurrences !== 1) return false;
  originals.set(file, text);
  fs.writeFileSync(file, text.replace(mutant.search, () => mutant.replace));
  return true;
}

interface JsonReport {
  numTotalTests: number;
  numFailedTests: number;
  numPassedTests: number;
  testResults: { message?: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

async function tryMutant(mutant: Mutant, index: number): Promise<Outcome> {
  const started = Date.now();
  const log = path.join(LOG_DIR, `${index + 1}.log`);
  const json = path.join(LOG_DIR, `${index + 1}.json`);
  fs.rmSync(log, { force: true });
  fs.rmSync(json, { force: true });
  const outcome = (verdict: Verdict, detail: string): Outcome => ({ mutant, verdict, detail, seconds: Math.round((Date.now() - started) / 1000) });
  if (!mutate(mutant)) return outcome('no longer applies', `search text not found exactly once in ${mutant.file}: update scripts/mutation/mutants.ts`);
  try {
    if (mutant.tier === 'e2e' && mutant.build !== false) {
      if ((await run('npm', ['run', '-s', 'build'], log)) !== 0) return outcome('does not compile', `npm run build failed, see ${path.relative(root, log)}`);
    }
    const args = ['vitest', 'run', '--project', mutant.tier, mutant.test, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`];
    if (mutant.filter) args.push('-t', mutant.filter);
    const code = await run('npx', args, log);
    if (!fs.existsSync(json)) return outcome('error', `vitest wrote no report (exit ${code}), see ${path.relative(root, log)}`);
    const report = JSON.parse(fs.readFileSync(json, 'utf8')) as JsonReport;
    const tests = report.testResults.flatMap((file) => file.assertionResults);
    const ran = tests.filter((test) => test.status === 'passed' || test.status === 'failed');
    const failed = tests.filter((test) => test.status === 'failed');
    if (ran.length === 0) {
      const why = report.testResults.map((file) => file.message).filter(Boolean).join(' ').split('\n')[0];
      return outcome('error', `no test ran (filter matches nothing, or the system did not start${why ? `: ${why}` : ''}), see ${path.relative(root, log)}`);
    }
    if (failed.length > 0) {
      const first = failed[0];
      const reason = (first.failureMessages[0] ?? '').split('\n')[0].slice(0, 120);
      return outcome('killed', `${failed.length}/${ran.length} failed, first: "${first.fullName}": ${reason}`);
    }
    if (code !== 0) return outcome('error', `all ${ran.length} tests passed but vitest exited ${code}, see ${path.relative(root, log)}`);
    return outcome('SURVIVED', `all ${ran.length} selected tests passed with the behaviour removed`);
  } finally {
    restoreAll();
  }
}

function table(outcomes: Outcome[]): string {
  const rows = outcomes.map((outcome, i) => [
    String(MUTANTS.indexOf(outcome.mutant) + 1 || i + 1),
    outcome.mutant.behaviour,
    `${outcome.mutant.file}: ${outcome.mutant.mutation}`,
    `${outcome.mutant.test}${outcome.mutant.filter ? ` -t "${outcome.mutant.filter}"` : ''}`,
    outcome.verdict === 'killed' ? 'yes' : `no (${outcome.verdict})`,
    String(outcome.seconds),
  ]);
  const header = ['#', 'behaviour', 'mutation', 'test', 'killed', 's'];
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.map(escape).join(' | ')} |`).join('\n');
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes('--list')) {
    MUTANTS.forEach((mutant, i) => console.log(`${i + 1}. [${mutant.tier}] ${mutant.behaviour} — ${mutant.file}: ${mutant.mutation}`));
    return;
  }
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? new Set(argv[onlyAt + 1].split(',').map(Number)) : null;
  const chosen = MUTANTS.map((mutant, i) => ({ mutant, i })).filter(({ i }) => !only || only.has(i + 1));
  fs.mkdirSync(LOG_DIR, { recursive: true });

  const started = Date.now();
  const outcomes: Outcome[] = [];
  let builtMutant = false;
  try {
    for (const { mutant, i } of chosen) {
      process.stdout.write(`${i + 1}/${MUTANTS.length} ${mutant.behaviour} … `);
      const result = await tryMutant(mutant, i);
      if (mutant.tier === 'e2e' && mutant.build !== false) builtMutant = true;
      outcomes.push(result);
      console.log(`${result.verdict} (${result.seconds} s): ${result.detail}`);
    }
  } finally {
    restoreAll();
    // dist/ must not keep the last mutant: the e2e tier and npm start run it.
    if (builtMutant) {
      process.stdout.write('rebuilding dist/ from the restored sources … ');
      const code = await run('npm', ['run', '-s', 'build'], path.join(LOG_DIR, 'rebuild.log'));
      console.log(code === 0 ? 'done' : `FAILED (exit ${code}), run npm run build`);
    }
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`\n${table(outcomes)}\n`);
  const bad = outcomes.filter((outcome) => outcome.verdict !== 'killed');
  console.log(`${outcomes.length - bad.length} of ${outcomes.length} mutants killed in ${minutes} min; logs in ${path.relative(root, LOG_DIR)}/`);
  if (bad.length) {
    for (const outcome of bad) console.log(`  ${outcome.verdict}: ${outcome.mutant.behaviour}: ${outcome.detail}`);
    process.exitCode = 1;
  }
}

await main();
