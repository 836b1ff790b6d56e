import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../shared/embedded-postgres.js';
import { SUBGRAPH_SERVICES } from '../../shared/services.js';

/**
 * The scale data lives in its own databases (`organizations_scale` …) of the same embedded
 * PostgreSQL as `npm start`, so the default data is never touched by seeding or benchmarking.
 */

export const DEFAULT_SUFFIX = '_scale';

export function scaleDatabaseNames(suffix = DEFAULT_SUFFIX): Record<string, string> {
  if (!/^_[a-z0-9_]{1,20}$/.test(suffix)) throw new Error(`--suffix must look like "_scale" (lowercase letters, digits, "_"), got "${suffix}"`);
  return Object.fromEntries(SUBGRAPH_SERVICES.map(({ name }) => [name, `${name}${suffix}`]));
}

/**
 * The embedded PostgreSQL of `dataDir` (default: the one `npm start` uses), started when it is
 * not running. DATA_DIR is set for this process and its children, so the generated secrets
 * (gateway secret, token key) of that folder are the ones every service reads.
 */
export async function scalePostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  if (dataDir) process.env.DATA_DIR = path.resolve(dataDir);
  return startEmbeddedPostgres();
}
