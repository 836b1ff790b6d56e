import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envPrefix } from '../shared/config.js';
import { freePort } from '../scripts/lib/free-port.js';

/**
 * `npm run new-subgraph` edits the repository it runs in, so everything here happens in a
 * throw-away copy of the working tree (node_modules symlinked), with its own data folder and free
 * ports: the system of test/global-setup.ts is neither touched nor used.
 */
const NAME = 'tourism';
const root = path.join(import.meta.dirname, '..');
const NOT_COPIED = new Set(['node_modules', '.git', 'test-results', 'bench-results', '.data', 'dist']);

let copy: string;
let dataDir: string;
let postgresPort: number;
/** The system started in the copy, stopped by the test or, if it failed, by afterAll. */
let system: ChildProcess | undefined;
let gatewayPort: number;
let ports: Record<string, number>;

interface Result {
  code: number | null;
  output: string;
}

/** Runs a command to its end, output collected (shown when an assertion fails). */
function run(command: string, args: string[], { env = cleanEnv(), timeoutMs = 120_000 } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: copy, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: `$ ${command} ${args.join(' ')}\n${output}` });
    });
  });
}

const tsx = (script: string, ...args: string[]) => run(process.execPath, ['--import', 'tsx', script, ...args]);

/**
 * This process's environment without anything that points a service elsewhere (URLs, ports,
 * databases, secrets of the shell or of other test files) and without vitest's own variables.
 */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VITEST') || /_(URL|DATABASE_URL|HOST|PORT)$/.test(key)) delete env[key];
  }
  for (const key of ['SUPERGRAPH_PATH', 'MIGRATE_ON_START', 'SEED_ON_START', 'DATA_DIR']) delete env[key];
  return {
    ...env,
    GATEWAY_SECRET: '',
    AUTH_SECRET: '',
    AUTH_JWKS_URL: '',
    AUTH_PUBLIC_KEY: '',
    AUTH_ISSUER: '',
    AUTH_AUDIENCE: '',
    RATE_LIMIT_PER_MINUTE: '0',
    ...extra,
  };
}


const read = (file: string) => fs.readFileSync(path.join(copy, file), 'utf8');
const subgraphNames = () => [...read('shared/services.ts').matchAll(/name: '([^']+)'/g)].map((match) => match[1]);

beforeAll(async () => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'new-subgraph-repo-'));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'new-subgraph-data-'));
  postgresPort = await freePort();
  for (const entry of fs.readdirSync(root)) {
    if (!NOT_COPIED.has(entry)) fs.cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true, verbatimSymlinks: true });
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
});

