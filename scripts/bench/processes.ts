import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Memory and CPU time of the processes under test, read from /proc (Linux). CPU time sampled
 * before and after a scenario shows where the cores went: gateway, subgraphs, PostgreSQL or the
 * load generator itself (autocannon runs in the bench process, on the same two cores).
 */

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

interface Stat {
  ppid: number;
  /** utime + stime, seconds. */
  cpu: number;
  /** cutime + cstime: children that exited and were reaped (PostgreSQL backends), seconds. */
  childrenCpu: number;
}

function readStat(pid: number): Stat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after the last ")".
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const field = (position: number) => Number(fields[position - 3]);
    return { ppid: field(4), cpu: (field(14) + field(15)) / TICKS_PER_SECOND, childrenCpu: (field(16) + field(17)) / TICKS_PER_SECOND };
  } catch {
    return null; // exited meanwhile
  }
}

/** Resident and proportional set size in kB (PSS splits shared pages, e.g. PostgreSQL's shared buffers). */
function readMemory(pid: number): { rssKb: number; pssKb: number } {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const value = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    return { rssKb: value('Rss'), pssKb: value('Pss') };
  } catch {
    return { rssKb: 0, pssKb: 0 };
  }
}

/** The postmaster of an embedded cluster (first line of its postmaster.pid). */
export function postmasterPid(dataDir: string): number | null {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

/** The postmaster and its children (backends, checkpointer, walwriter …). */
function postgresPids(postmaster: number): number[] {
  const children = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number).filter((pid) => readStat(pid)?.ppid === postmaster);
  return [postmaster, ...children];
}

export interface Watched {
  name: string;
  pid: number;
  /** True for a PostgreSQL postmaster: its whole process tree counts. */
  postgres?: boolean;
}

/** CPU seconds used so far by each watched process (PostgreSQL: the tree, reaped backends included). */
export function cpuSeconds(watched: Watched[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const { name, pid, postgres } of watched) {
    if (postgres) {
      const root = readStat(pid);
      result[name] = (root?.childrenCpu ?? 0) + postgresPids(pid).reduce((sum, member) => sum + (readStat(member)?.cpu ?? 0), 0);
    } else {
      result[name] = readStat(pid)?.cpu ?? 0;
    }
  }
  return result;
}

export interface MemoryUse {
  name: string;
  processes: number;
  rssMb: number;
  pssMb: number;
}

export function memoryUse(watched: Watched[]): MemoryUse[] {
  return watched.map(({ name, pid, postgres }) => {
    const pids = postgres ? postgresPids(pid) : [pid];
    const memory = pids.map(readMemory);
    const mb = (kb: number) => Math.round(kb / 102.4) / 10;
    return {
      name,
      processes: pids.length,
      rssMb: mb(memory.reduce((sum, entry) => sum + entry.rssKb, 0)),
      pssMb: mb(memory.reduce((sum, entry) => sum + entry.pssKb, 0)),
    };
  });
}

/** CPU seconds all cores of the machine spent busy so far (/proc/stat): minus ours, it is other people's load. */
export function machineBusySeconds(): number {
  const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal = 0] = ticks.map(Number); // idle and iowait left out
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}
