import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { graphql, tokenFor } from './client.js';

/**
 * Two gateway instances in front of the same subgraphs: a write through one must not leave the
 * other serving a stale cached answer for its cache TTL. The second instance watches the change
 * feed (`CHANGE_WATCH_MS`); a third with the watcher off shows what it prevents.
 */
const READ = '{ project(slug: "leader-region-baumberge") { id version summary } }';
const UPDATE = 'mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { version summary } } }';

async function start(changeWatchMs: string): Promise<RunningGateway> {
  const before = process.env.CHANGE_WATCH_MS;
  process.env.CHANGE_WATCH_MS = changeWatchMs;
  try {
    return await startGateway({ port: 0, supergraphPath: path.join(import.meta.dirname, '..', 'schema', 'supergraph.graphql'), subgraphUrls: inject('subgraphUrls') });
  } finally {
    if (before === undefined) delete process.env.CHANGE_WATCH_MS;
    else process.env.CHANGE_WATCH_MS = before;
  }
}

async function read(gateway: RunningGateway): Promise<{ cache: string | null; summary: string }> {
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: READ }) });
  const body = (await response.json()) as { data: { project: { summary: string } } };
  return { cache: response.headers.get('x-cache'), summary: body.data.project.summary };
}

describe('several gateway instances', () => {
  let watching: RunningGateway;
  let blind: RunningGateway;
  beforeAll(async () => {
    watching = await start('200');
    blind = await start('0');
  });
  afterAll(async () => {
    await watching?.stop();
    await blind?.stop();
  });

  it('a write through one instance reaches the caches of another within the watch interval', async () => {
    const { data } = await graphql(READ);
    const original = data.project;
    // Both instances hold the current answer in their response caches.
    for (const gateway of [watching, blind]) {
      await read(gateway);
      expect(await read(gateway)).toEqual({ cache: 'hit', summary: original.summary });
    }
    await new Promise((resolve) => setTimeout(resolve, 400)); // the watcher has read the feed's newest cursor

    const token = await tokenFor('muensterland-e-v', 'admin');
    const summary = `Geändert über eine andere Gateway-Instanz ${Date.now()}`;
    const update = await graphql(UPDATE, { input: { id: original.id, version: original.version, summary } }, { token });
    expect(update.errors).toBeUndefined();

    const written = Date.now();
    await expect.poll(async () => (await read(watching)).summary, { timeout: 3000, interval: 100 }).toBe(summary);
    const seenAfterMs = Date.now() - written;
    // Without the watcher the other instance still answers from its cache (until its TTL of 5 s).
    expect(await read(blind)).toEqual({ cache: 'hit', summary: original.summary });
    expect(seenAfterMs).toBeLessThan(3000);

    await graphql(UPDATE, { input: { id: original.id, version: update.data.updateProject.project.version, summary: original.summary } }, { token });
  });
});
