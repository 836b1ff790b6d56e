import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { manifestOf } from '../gateway/trusted-documents.js';

/**
 * `npm run persist -- <files or folders of .graphql> [--out <file>]`: the trusted documents of a
 * partner app as an Apollo persisted query manifest (one entry per named operation, id = sha256
 * of its body). Put the manifest into `trusted-documents/` (or `TRUSTED_DOCUMENTS_DIR`) and
 * restart the gateway; the app then sends `documentId: "sha256:<id>"` instead of the text.
 * Without --out the manifest goes to standard output.
 */
const USAGE = 'Usage: npm run persist -- <files or folders of .graphql> [--out trusted-documents/<app>.json]';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let parsed: { values: { out?: string }; positionals: string[] };
try {
  parsed = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
} catch (error) {
  fail(`${error instanceof Error ? error.message : error}\n${USAGE}`);
}
const { values, positionals } = parsed;
if (positionals.length === 0) fail(`Name the .graphql files or folders to register.\n${USAGE}`);

const files: string[] = [];
const walk = (where: string) => {
  if (!fs.existsSync(where)) fail(`${where} does not exist.\n${USAGE}`);
  if (fs.statSync(where).isDirectory()) {
    for (const entry of fs.readdirSync(where).sort()) walk(path.join(where, entry));
  } else if (/\.(graphql|gql)$/.test(where)) files.push(where);
};
for (const positional of positionals) walk(positional);
if (files.length === 0) fail(`No .graphql or .gql file in ${positionals.join(', ')}.`);

let manifest;
try {
  manifest = manifestOf(files.map((file) => ({ name: file, text: fs.readFileSync(file, 'utf8') })));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const json = `${JSON.stringify(manifest, null, 2)}\n`;
if (values.out) {
  fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
  fs.writeFileSync(values.out, json);
  console.error(`${manifest.operations.length} operations from ${files.length} files written to ${values.out}: ${manifest.operations.map((operation) => operation.name).join(', ')}`);
} else {
  process.stdout.write(json);
}
