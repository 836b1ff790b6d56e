import { serviceLogger } from '../shared/logger.js';
import { querySubgraph } from '../shared/peers.js';

const log = serviceLogger('gateway');
const NEWEST_CHANGE = '{ changes(last: 1) { edges { cursor } } }';

/**
 * Writes that do not pass this gateway (through a second gateway instance, an import, a partner's
 * own tooling) still record change events in the subgraphs' databases. This watcher reads the
 * newest cursor of the merged change feed every `intervalMs` and calls `onChange` when it moved,
 * so the caches of every gateway instance drop what a write elsewhere made stale within about one
 * interval instead of their TTLs. Writes through this gateway empty its caches at once anyway.
 */
export function watchChanges({ organizationsUrl, intervalMs, onChange }: { organizationsUrl: string; intervalMs: number; onChange: () => void }): { stop(): void } {
  if (intervalMs <= 0) return { stop() {} };
  let newest: string | null | undefined; // undefined: not read yet
  let running = false;
  const poll = async () => {
    if (running) return;
    running = true;
    try {
      const data = await querySubgraph<{ changes: { edges: { cursor: string }[] } }>(organizationsUrl, NEWEST_CHANGE, {}, Math.max(1000, intervalMs * 2));
      const cursor = data.changes.edges[0]?.cursor ?? null;
      if (newest !== undefined && cursor !== newest) onChange();
      newest = cursor;
    } catch (error) {
      // The feed is down (a subgraph restarts): keep the caches' own TTLs and try again.
      log.debug({ err: { message: error instanceof Error ? error.message : String(error) } }, 'change watch: feed did not answer');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void poll(), intervalMs);
  timer.unref();
  void poll();
  return { stop: () => clearInterval(timer) };
}
