import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '..', '..');

/** The paths in the first column of the README's layout table (`subgraphs/<name>/` stays as written). */
function layoutPaths(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Layout$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1].matchAll(/`([^`]+)`/g)].map((match) => match[1]));
}

describe("the README's layout table", () => {
  it('names only folders and files that exist', () => {
    const paths = layoutPaths();
    expect(paths.length).toBeGreaterThan(5);
    const missing = paths.filter((entry) => !fs.existsSync(path.join(ROOT, entry.replace('<name>', 'projects'))));
    expect(missing).toEqual([]);
  });

  it('names every top-level folder and every example app', () => {
    const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    const folders = new Set(tracked.filter((file) => file.includes('/') && !file.startsWith('.')).map((file) => file.split('/')[0] + '/'));
    for (const file of tracked.filter((file) => /^examples\/[^/]+\//.test(file))) folders.add(file.split('/').slice(0, 2).join('/') + '/');
    folders.delete('examples/');
    const named = layoutPaths();
    const unnamed = [...folders].filter((folder) => !named.some((entry) => entry === folder || entry.startsWith(folder)));
    expect(unnamed).toEqual([]);
  });
});
