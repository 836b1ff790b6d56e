import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresSupervisor, stopChild, Supervisor } from '../scripts/lib/supervisor.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../shared/embedded-postgres.js';

/** The supervisor of `npm start` (scripts/lib/supervisor.ts) with tiny child processes, in seconds. */
const node = (code: string) => spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
const said = (child: ChildProcess, word: string) =>
  new Promise<void>((resolve) => {
    let text = '';
    child.stdout!.on('data', (chunk) => {
      text += chunk;
      if (text.includes(word)) resolve();
    });
  });
const alive = (child: ChildProcess | undefined) => Boolean(child && child.exitCode === null && child.signalCode === null);
const quiet = () => undefined;

describe('supervisor', () => {
  const supervisors: Supervisor[] = [];
  afterAll(async () => {
    await Promise.all(supervisors.map((supervisor) => supervisor.stop()));
  });

  it('stops a child that ignores SIGTERM with SIGKILL after the grace period', async () => {
    const child = node(`process.on('SIGTERM', () => console.log('ignored')); console.log('up'); setInterval(() => {}, 1000);`);
    await said(child, 'up');
    const started = Date.now();
    expect(await stopChild(child, 400)).toBe('killed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(child.signalCode).toBe('SIGKILL');
  });

  it('a child that honours SIGTERM stops without SIGKILL', async () => {
    const child = node(`console.log('up'); setInterval(() => {}, 1000);`);
    await said(child, 'up');
    expect(await stopChild(child, 5000)).toBe('stopped');
    expect(child.signalCode).toBe('SIGTERM');
  });

  it('a child that dies while starting fails the start at once (its exit is watched from spawn)', async () => {
    const supervisor = new Supervisor({ name: 'dies', spawn: () => node('process.exit(3)'), ready: async () => false, startTimeoutMs: 60_000, log: quiet });
    const started = Date.now();
    await expect(supervisor.start()).rejects.toThrow(/dies exited \(code 3\) while starting/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('restarts a child that dies after it was ready, and again one that dies while restarting', async () => {
    // 1st: ready, then dies; 2nd: dies before it is ready; 3rd: stays.
    const scripts = [
      `console.log('ready'); setTimeout(() => process.exit(1), 300);`,
      `process.exit(2);`,
      `console.log('ready'); setInterval(() => {}, 1000);`,
    ];
    const spawned: ChildProcess[] = [];
    const ready = new Set<ChildProcess>();
    const supervisor = new Supervisor({
      name: 'flaky',
      spawn: () => {
        const child = node(scripts[Math.min(spawned.length, scripts.length - 1)]);
        void said(child, 'ready').then(() => ready.add(child));
        spawned.push(child);
        return child;
      },
      ready: async (child) => ready.has(child),
      restartDelayMs: 50,
      log: quiet,
    });
    supervisors.push(supervisor);
    await supervisor.start();
    await expect.poll(() => spawned.length, { timeout: 5000 }).toBe(3);
    await expect.poll(() => ready.has(spawned[2]), { timeout: 5000 }).toBe(true);
    expect(supervisor.child).toBe(spawned[2]);
    expect(alive(spawned[2])).toBe(true);
    expect(spawned[1].exitCode).toBe(2);
  });

  it('a restarted child that never becomes ready is stopped (SIGKILL if need be) and started again', async () => {
    const scripts = [
      `console.log('ready'); setTimeout(() => process.exit(1), 200);`,
      `process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);`, // hangs, ignores SIGTERM
      `console.log('ready'); setInterval(() => {}, 1000);`,
    ];
    const spawned: ChildProcess[] = [];
    const ready = new Set<ChildProcess>();
    const supervisor = new Supervisor({
      name: 'hangs',
      spawn: () => {
        const child = node(scripts[Math.min(spawned.length, scripts.length - 1)]);
        void said(child, 'ready').then(() => ready.add(child));
        spawned.push(child);
        return child;
      },
      ready: async (child) => ready.has(child),
      restartDelayMs: 50,
      startTimeoutMs: 500,
      graceMs: 300,
      log: quiet,
    });
    supervisors.push(supervisor);
    await supervisor.start();
    await expect.poll(() => spawned.length, { timeout: 8000 }).toBe(3);
    expect(spawned[1].signalCode).toBe('SIGKILL');
    await expect.poll(() => ready.has(spawned[2]), { timeout: 5000 }).toBe(true);
  });
});

describe('the embedded PostgreSQL is supervised like the services', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'muensterland-supervised-'));
  let server: EmbeddedPostgres | undefined;
  let supervisor: Supervisor | undefined;
  afterAll(async () => {
    await supervisor?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a PostgreSQL server killed with SIGKILL is started again and answers', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const start = () => startEmbeddedPostgres({ dataDir, port });
    server = await start();
    supervisor = postgresSupervisor(server, start, (next) => (server = next), { restartDelayMs: 200, log: quiet });
    await supervisor.start();
    const first = server.child!;
    const ask = async () => {
      const client = new pg.Client({ connectionString: server!.url('postgres') });
      try {
        await client.connect();
        return (await client.query('select 1 as one')).rows[0].one as number;
      } catch {
        return 0;
      } finally {
        await client.end().catch(() => undefined);
      }
    };
    expect(await ask()).toBe(1);

    first.kill('SIGKILL');
    await expect.poll(() => alive(supervisor!.child) && supervisor!.child !== first, { timeout: 15_000, interval: 100 }).toBe(true);
    await expect.poll(ask, { timeout: 15_000, interval: 200 }).toBe(1);
  });
});
