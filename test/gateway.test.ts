import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startGateway } from '../gateway/server.js';
import { graphql } from './client.js';

describe('gateway', () => {
  it('answers /health and /ready while every subgraph answers', async () => {
    const base = inject('gatewayUrl');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', missing: [] });
  });

  it('starts with a subgraph down, names it in /ready and serves the rest', async () => {
    const urls = inject('subgraphUrls');
    const gateway = await startGateway({
      port: 0,
      supergraphPath: path.join(import.meta.dirname, '..', 'schema', 'supergraph.graphql'),
      subgraphUrls: { ...urls, organizations: 'http://127.0.0.1:9/graphql' },
    });
    try {
      const base = gateway.url.replace(/\/graphql$/, '');
      expect((await fetch(`${base}/health`)).status).toBe(200);
      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { missing: string[] }).missing).toEqual(['organizations']);

      const { data, errors } = await graphql(
        `{ project(slug: "informelle-regionalentwicklung-im-muensterland") { title lead { name } } }`,
        {},
        { url: gateway.url },
      );
      // Partial data: the project's own fields arrive, the lead from the dead subgraph is null with an error.
      expect(data.project).toEqual({ title: 'Informelle Regionalentwicklung im Münsterland', lead: null });
      expect(errors?.length).toBeGreaterThan(0);
    } finally {
      await gateway.stop();
    }
  });
});
