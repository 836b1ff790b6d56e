import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { SUBGRAPH_SERVICES } from '../shared/services.js';
import { envPrefix } from '../shared/config.js';
import { freePort } from '../scripts/lib/free-port.js';

/**
 * Starts the real system once for all test files, exactly as `npm start` does (embedded
 * PostgreSQL, one process per subgraph, the gateway), in a throw-away data folder on free ports.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    systemLog: string;
    subgraphUrls: Record<string, string>;
    databaseUrls: Record<string, string>;
    /** The system's data folder, with the secrets `npm start` generated. */
    dataDir: string;
    gatewaySecret: string;
    tokenSecret: string;
  }
}

// Every registered subgraph, including ones added with `npm run new-subgraph`.
const SUBGRAPHS = SUBGRAPH_SERVICES.map((service) => service.name);

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'muensterland-graph-test-'));
  const ports: Record<string, number> = { gateway: await freePort(), postgres: await freePort() };
  for (const name of SUBGRAPHS) ports[name] = await freePort();
  const env: Record<string, string> = {
    ...process.env,
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(ports.postgres),
    GATEWAY_PORT: String(ports.gateway),
    // The tests measure the system, not the limiter (test/limits.test.ts checks the limiter itself).
    RATE_LIMIT_PER_MINUTE: '0',
    // Tests count SQL statements per request; the change watch would add its own every second
    // (test/gateway-instances.test.ts checks it on gateways of its own).
    CHANGE_WATCH_MS: '0',
    // The embedded default's generated secrets, whatever this shell has configured.
    GATEWAY_SECRET: '',
    AUTH_SECRET: '',
    AUTH_JWKS_URL: '',
    AUTH_PUBLIC_KEY: '',
    AUTH_ISSUER: '',
    AUTH_AUDIENCE: '',
  };
  for (const name of SUBGRAPHS) {
    env[`${envPrefix(name)}_PORT`] = String(ports[name]);
    env[`${envPrefix(name)}_DATABASE_URL`] = '';
  }

  // The system exactly as `npm start` runs it: compiled services (`npm test` builds dist/ first).
  const system = spawn(process.execPath, ['dist/scripts/start.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  // Everything the system logs, for the tests that check log lines (request ids, no personal data).
  const systemLog = path.join(dataDir, 'system.log');
  const logFile = fs.createWriteStream(systemLog);
  system.stdout!.pipe(logFile);
  system.stderr!.pipe(logFile);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`System did not start in 120 s:\n${log.join('')}`)), 120_000);
    const onData = (chunk: Buffer) => {
      log.push(chunk.toString());
      if (log.join('').includes('Münsterland regional graph ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    system.stdout!.on('data', onData);
    system.stderr!.on('data', onData);
    system.once('exit', (code) => reject(new Error(`System exited with ${code} while starting:\n${log.join('')}`)));
  });

  const password = fs.readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  project.provide('gatewayUrl', `http://127.0.0.1:${ports.gateway}`);
  project.provide('subgraphUrls', Object.fromEntries(SUBGRAPHS.map((name) => [name, `http://127.0.0.1:${ports[name]}/graphql`])));
  project.provide('dataDir', dataDir);
  project.provide('systemLog', systemLog);
  project.provide('gatewaySecret', fs.readFileSync(path.join(dataDir, 'gateway-secret'), 'utf8').trim());
  project.provide('tokenSecret', fs.readFileSync(path.join(dataDir, 'jwt-secret'), 'utf8').trim());
  project.provide('databaseUrls', Object.fromEntries(SUBGRAPHS.map((name) => [name, `postgresql://postgres:${password}@127.0.0.1:${ports.postgres}/${name}`])));

  return async () => {
    await stop(system);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

