import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ensureSecrets } from '../shared/secrets.js';
import { envInt, envPrefix } from '../shared/config.js';
import { startEmbeddedPostgres, defaultDataDir, type EmbeddedPostgres } from '../shared/embedded-postgres.js';
import { SUBGRAPH_SERVICES as subgraphs } from '../shared/services.js';
import { REPO_ROOT } from '../shared/paths.js';
import { TRACING_REGISTER_MODULE, tracingEnabled } from '../shared/tracing.js';
import { postgresSupervisor, Supervisor } from './lib/supervisor.js';

/**
 * `npm start`: the whole system on one machine. Subgraphs without `<NAME>_DATABASE_URL` get a
 * database in the embedded PostgreSQL; each subgraph and the gateway run as their own process.
 */
const startedAt = performance.now();
const root = REPO_ROOT;
// Compiled (`npm start` builds dist/ first): services run on plain node; from sources, with tsx.
const compiled = import.meta.url.endsWith('.js');
// With tracing on, the OpenTelemetry SDK is preloaded so it can patch modules before the service
// imports them; with tracing off nothing of it is loaded.
const tracing = tracingEnabled() ? ['--import', TRACING_REGISTER_MODULE] : [];
const command = (entry: string) => (compiled ? [...tracing, path.join('dist', entry.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', ...tracing, entry]);
const services: Supervisor[] = [];
let database: Supervisor | undefined;
let embedded: EmbeddedPostgres | undefined;
let stopping = false;

async function main() {
  const env: Record<string, string> = {};
  const needEmbedded = subgraphs.filter((subgraph) => !process.env[`${envPrefix(subgraph.name)}_DATABASE_URL`]);
  if (needEmbedded.length) {
    // The embedded default is a machine of one's own: webhooks may go to local receivers.
    env.WEBHOOK_ALLOW_PRIVATE = process.env.WEBHOOK_ALLOW_PRIVATE || 'true';
    embedded = await startEmbeddedPostgres({ log: console.log });
    console.log(`PostgreSQL (embedded) on 127.0.0.1:${embedded.port}, data in ${defaultDataDir()}`);
    // Supervised like the services: if the server dies, it is started again on the same data.
    if (embedded.child) {
      database = postgresSupervisor(embedded, () => startEmbeddedPostgres({ log: console.log }), (server) => (embedded = server), { log: (line) => console.error(line) });
      await database.start();
    }
    for (const subgraph of needEmbedded) {
      await embedded.ensureDatabase(subgraph.name);
      env[`${envPrefix(subgraph.name)}_DATABASE_URL`] = embedded.url(subgraph.name);
    }
  }
  // The gateway instances' shared budgets and cache invalidation (gateway/gateway-database.ts).
  if (!process.env.GATEWAY_DATABASE_URL && embedded) {
    await embedded.ensureDatabase('gateway');
    env.GATEWAY_DATABASE_URL = embedded.url('gateway');
  }

  // Generated once, before any child reads them, so all services agree on them.
  ensureSecrets();

  // A port already taken usually means the system runs already: say so instead of starting twice.
  const gatewayPortToCheck = envInt('GATEWAY_PORT', 4000);
  for (const [name, port] of [
    ...subgraphs.map((subgraph) => [subgraph.name, envInt(`${envPrefix(subgraph.name)}_PORT`, subgraph.defaultPort)] as const),
    ['gateway', gatewayPortToCheck] as const,
  ]) {
    if (!(await portIsFree(port))) throw new Error(`Port ${port} for ${name} is in use: is the system already running? Stop it or set ${name === 'gateway' ? 'GATEWAY' : envPrefix(name)}_PORT.`);
  }

  await Promise.all(
    subgraphs.map(async (subgraph) => {
      const port = envInt(`${envPrefix(subgraph.name)}_PORT`, subgraph.defaultPort);
      env[`${envPrefix(subgraph.name)}_URL`] ??= `http://127.0.0.1:${port}/graphql`;
      await launch(subgraph.name, path.join('subgraphs', subgraph.name, 'index.ts'), { ...env, [`${envPrefix(subgraph.name)}_PORT`]: String(port) }, `http://127.0.0.1:${port}/health`);
    }),
  );
  const gatewayPort = envInt('GATEWAY_PORT', 4000);
  const subgraphUrls = Object.fromEntries(subgraphs.map((subgraph) => [`${envPrefix(subgraph.name)}_URL`, process.env[`${envPrefix(subgraph.name)}_URL`] ?? env[`${envPrefix(subgraph.name)}_URL`]]));
  // GATEWAY_WORKERS > 1: that many gateway processes on the one port (gateway/workers.ts).
  const gatewayEntry = envInt('GATEWAY_WORKERS', 1) > 1 ? 'workers.ts' : 'index.ts';
  await launch('gateway', path.join('gateway', gatewayEntry), { ...subgraphUrls, ...(env.GATEWAY_DATABASE_URL ? { GATEWAY_DATABASE_URL: env.GATEWAY_DATABASE_URL } : {}), GATEWAY_PORT: String(gatewayPort) }, `http://127.0.0.1:${gatewayPort}/health`);

  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`\nMünsterland regional graph ready in ${seconds} s: http://localhost:${gatewayPort}/graphql (Ctrl-C stops everything)`);
  console.log(readyBanner(`http://localhost:${gatewayPort}`));
}

/** What a person starting the system wants next: where to click, what to read, what to type. */
function readyBanner(base: string): string {
  const firstQuery = JSON.stringify({ query: '{ project(slug: "informelle-regionalentwicklung-im-muensterland") { title lead { name } } }' });
  return [
    `  Playground   ${base}/  (GraphiQL: saved operations; schema docs under "Docs", left)`,
    `  Docs         README.md; partner app tutorial: examples/kreis-website/README.md`,
    `  First query  curl -s ${base}/graphql -H 'content-type: application/json' -d '${firstQuery}'`,
    `  Token        npm run -s token -- --org kreis-borken --role editor  (for writes)`,
    '',
  ].join('\n');
}

/**
 * Runs one service as its own Node process and resolves once its /health answers. Its exit is
 * watched from spawn (scripts/lib/supervisor.ts): one that dies while starting fails the start; one
 * that dies later is started again (after 1, 2, 4 … up to 30 s), so one crash never takes the
 * system down; one that ignores SIGTERM on shutdown is killed after STOP_GRACE_MS.
 */
async function launch(name: string, entry: string, env: Record<string, string>, healthUrl: string): Promise<void> {
  const service = new Supervisor({
    name,
    // Services log JSON lines (pino) that name themselves: passed straight through.
    spawn: () => spawn(process.execPath, command(entry), { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] }),
    ready: async () => (await fetch(healthUrl, { signal: AbortSignal.timeout(1000) })).ok,
    log: (line) => console.error(line),
  });
  services.push(service);
  await service.start();
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(services.map((service) => service.stop()));
  if (database) await database.stop();
  else await embedded?.stop();
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error) => {
  console.error(`Start failed: ${error instanceof Error ? error.message : error}`);
  await shutdown(1);
});
