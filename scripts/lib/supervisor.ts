import type { ChildProcess } from 'node:child_process';

/**
 * Keeps one child process running, as `npm start` does for PostgreSQL, each subgraph and the
 * gateway. Its exit is watched from the moment it is spawned: dying while starting fails the
 * first start (and is retried with back-off later on), dying while running starts it again after
 * 1, 2, 4 … up to 30 s. A restarted child that never becomes ready is stopped and started again.
 * Stopping sends `stopSignal` and, when the child ignores it for `graceMs`, SIGKILL.
 * Our own rather than pm2 or concurrently: no daemon, PostgreSQL before the services, readiness
 * by each service's health URL, and the same code in `npm start` and the tests.
 */
export interface SupervisorOptions {
  name: string;
  /** Starts the child; resolves once it is spawned (or, for PostgreSQL, started). */
  spawn(): Promise<ChildProcess> | ChildProcess;
  /** Resolves when the child serves (e.g. its /health answers); polled by the supervisor. */
  ready(child: ChildProcess): Promise<boolean>;
  /** Signal for a graceful stop (default SIGTERM; PostgreSQL's fast shutdown is SIGINT). */
  stopSignal?: NodeJS.Signals;
  /** How long a stopping child may take before SIGKILL (default STOP_GRACE_MS or 10 s). */
  graceMs?: number;
  /** How long a child may take to become ready (default START_TIMEOUT_MS or 120 s). */
  startTimeoutMs?: number;
  /** First restart delay (default 1 s), doubling up to `maxRestartDelayMs` (default 30 s). */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  log?(line: string): void;
}

const exitedAlready = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Resolves when `child` has exited (at once if it has). */
export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (exitedAlready(child)) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Sends `signal`, then SIGKILL if the child is still there after `graceMs`; resolves on exit. */
export async function stopChild(child: ChildProcess, graceMs: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<'stopped' | 'killed'> {
  if (exitedAlready(child)) return 'stopped';
  const exited = exitOf(child);
  child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    exited.then(() => 'stopped' as const),
    new Promise<'killed'>((resolve) => (timer = setTimeout(() => resolve('killed'), graceMs))),
  ]);
  clearTimeout(timer);
  if (outcome === 'killed') {
    child.kill('SIGKILL');
    await exited;
  }
  return outcome;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Supervisor {
  child: ChildProcess | undefined;
  restarts = 0;
  private stopping = false;
  private readonly log: (line: string) => void;

  constructor(private readonly options: SupervisorOptions) {
    this.log = options.log ?? ((line) => console.error(line));
  }

  private get graceMs() {
    return this.options.graceMs ?? (Number(process.env.STOP_GRACE_MS) || 10_000);
  }

  private get startTimeoutMs() {
    return this.options.startTimeoutMs ?? (Number(process.env.START_TIMEOUT_MS) || 120_000);
  }

  /** Waits until `child` is ready; rejects as soon as it exits or the start timeout passes. */
  private async waitReady(child: ChildProcess): Promise<void> {
    const exited = exitOf(child).then(({ code, signal }) => {
      throw new Error(`${this.options.name} exited (${signal ?? `code ${code}`}) while starting`);
    });
    const deadline = Date.now() + this.startTimeoutMs;
    const poll = (async () => {
      while (Date.now() < deadline && !exitedAlready(child) && !this.stopping) {
        if (await this.options.ready(child).catch(() => false)) return;
        await sleep(100);
      }
      if (!exitedAlready(child) && !this.stopping) throw new Error(`${this.options.name} did not become ready within ${this.startTimeoutMs / 1000} s`);
    })();
    exited.catch(() => undefined);
    await Promise.race([poll, exited]);
  }

  /** First start: resolves once ready, rejects when the child dies or hangs while starting. */
  async start(): Promise<void> {
    const child = await this.options.spawn();
    // Watched from spawn: an exit at any moment after this line is seen, even before `ready`.
    const exit = exitOf(child);
    this.child = child;
    try {
      await this.waitReady(child);
    } catch (error) {
      await stopChild(child, this.graceMs, this.options.stopSignal);
      throw error;
    }
    void this.keep(exit);
  }

  /** Restarts the child whenever it exits, until `stop()`. */
  private async keep(firstExit: ReturnType<typeof exitOf>): Promise<void> {
    let exit = firstExit;
    for (;;) {
      const since = Date.now();
      const { code, signal } = await exit;
      if (this.stopping) return;
      if (Date.now() - since > 60_000) this.restarts = 0;
      const delay = Math.min(this.options.maxRestartDelayMs ?? 30_000, (this.options.restartDelayMs ?? 1000) * 2 ** this.restarts);
      this.restarts += 1;
      this.log(`[${this.options.name}] exited (${signal ?? `code ${code}`}); starting it again in ${delay / 1000} s`);
      await sleep(delay);
      if (this.stopping) return;
      let child: ChildProcess;
      try {
        child = await this.options.spawn();
      } catch (error) {
        this.log(`[${this.options.name}] could not be started again: ${error instanceof Error ? error.message : error}`);
        exit = Promise.resolve({ code: 1, signal: null });
        continue;
      }
      exit = exitOf(child);
      this.child = child;
      if (this.stopping) {
        await stopChild(child, this.graceMs, this.options.stopSignal);
        return;
      }
      this.waitReady(child).then(
        () => this.log(`[${this.options.name}] is back`),
        async (error) => {
          if (this.stopping || exitedAlready(child)) return; // its exit is handled by this loop
          this.log(`[${this.options.name}] ${error instanceof Error ? error.message : error}: stopping it to start it again`);
          await stopChild(child, this.graceMs, this.options.stopSignal);
        },
      );
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child) await stopChild(this.child, this.graceMs, this.options.stopSignal);
  }
}

/** What the supervisor needs of an embedded PostgreSQL (shared/embedded-postgres.ts). */
interface PostgresServer {
  child?: ChildProcess;
}

/**
 * Supervises an embedded PostgreSQL started here (`first`): when its server process dies, `start`
 * runs it again on the same data folder and port (PostgreSQL recovers from its write-ahead log);
 * `onStarted` hears of each new server. Stopping uses PostgreSQL's fast shutdown (SIGINT).
 */
export function postgresSupervisor<Server extends PostgresServer>(first: Server, start: () => Promise<Server>, onStarted: (server: Server) => void = () => undefined, options: Partial<SupervisorOptions> = {}): Supervisor {
  let current = first;
  return new Supervisor({
    name: 'postgres',
    spawn: async () => {
      if (!current.child || exitedAlready(current.child)) {
        current = await start();
        onStarted(current);
      }
      if (!current.child) throw new Error('another PostgreSQL server runs on this data folder now');
      return current.child;
    },
    ready: async () => true, // the embedded server's start resolves once it accepts connections
    stopSignal: 'SIGINT',
    ...options,
  });
}
