import 'reflect-metadata';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { composeSupergraph } from './lib/composition.js';

/**
 * `npm run check [-- --against <supergraph file|git ref>]`: composes the subgraphs as the code
 * defines them and compares the resulting API with the supergraph on main (or the given file or
 * ref). Breaking changes fail with a readable list, dangerous ones warn, safe ones pass.
 */
const againstIndex = process.argv.indexOf('--against');
const against = againstIndex > 0 ? process.argv[againstIndex + 1] : undefined;

function baseline(): { label: string; sdl: string } {
  if (against && fs.existsSync(against)) return { label: against, sdl: fs.readFileSync(against, 'utf8') };
  const refs = against ? [against] : ['origin/main', 'main'];
  for (const ref of refs) {
    try {
      const sdl = execFileSync('git', ['show', `${ref}:schema/supergraph.graphql`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      return { label: `${ref}:schema/supergraph.graphql`, sdl };
    } catch {
      // try the next ref
    }
  }
  throw new Error(`No baseline supergraph found (tried ${refs.join(', ')}); pass --against <file or git ref>`);
}

const { label, sdl } = baseline();
const before = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
const after = (await composeSupergraph()).apiSchema;
const changes = await diff(before, after);

const byLevel = (level: CriticalityLevel) => changes.filter((change: Change) => change.criticality.level === level);
const print = (title: string, list: Change[]) => {
  if (!list.length) return;
  console.log(`\n${title} (${list.length}):`);
  for (const change of list) console.log(`  - ${change.message}${change.criticality.reason ? `\n      ${change.criticality.reason}` : ''}`);
};

console.log(`Comparing the composed API with ${label}`);
const breaking = byLevel(CriticalityLevel.Breaking);
print('Breaking changes: partner apps relying on these fail', breaking);
print('Dangerous changes: check partner apps', byLevel(CriticalityLevel.Dangerous));
print('Safe changes', byLevel(CriticalityLevel.NonBreaking));
if (!changes.length) console.log('No changes to the API.');
if (breaking.length) {
  console.error(`\n${breaking.length} breaking change(s): deprecate first (@deprecated), remove in a later release.`);
  process.exit(1);
}
