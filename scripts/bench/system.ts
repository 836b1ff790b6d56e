import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { GATEWAY_SECRET_HEADER, gatewaySecret } from '../../shared/auth.js';
import { envPrefix } from '../../shared/config.js';
import { SUBGRAPH_SERVICES } from '../../shared/services.js';
import { freePort } from '../lib/free-port.js';
export { freePort };

/**
 * The system under test, started the way `scripts/start.ts` starts it: each subgraph and each
 * gateway its own Node process, on free loopback ports, pointed at the scale databases; compiled
 * (dist/, plain node, as `npm start` runs them) or from the sources with tsx. Output of the
 * children goes to one log file; its tail is shown when a service fails to start.
 */

const root = path.join(import.meta.dirname, '..', '..');

export interface Service {
  name: string;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}


/** Headers that let a request reach a subgraph directly (subgraphs answer the gateway only). */
export function subgraphHeaders(): Record<string, string> {
  return { [GATEWAY_SECRET_HEADER]: gatewaySecret() };
}

export class Launcher {
  private readonly services: Service[] = [];
  private readonly log: fs.WriteStream;
  private tail: string[] = [];

  /** `compiled`: run the services from dist/ (`npm run build` first), as `npm start` does. */
  constructor(
    readonly logFile: string,
    private readonly options: { compiled?: boolean } = {},
  ) {
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    this.log = fs.createWriteStream(logFile, { flags: 'a' });
  }

  /** `node` arguments for a service's TypeScript entry: its compiled file, or the source with tsx. */
  serviceArgs(entry: string): string[] {
    // BENCH_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles`: node options of the services only.
    const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    return [...extra, ...(this.options.compiled ? [path.join('dist', entry.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', entry])];
  }

  /** Starts `node <args>` with `env` and waits until `{ __typename }` answers at `url`. */
  async start(name: string, args: string[], env: Record<string, string>, url: string, headers: Record<string, string> = {}): Promise<Service> {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = `[${name}] `;
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        this.log.write(text.replace(/^(?=.)/gm, prefix));
        this.tail = [...this.tail, ...text.split('\n').filter(Boolean).map((line) => prefix + line)].slice(-30);
      });
    }
    const service: Service = {
      name,
      url,
      child,
      stop: () => stopChild(child),
    };
    this.services.push(service);

    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting:\n${this.tail.join('\n')}`);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: '{"query":"{ __typename }"}',
          signal: AbortSignal.timeout(2000),
        });
        if (response.ok) return service;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`${name} did not answer ${url} within 120 s:\n${this.tail.join('\n')}`);
  }

  /** The three subgraphs on the given databases, then our gateway (on its own database) in front of them. */
  async startSystem(databaseUrls: Record<string, string>, gatewayDatabaseUrl: string) {
    const ports = Object.fromEntries(await Promise.all(SUBGRAPH_SERVICES.map(async ({ name }) => [name, await freePort()] as const)));
    const urls = Object.fromEntries(SUBGRAPH_SERVICES.map(({ name }) => [`${envPrefix(name)}_URL`, `http://127.0.0.1:${ports[name]}/graphql`]));
    const common = {
      ...urls,
      // The bench measures the system, not the rate limiter.
      RATE_LIMIT_PER_MINUTE: '0',
      // Schema changes of other branches apply to the scale data; its reference data is there already.
      MIGRATE_ON_START: 'true',
      SEED_ON_START: 'false',
      APOLLO_TELEMETRY_DISABLED: 'true',
    };
    const subgraphs = await Promise.all(
      SUBGRAPH_SERVICES.map(({ name }) => {
        const prefix = envPrefix(name);
        const env = { ...common, [`${prefix}_DATABASE_URL`]: databaseUrls[name], [`${prefix}_PORT`]: String(ports[name]), [`${prefix}_HOST`]: '127.0.0.1' };
        return this.start(name, this.serviceArgs(path.join('subgraphs', name, 'index.ts')), env, urls[`${prefix}_URL`], subgraphHeaders());
      }),
    );
    this.gatewayEnv = { ...common, GATEWAY_DATABASE_URL: gatewayDatabaseUrl };
    const gateway = await this.startGateway('gateway');
    return { gateway, subgraphs, subgraphUrls: urls };
  }

  private gatewayEnv: Record<string, string> = {};

  /** Our gateway (one more instance, `extraEnv` on top) in front of the subgraphs of `startSystem`. */
  async startGateway(name: string, extraEnv: Record<string, string> = {}): Promise<Service> {
    const port = await freePort();
    const env = { ...this.gatewayEnv, GATEWAY_PORT: String(port), GATEWAY_HOST: '127.0.0.1', ...extraEnv };
    return this.start(name, this.serviceArgs(path.join('gateway', 'index.ts')), env, `http://127.0.0.1:${port}/graphql`);
  }

  /** Stops every service started here, newest first (again: nothing more happens). */
  async stopAll(): Promise<void> {
    for (const service of [...this.services].reverse()) await service.stop();
    if (!this.log.writableEnded) this.log.end();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
