import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKreisWebsite } from '../examples/kreis-website/src/app.js';
import { trustedDocumentClient } from '../examples/kreis-website/src/client.js';
import { startGateway, type RunningGateway } from '../gateway/server.js';
// The running system's secrets, for the in-process gateway.
import './client.js';

/** The example partner app (examples/kreis-website) against the running system. */
const ROOT = path.join(import.meta.dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'kreis-website');
const MANIFEST = path.join(ROOT, 'trusted-documents', 'kreis-website.json');
const run = promisify(execFile);

async function serve(gatewayUrl: string) {
  const server = createKreisWebsite({ client: trustedDocumentClient(gatewayUrl, MANIFEST), ags: '05554' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('examples/kreis-website', () => {
  let persistedOnly: RunningGateway;
  beforeAll(async () => {
    // A production-like gateway: anonymous callers may send only trusted documents.
    process.env.PERSISTED_ONLY = 'true';
    persistedOnly = await startGateway({ port: 0, supergraphPath: path.join(ROOT, 'schema', 'supergraph.graphql'), subgraphUrls: inject('subgraphUrls') });
    delete process.env.PERSISTED_ONLY;
  });
  afterAll(() => persistedOnly?.stop());

  it('lists the projects of Kreis Borken with their profile links', async () => {
    const site = await serve(`${inject('gatewayUrl')}/graphql`);
    try {
      const response = await fetch(`${site.url}/`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<h1>Regionale Projekte: Kreis Borken</h1>');
      expect(html).toContain('374.418 Einwohnerinnen und Einwohner (Zensus 2022');
      expect(html).toMatch(/<a href="http:\/\/localhost:4000\/profiles\/informelle-regionalentwicklung-im-muensterland\.pdf">Informelle Regionalentwicklung im Münsterland<\/a>/);
      const count = Number(/<p class="count">(\d+) Projekte<\/p>/.exec(html)?.[1]);
      expect(count).toBeGreaterThan(1);
      expect(html.match(/<li class="project">/g)).toHaveLength(Math.min(count, 10));
    } finally {
      await site.close();
    }
  });

  it('searches in German ("Kooperationen" finds "Kooperation") and marks the matches', async () => {
    const site = await serve(`${inject('gatewayUrl')}/graphql`);
    try {
      const html = await (await fetch(`${site.url}/?q=Kooperationen`)).text();
      expect(html).toContain('1 Projekt für „Kooperationen“');
      expect(html).toContain('<mark>Kooperation</mark>');
      expect(html).toContain('value="Kooperationen"');
      const none = await (await fetch(`${site.url}/?q=${encodeURIComponent('<script>x</script>')}`)).text();
      expect(none).toContain('0 Projekte für „&#60;script&#62;x&#60;/script&#62;“');
      expect(none).not.toContain('<script>');
    } finally {
      await site.close();
    }
  });

  it('sends its operations by documentId only: it works on a gateway with PERSISTED_ONLY=true', async () => {
    const site = await serve(persistedOnly.url);
    try {
      const html = await (await fetch(`${site.url}/?q=Kooperationen`)).text();
      expect(html).toContain('Informelle Regionalentwicklung im Münsterland');
    } finally {
      await site.close();
    }
    // The same operation as text is refused there.
    const operation = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')).operations.find((entry: { name: string }) => entry.name === 'KreisProjects');
    const refused = await fetch(persistedOnly.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `${operation.body} `, variables: { ags: '05554', first: 1 } }) });
    expect(refused.status).toBe(400);
  });

  it('answers 502 with a readable page when the graph does not answer', async () => {
    const site = await serve('http://127.0.0.1:9/graphql');
    try {
      const response = await fetch(`${site.url}/`);
      expect(response.status).toBe(502);
      expect(await response.text()).toContain('nicht erreichbar');
    } finally {
      await site.close();
    }
  });

  it('has its trusted documents registered: trusted-documents/kreis-website.json is what npm run persist writes now', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/persist.ts', 'examples/kreis-website/src/operations'], { cwd: ROOT });
    expect(JSON.parse(stdout)).toEqual(JSON.parse(fs.readFileSync(MANIFEST, 'utf8')));
  });

  it('has its generated types up to date with the running gateway (npm run -s codegen:example)', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kreis-website-codegen-'));
    try {
      await run('npm', ['run', '-s', 'codegen:example'], { cwd: ROOT, env: { ...process.env, GATEWAY_URL: `${inject('gatewayUrl')}/graphql`, CODEGEN_OUT: out } });
      // The operation types (schema.ts, every type of the graph, is generated but not committed).
      for (const file of ['graphql.ts']) {
        expect(fs.readFileSync(path.join(out, file), 'utf8'), file).toBe(fs.readFileSync(path.join(EXAMPLE, 'src', 'generated', file), 'utf8'));
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('runs the tutorial\'s first typed query (npm run first-query) as a partner would', async () => {
    const { stdout } = await run('npm', ['run', '-s', 'first-query'], { cwd: EXAMPLE, env: { ...process.env, GATEWAY_URL: `${inject('gatewayUrl')}/graphql` } });
    expect(stdout).toContain('1 project(s) in Kreis Borken for "Kooperationen":');
    expect(stdout).toContain('- Informelle Regionalentwicklung im Münsterland → http://localhost:4000/profiles/informelle-regionalentwicklung-im-muensterland.pdf');
  }, 60_000);
});
