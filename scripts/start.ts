import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensureSecrets } from '../subgraphs/toolkit/secrets.js';
import { envInt, envPrefix } from '../subgraphs/toolkit/config.js';
import { startEmbeddedPostgres, defaultDataDir, type EmbeddedPostgres } from '../subgraphs/toolkit/embedded-postgres.js';
import { SUBGRAPH_SERVICES as subgraphs } from '../subgraphs/services.js';

/**
 * `npm start`: the whole system on one machine. Subgraphs without `<NAME>_DATABASE_URL` get a
 * database in the embedded PostgreSQL; each subgraph and the gateway run as their own process.
 */
const startedAt = performance.now();
const root = path.join(import.meta.dirname, '..');
const children: { name: string; process: ChildProcess }[] = [];
let embedded: EmbeddedPostgres | undefined;
let stopping = false;

async function main() {
  const env: Record<string, string> = {};
  const needEmbedded = subgraphs.filter((subgraph) => !process.env[`${envPrefix(subgraph.name)}_DATABASE_URL`]);
  if (needEmbedded.length) {
    embedded = await startEmbeddedPostgres({ log: console.log });
    console.log(`PostgreSQL (embedded) on 127.0.0.1:${embedded.port}, data in ${defaultDataDir()}`);
    for (const subgraph of needEmbedded) {
      await embedded.ensureDatabase(subgraph.name);
      env[`${envPrefix(subgraph.name)}_DATABASE_URL`] = embedded.url(subgraph.name);
    }
  }

  // Generated once, before any child reads them, so all services agree on them.
  ensureSecrets();

  await Promise.all(
    subgraphs.map(async (subgraph) => {
      const port = envInt(`${envPrefix(subgraph.name)}_PORT`, subgraph.defaultPort);
      env[`${envPrefix(subgraph.name)}_URL`] ??= `http://127.0.0.1:${port}/graphql`;
      await launch(subgraph.name, path.join('subgraphs', subgraph.name, 'index.ts'), { ...env, [`${envPrefix(subgraph.name)}_PORT`]: String(port) }, `http://127.0.0.1:${port}/health`);
    }),
  );
  const gatewayPort = envInt('GATEWAY_PORT', 4000);
  const subgraphUrls = Object.fromEntries(subgraphs.map((subgraph) => [`${envPrefix(subgraph.name)}_URL`, process.env[`${envPrefix(subgraph.name)}_URL`] ?? env[`${envPrefix(subgraph.name)}_URL`]]));
  await launch('gateway', path.join('gateway', 'index.ts'), { ...subgraphUrls, GATEWAY_PORT: String(gatewayPort) }, `http://127.0.0.1:${gatewayPort}/health`);

  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`\nMünsterland regional graph ready in ${seconds} s: http://localhost:${gatewayPort}/graphql (Ctrl-C stops everything)`);
}

/** Starts one service as its own Node process and waits until its /health answers. */
async function launch(name: string, entry: string, env: Record<string, string>, healthUrl: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push({ name, process: child });
  const prefix = `[${name}]`.padEnd(16);
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (buffered + chunk.toString('utf8')).split('\n');
      buffered = lines.pop()!;
      for (const line of lines) console.log(`${prefix}${line}`);
    });
  }
  child.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${prefix}exited (${signal ?? `code ${code}`}); stopping the system`);
      void shutdown(1);
    }
  });

  const deadline = Date.now() + envInt('START_TIMEOUT_MS', 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting`);
    try {
      if ((await fetch(healthUrl, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not answer ${healthUrl} in time`);
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(({ process: child }) =>
      child.exitCode !== null || child.signalCode !== null
        ? undefined
        : new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
    ),
  );
  await embedded?.stop();
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error) => {
  console.error(`Start failed: ${error instanceof Error ? error.message : error}`);
  await shutdown(1);
});
