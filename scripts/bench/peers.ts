import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The peer gateways the bench compares ours with are the bench's business, not the users': they
 * are installed on first use into a cache folder with pinned versions (`npm install --prefix`),
 * never into the project's node_modules. The folder name carries a hash of the versions, so a
 * change of pins installs afresh beside the old one.
 *
 * Peers in their best documented configuration:
 * - `hive-gateway-rust-planner`: @graphql-hive/gateway with the Rust query planner of
 *   @graphql-hive/router-runtime (`unifiedGraphHandler`), NODE_ENV=production.
 * - `hive-gateway`: @graphql-hive/gateway with its default (JavaScript stitching) runtime, NODE_ENV=production.
 * - `apollo-gateway-untuned`: @apollo/gateway in a plain ApolloServer with default settings.
 */
export const PEER_PACKAGES: Record<string, string> = {
  '@graphql-hive/gateway': '2.15.1',
  '@graphql-hive/router-runtime': '1.4.23',
  '@apollo/gateway': '2.14.4',
  '@apollo/server': '5.5.1',
  graphql: '16.15.0',
};

export type PeerKind = 'hive-rust' | 'hive' | 'apollo';

/** `BENCH_PEERS_DIR`, else `$XDG_CACHE_HOME/muensterland-graph/bench-peers-<hash>` (~/.cache by default). */
export function peersDir(): string {
  if (process.env.BENCH_PEERS_DIR) return path.resolve(process.env.BENCH_PEERS_DIR);
  const hash = createHash('sha256').update(JSON.stringify(PEER_PACKAGES)).digest('hex').slice(0, 10);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'muensterland-graph', `bench-peers-${hash}`);
}

/** Installs the pinned peers into `dir` unless they are there already; returns the peer script path there. */
export function ensurePeers(dir = peersDir()): string {
  const marker = path.join(dir, '.installed');
  const wanted = JSON.stringify(PEER_PACKAGES);
  if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8') !== wanted) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'bench-peers', private: true, type: 'module', allowScripts: { protobufjs: true, '@apollo/protobufjs': true } }, null, 2)}\n`);
    const specs = Object.entries(PEER_PACKAGES).map(([name, version]) => `${name}@${version}`);
    console.error(`installing the peer gateways into ${dir} (once): ${specs.join(' ')} …`);
    execFileSync('npm', ['install', '--prefix', dir, '--save-exact', '--no-audit', '--no-fund', '--loglevel', 'error', ...specs], { stdio: 'inherit' });
    fs.writeFileSync(marker, wanted);
  }
  // The script runs from the cache folder, so its imports resolve to the peers installed there.
  const script = path.join(dir, 'peer-gateway.mjs');
  fs.copyFileSync(path.join(import.meta.dirname, 'peer-gateway.mjs'), script);
  return script;
}
