import fs from 'node:fs';
import path from 'node:path';
import { envPrefix } from '../shared/config.js';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/** The composed supergraph file; the gateway fails fast with a clear message when it is missing. */
export function readSupergraph(file: string): string {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved)) {
    throw new Error(`Supergraph file ${resolved} not found: run \`npm run compose\` or set SUPERGRAPH_PATH`);
  }
  return fs.readFileSync(resolved, 'utf8');
}

/**
 * The subgraphs named in the supergraph (`@join__graph(name:, url:)`), each URL overridable by
 * `<NAME>_URL` so the same file runs wherever the subgraphs are deployed.
 */
export function subgraphEndpoints(supergraphSdl: string, overrides: Record<string, string> = {}): SubgraphEndpoint[] {
  const endpoints: SubgraphEndpoint[] = [];
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g)) {
    const [, name, url] = match;
    endpoints.push({ name, url: overrides[name] ?? process.env[`${envPrefix(name)}_URL`] ?? url });
  }
  return endpoints;
}
