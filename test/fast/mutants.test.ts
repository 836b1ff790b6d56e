import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../scripts/mutation/mutants.js';

// `npm run mutation-check` (docs/mutation-testing.md) takes minutes and is not part of `npm test`;
// this keeps its mutants applicable: a refactoring that moves a mutated line fails here at once,
// not months later as "no longer applies".
const root = path.join(import.meta.dirname, '..', '..');

describe('mutation check', () => {
  it.each(MUTANTS.map((mutant) => [mutant.behaviour, mutant] as const))('%s: the mutated line is there exactly once, its test too', (_name, mutant) => {
    const source = fs.readFileSync(path.join(root, mutant.file), 'utf8');
    expect(source.split(mutant.search).length - 1, `${mutant.file}: ${JSON.stringify(mutant.search)}`).toBe(1);
    expect(mutant.replace).not.toBe(mutant.search);
    expect(fs.existsSync(path.join(root, mutant.test))).toBe(true);
    expect(mutant.test.startsWith('test/fast/')).toBe(mutant.tier === 'fast');
  });
});