afterAll(async () => {
  if (system) await stopSystem(system);
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run new-subgraph', () => {
  it('refuses invalid, reserved and taken names and leaves the repo as it was', async () => {
    const state = () => [read('shared/services.ts'), read('subgraphs/registry.ts'), read('package.json'), fs.readdirSync(path.join(copy, 'test')).sort()];
    const before = state();
    // "federation" would overwrite test/federation.test.ts; "my-thing" cannot have an embedded database.
    const names = ['Tourism', 'my-thing', 'gateway', 'projects', 'federation'];
    const results = await Promise.all(names.map((name) => tsx('scripts/new-subgraph.ts', name, '--no-compose')));
    for (const result of results) expect(result.code, result.output).toBe(2);
    expect(state()).toEqual(before);
    for (const name of ['Tourism', 'my-thing', 'gateway', 'federation']) {
      expect(fs.existsSync(path.join(copy, 'subgraphs', name)), name).toBe(false);
    }
  }, 60_000);

  it(`creates and registers ${NAME}, and the supergraph composes with it`, async () => {
    const ports = [...read('shared/services.ts').matchAll(/defaultPort: (\d+)/g)].map((match) => Number(match[1]));
    const generated = await run('npm', ['run', 'new-subgraph', '--', NAME]);
    expect(generated.code, generated.output).toBe(0);
    expect(generated.output).toContain(`${envPrefix(NAME)}_DATABASE_URL=`);
    expect(generated.output).toContain(`npm run migration:create -- ${NAME}`);

    for (const file of ['record.entity.ts', 'record.type.ts', 'stubs.type.ts', 'record.loader.ts', 'record.repository.ts', 'record.reference.ts',
      'record.resolver.ts', 'organization.resolver.ts', 'seed.ts', 'server.ts', 'index.ts', 'README.md', 'migrations/index.ts']) {
      expect(fs.existsSync(path.join(copy, 'subgraphs', NAME, file)), file).toBe(true);
    }
    expect(fs.existsSync(path.join(copy, 'test', `${NAME}.test.ts`))).toBe(true);
    expect(read('shared/services.ts')).toContain(`{ name: '${NAME}', defaultPort: ${Math.max(...ports) + 1} }`);
    expect(read('subgraphs/registry.ts')).toMatch(new RegExp(`import \\{ ${NAME}Subgraph \\} from './${NAME}/server.js';[\\s\\S]*= \\[[^\\]]*${NAME}Subgraph`));
    expect(JSON.parse(read('package.json')).scripts[`start:${NAME}`]).toBe(`node --import tsx subgraphs/${NAME}/index.ts`);
    const folder = path.join(copy, 'subgraphs', NAME);
    for (const file of fs.readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
      expect(file).not.toMatch(/__|\.tmpl$/);
      if (fs.statSync(path.join(folder, file)).isFile()) expect(fs.readFileSync(path.join(folder, file), 'utf8'), file).not.toMatch(/__[A-Z][A-Z0-9]*__/);
    }

    // The generator composed; composing again must succeed and change nothing.
    const composed = await run('npm', ['run', 'compose', '--', '--check']);
    expect(composed.code, composed.output).toBe(0);
    const supergraph = read('schema/supergraph.graphql');
    expect(supergraph).toContain(`${NAME}Records: [TourismRecord!]! @join__field(graph: ${envPrefix(NAME)})`);
    expect(supergraph).toMatch(/type TourismRecord\s+@join__type\(graph: TOURISM, key: "id"\)/);
  }, 120_000);

  it('type-checks, and its first migration is the one MikroORM writes for its entity', async () => {
    const [typecheck, migration] = await Promise.all([
      run('npx', ['tsc', '-p', '.'], { timeoutMs: 170_000 }),
      // Diffs the entity against the migrations applied to a scratch database.
      run('npm', ['run', 'migration:create', '--', NAME], { env: cleanEnv({ DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(postgresPort) }) }),
    ]);
    expect(typecheck.code, typecheck.output).toBe(0);
    expect(migration.code, migration.output).toBe(0);
    expect(migration.output).toContain('No changes: the entities match the migrations.');
  }, 180_000);

  it(`starts with the system and answers through the gateway, Organization.${NAME}Records included`, async () => {
    const names = subgraphNames();
    expect(names).toContain(NAME);
    gatewayPort = await freePort();
    ports = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await freePort()] as const)));
    await startSystem(cleanEnv({
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(postgresPort),
      GATEWAY_PORT: String(gatewayPort),
      ...Object.fromEntries(names.map((name) => [`${envPrefix(name)}_PORT`, String(ports[name])])),
    }));

    const query = async (text: string) => {
      const response = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: text }),
      });
      return (await response.json()) as { data?: any; errors?: unknown[] };
    };

    const list = await query(`{ ${NAME}Records(first: 5) { totalCount edges { node { title isSample organization { name } } } } }`);
    expect(list.errors).toBeUndefined();
    expect(list.data[`${NAME}Records`].totalCount).toBe(1);
    expect(list.data[`${NAME}Records`].edges[0].node).toEqual({ title: expect.any(String), isSample: true, organization: { name: 'Kreis Borken' } });

    const organization = await query(`{ organization(slug: "kreis-borken") { name ${NAME}Records { title } } }`);
    expect(organization.errors).toBeUndefined();
    expect(organization.data).toEqual({ organization: { name: 'Kreis Borken', [`${NAME}Records`]: [{ title: expect.any(String) }] } });

    // The toolkit's gate holds for the new subgraph too: without the gateway's secret, nothing runs.
    const direct = await fetch(`http://127.0.0.1:${ports[NAME]}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ ${NAME}Records { totalCount } }` }),
    });
    expect(direct.status).toBe(401);
  }, 180_000);

  it(`its own test/${NAME}.test.ts passes against that system`, async () => {
    expect(system, 'the system of the previous test runs').toBeDefined();
    // What test/global-setup.ts provides, taken from the running system instead of starting a second one.
    const secret = (file: string) => fs.readFileSync(path.join(dataDir, file), 'utf8').trim();
    const provided = {
      gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
      subgraphUrls: Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, `http://127.0.0.1:${port}/graphql`])),
      databaseUrls: Object.fromEntries(Object.keys(ports).map((name) => [name, `postgresql://postgres:${secret('postgres-password')}@127.0.0.1:${postgresPort}/${name}`])),
      dataDir,
      gatewaySecret: secret('gateway-secret'),
      tokenSecret: secret('jwt-secret'),
    };
    fs.writeFileSync(path.join(copy, 'running-system.setup.ts'), [
      'export default function setup(project: any) {',
      '  for (const [key, value] of Object.entries(JSON.parse(process.env.RUNNING_SYSTEM!))) project.provide(key, value);',
      '}',
    ].join('\n'));
    fs.writeFileSync(path.join(copy, 'running-system.config.ts'), [
      "import config from './vitest.config.ts';",
      '// The e2e tier, with the running system instead of starting one.',
      'const projects = config.test.projects.map((project: any) => project.test.name === "e2e" ? { ...project, test: { ...project.test, globalSetup: ["./running-system.setup.ts"] } } : project);',
      'export default { ...config, test: { ...config.test, projects } };',
    ].join('\n'));
    const result = await run('npx', ['vitest', 'run', '--config', 'running-system.config.ts', `test/${NAME}.test.ts`], {
      env: cleanEnv({ RUNNING_SYSTEM: JSON.stringify(provided) }),
    });
    expect(result.code, result.output).toBe(0);
    expect(result.output.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Test Files\s+1 passed/);

    await stopSystem(system!);
    system = undefined;
  }, 120_000);
});

/** `npm start`'s supervisor, as its own process group so a hung one can be ended with its children. */
function startSystem(env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: copy, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  system = child;
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The system did not start in 150 s:\n${log}`)), 150_000);
    const onData = (chunk: Buffer) => {
      log += chunk;
      if (log.includes('Münsterland regional graph ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The system exited with ${code} while starting:\n${log}`));
    });
  });
}

/** SIGTERM: the supervisor stops the services and PostgreSQL. After 30 s, the whole group is killed. */
function stopSystem(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
