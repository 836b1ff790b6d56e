import cluster, { type Worker } from 'node:cluster';
import { envInt, envString } from '../shared/config.js';
import { serviceLogger } from '../shared/logger.js';

/**
 * `GATEWAY_WORKERS=n` (n > 1): n gateway processes behind one port, with Node's `cluster`. This
 * process only accepts connections and hands them to the workers in turn (the default round-robin
 * on Linux); each worker is a whole gateway (`index.ts`) with its own caches, sharing budgets and
 * cache invalidation through the gateway database (`gateway-database.ts`). One port rather than n
 * ports, so clients and health checks need no load balancer; `cluster` rather than `reusePort`,
 * since `server.listen({ reusePort })` exists only from Node 22.12/23.1 and we run on Node 20.
 * A worker that dies is started again (after 1, 2, 4 … up to 30 s); SIGTERM/SIGINT stop all.
 */
const log = serviceLogger('gateway');
const count = Math.max(1, envInt('GATEWAY_WORKERS', 1));
const entry = new URL(`./index${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).pathname;

if (count > 1 && !envString('GATEWAY_DATABASE_URL', '')) {
  log.warn({ workers: count }, 'GATEWAY_WORKERS without GATEWAY_DATABASE_URL: each worker has its own budgets and learns of the others\' writes only through the change watch');
}
// Workers run the gateway's own entry with this process's Node flags (`--import tsx` from sources).
cluster.setupPrimary({ exec: entry });

let stopping = false;
const restarts = new Map<number, number>(); // slot → consecutive quick deaths
const slots = new Map<Worker, number>();

function fork(slot: number): void {
  const worker = cluster.fork({ GATEWAY_WORKER: String(slot) });
  const startedAt = Date.now();
  slots.set(worker, slot);
  worker.once('exit', (code, signal) => {
    slots.delete(worker);
    if (stopping) {
      if (slots.size === 0) process.exit(0);
      return;
    }
    const quick = Date.now() - startedAt < 60_000 ? (restarts.get(slot) ?? 0) + 1 : 1;
    restarts.set(slot, quick);
    const delayMs = Math.min(30_000, 1000 * 2 ** (quick - 1));
    log.error({ worker: slot, code, signal, restartInMs: delayMs }, 'gateway worker exited: starting it again');
    setTimeout(() => {
      if (!stopping) fork(slot);
    }, delayMs);
  });
}

for (let slot = 1; slot <= count; slot += 1) fork(slot);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    if (slots.size === 0) process.exit(0);
    // Each worker drains its requests in flight and exits (index.ts).
    for (const worker of slots.keys()) worker.process.kill('SIGTERM');
  });
}
