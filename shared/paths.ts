import fs from 'node:fs';
import path from 'node:path';

/**
 * The repository root (the folder with package.json), found from this file: the same answer when
 * running the TypeScript sources (tsx, vitest) and the compiled services in dist/.
 */
function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRoot(import.meta.dirname);
