import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SUBGRAPH_SERVICES } from '../shared/services.js';
import { envPrefix } from '../shared/config.js';

/**
 * `npm run new-subgraph -- <name> [--no-compose]`: creates `subgraphs/<name>/` from the templates
 * in scripts/templates/subgraph (an entity that references `Organization`, its type, queries,
 * loaders, seed, first migration, README) plus `test/<name>.test.ts`, registers it in
 * shared/services.ts and subgraphs/registry.ts (which compose, start, the tests and the gateway
 * read), adds `npm run start:<name>` and composes the supergraph.
 */
const root = path.join(import.meta.dirname, '..');
const templates = path.join(import.meta.dirname, 'templates', 'subgraph');
const servicesFile = path.join(root, 'shared', 'services.ts');
const registryFile = path.join(root, 'subgraphs', 'registry.ts');

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Database names are at most 63 bytes, and `migration:create` appends `_migration_scratch`. */
const MAX_LENGTH = 30;
/**
 * Names that would collide with a folder, a generated schema file (`schema/<name>.graphql`), a
 * PostgreSQL system database, or another service's variables (`GATEWAY_PORT`, `AUTH_SECRET`…).
 */
const RESERVED = new Set([
  'toolkit', 'gateway', 'supergraph', 'schema', 'scripts', 'test', 'data', 'registry', 'services', 'migrations', 'templates',
  'postgres', 'template0', 'template1', 'embedded', 'auth', 'rate', 'start', 'migrate', 'seed', 'all',
]);

function fail(message: string): never {
  console.error(`new-subgraph: ${message}`);
  process.exit(2);
}

const args = process.argv.slice(2);
const compose = !args.includes('--no-compose');
const name = args.find((arg) => !arg.startsWith('--'));
if (!name) fail('usage: npm run new-subgraph -- <name> [--no-compose]   (e.g. tourism)');

// ---- the name ---------------------------------------------------------------------------------
if (!NAME.test(name)) fail(`"${name}" is not a valid name: lowercase letters and digits, words joined by single hyphens, starting with a letter (e.g. tourism)`);
if (name.includes('-')) {
  // The subgraph's embedded database is named after it, and shared/embedded-postgres.ts accepts
  // only [a-z0-9_] there: a hyphenated subgraph would stop `npm start`.
  fail(`"${name}": hyphenated names cannot have an embedded database yet (shared/embedded-postgres.ts ensureDatabase); use "${name.replace(/-/g, '')}"`);
}
if (name.length > MAX_LENGTH) fail(`"${name}" is longer than ${MAX_LENGTH} characters`);
if (RESERVED.has(name)) fail(`"${name}" is reserved`);

if (SUBGRAPH_SERVICES.some((service) => service.name === name)) fail(`a subgraph "${name}" is already listed in shared/services.ts`);

const words = name.split('-');
const pascal = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
const camel = pascal[0].toLowerCase() + pascal.slice(1);
const prefix = envPrefix(name);
if (SUBGRAPH_SERVICES.some((service) => envPrefix(service.name) === prefix)) fail(`the variables ${prefix}_* already belong to another subgraph`);
const port = Math.max(4000, ...SUBGRAPH_SERVICES.map((service) => service.defaultPort)) + 1;
// MikroORM's own migration naming (UTC, to the second).
const timestamp = new Date().toISOString().replace(/[-T:]/g, '').slice(0, 14);

const values: Record<string, string> = {
  NAME: name,
  PASCAL: pascal,
  CAMEL: camel,
  PREFIX: prefix,
  PORT: String(port),
  TABLE: `${name.replace(/-/g, '_')}_record`,
  TIMESTAMP: timestamp,
};

// GraphQL names the new subgraph adds; composition would fail on a clash, but later and less clearly.
const supergraphFile = path.join(root, 'schema', 'supergraph.graphql');
const supergraph = fs.existsSync(supergraphFile) ? fs.readFileSync(supergraphFile, 'utf8') : '';
for (const typeName of [`${pascal}Record`, `${pascal}RecordConnection`, `${pascal}RecordEdge`]) {
  if (new RegExp(`^(type|input|enum|interface|union|scalar) ${typeName}\\b`, 'm').test(supergraph)) fail(`the supergraph already has a type ${typeName}`);
}
for (const field of [`${camel}Record`, `${camel}Records`]) {
  if (new RegExp(`^\\s+${field}\\b\\s*[(:]`, 'm').test(supergraph)) fail(`the supergraph already has a field ${field}`);
}

// ---- the files --------------------------------------------------------------------------------
function fill(text: string): string {
  return text.replace(/__([A-Z][A-Z0-9]*)__/g, (match, key: string) => {
    if (!(key in values)) throw new Error(`Unknown placeholder ${match} in the templates`);
    return values[key];
  });
}

function templateFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return templateFiles(file);
    return entry.name.endsWith('.tmpl') ? [file] : [];
  });
}

// The template tree mirrors the repository: subgraphs/__NAME__/… and test/__NAME__.test.ts.
const files = templateFiles(templates).map((template) => ({
  target: path.join(root, fill(path.relative(templates, template)).replace(/\.tmpl$/, '')),
  text: fill(fs.readFileSync(template, 'utf8')),
}));
const folder = path.join(root, 'subgraphs', name);
if (fs.existsSync(folder)) fail(`subgraphs/${name} already exists`);
for (const { target } of files) {
  if (fs.existsSync(target)) fail(`${path.relative(root, target)} already exists`);
}

// Both registrations are prepared before anything is written: a failure leaves the repo as it was.
const services = fs.readFileSync(servicesFile, 'utf8');
const servicesList = /(export const SUBGRAPH_SERVICES\b[^=]*=\s*\[)([\s\S]*?)(\n?\];)/;
if (!servicesList.test(services)) fail(`cannot find the SUBGRAPH_SERVICES list in shared/services.ts; add { name: '${name}', defaultPort: ${port} } there by hand`);
const newServices = services.replace(servicesList, (_match, open: string, items: string, close: string) =>
  `${open}${items.trimEnd()}\n  { name: '${name}', defaultPort: ${port} },${close}`);

const registry = fs.readFileSync(registryFile, 'utf8');
const registryList = /(export const subgraphs\b[^=]*=\s*\[)([\s\S]*?)(\];)/;
if (!registryList.test(registry)) fail(`cannot find the subgraphs list in subgraphs/registry.ts; add ${camel}Subgraph from './${name}/server.js' there by hand`);
const importLine = `import { ${camel}Subgraph } from './${name}/server.js';`;
const lines = registry.split('\n');
const subgraphImports = lines.flatMap((line, index) => (/^import \{ \w+ \} from '\.\/[a-z0-9-]+\/server\.js';$/.test(line) ? [index] : []));
// Keep the subgraph imports in path order, the way the existing ones are sorted.
const before = subgraphImports.find((index) => lines[index].split("'")[1] > `./${name}/server.js`);
lines.splice(before ?? (subgraphImports.length ? subgraphImports.at(-1)! + 1 : 0), 0, importLine);
const newRegistry = lines.join('\n').replace(registryList, (_match, open: string, items: string, close: string) => {
  if (items.includes('\n')) return `${open}${items.trimEnd().replace(/,?$/, ',')}\n  ${camel}Subgraph,\n${close}`;
  const existing = items.trim().replace(/,$/, '');
  return `${open}${existing ? `${existing}, ` : ''}${camel}Subgraph${close}`;
});

for (const { target, text } of files) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
}
fs.writeFileSync(servicesFile, newServices);
fs.writeFileSync(registryFile, newRegistry);
console.log(`Created ${files.map(({ target }) => path.relative(root, target)).sort().join(', ')}`);
console.log(`Registered ${name} (default port ${port}) in shared/services.ts and subgraphs/registry.ts`);

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const script = spawnSync(npm, ['pkg', 'set', `scripts.start:${name}=node --import tsx subgraphs/${name}/index.ts`], { cwd: root, encoding: 'utf8' });
if (script.status === 0) console.log(`Added npm run start:${name} to package.json`);
else console.warn(`Could not add the npm script (${script.stderr.trim()}); add "start:${name}": "node --import tsx subgraphs/${name}/index.ts" to package.json`);

let composed = false;
if (compose) {
  console.log('\nnpm run compose');
  composed = spawnSync(npm, ['run', '--silent', 'compose'], { cwd: root, stdio: 'inherit' }).status === 0;
  if (!composed) console.error(`\nComposition failed: fix subgraphs/${name}/ and run npm run compose again.`);
}

console.log(`
Next steps
  ${composed ? 'schema/ is composed with the new subgraph' : 'npm run compose                     # print its SDL to schema/ and compose the supergraph'}
  npm start                           # runs it with the others, in the embedded PostgreSQL database "${name}"
  npm test                            # includes test/${name}.test.ts, through the gateway
  After every change to subgraphs/${name}/record.entity.ts:
    npm run migration:create -- ${name}   # writes the next migration
    npm run compose                   # then commit the migration and schema/
  Alone, e.g. on a partner's server with its own PostgreSQL (see subgraphs/${name}/README.md):
    ${prefix}_DATABASE_URL=postgresql://user:password@host:5432/${name} ${prefix}_HOST=0.0.0.0 GATEWAY_SECRET=<the gateway's> npm run start:${name}
    and tell the gateway where it runs: ${prefix}_URL=http://<host>:${port}/graphql`);

process.exit(compose && !composed ? 1 : 0);
