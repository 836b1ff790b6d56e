import fs from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bearerToken, GATEWAY_SECRET_HEADER, PARTNER_ORGANIZATION_HEADER, verifyPartnerToken } from '../shared/auth.js';
import { querySubgraph } from '../shared/peers.js';
import { ensurePeers, peersDir } from '../scripts/bench/peers.js';
import { graphql, tokenFor } from './client.js';

/**
 * The README says the checked-in supergraph runs on other Federation 2 routers. Apollo Router's
 * binary cannot be installed here; Hive Gateway (an npm package) serves the same
 * `schema/supergraph.graphql` with the header rules the README gives for a router: forward the
 * caller's `authorization`, add the gateway secret to every subgraph request, and for a signed-in
 * caller the partner's organization id (`x-partner-organization-id`), which the router looks up
 * by the token's verified `org` slug (a Router coprocessor's job; here a few lines).
 * Hive Gateway is not a dependency of the project: it comes from the bench's peer cache
 * (`scripts/bench/peers.ts`, pinned versions, installed on first use).
 */
const ROOT = path.join(import.meta.dirname, '..');
const FIRST_QUERY = `{
  project(slug: "informelle-regionalentwicklung-im-muensterland") {
    title cooperatingSince
    lead { name kind ags population { value referenceDate source } areaKm2 }
    participants { role organization { name kind } }
    resources { title kind }
  }
  organizations(filter: { parentAgs: "05554" }, first: 50) { totalCount edges { node { name ags } } }
}`;
const RENAME = `mutation Rename($id: ID!, $version: Int!, $title: String!) {
  updateProject(input: { id: $id, version: $version, title: $title }) { project { version title updatedBy } }
}`;
const TITLE = 'Informelle Regionalentwicklung im Münsterland';

describe('the supergraph on Hive Gateway (another Federation 2 router)', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    const dir = peersDir();
    ensurePeers(dir);
    const entry = createRequire(path.join(dir, 'package.json')).resolve('@graphql-hive/gateway');
    // Typed as far as this test uses it: the package's own types live in the cache folder.
    const { createGatewayRuntime } = (await import(pathToFileURL(entry).href)) as { createGatewayRuntime: (options: Record<string, unknown>) => http.RequestListener };
    const urls = inject('subgraphUrls');
    const supergraph = fs
      .readFileSync(path.join(ROOT, 'schema', 'supergraph.graphql'), 'utf8')
      .replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (match, name: string) => (urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : match));
    const gateway = createGatewayRuntime({
      supergraph,
      transportEntries: { '*.http': { headers: [[GATEWAY_SECRET_HEADER, inject('gatewaySecret')]] } },
      propagateHeaders: {
        fromClientToSubgraphs: async ({ request }: { request: Request }) => {
          const authorization = request.headers.get('authorization');
          const token = bearerToken(authorization ?? undefined);
          if (!token) return {};
          const { org } = await verifyPartnerToken(token);
          const { organization } = await querySubgraph<{ organization: { id: string } | null }>(urls.organizations, 'query($slug: String!) { organization(slug: $slug) { id } }', { slug: org });
          return { authorization, [PARTNER_ORGANIZATION_HEADER]: organization?.id };
        },
      },
      logging: false,
    });
    server = http.createServer(gateway);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }, 600_000); // the first run installs the peers
  afterAll(() => new Promise((resolve) => server?.close(resolve)));

  it('answers the README\'s first query exactly as our gateway does', async () => {
    const ours = await graphql(FIRST_QUERY);
    const hive = await graphql(FIRST_QUERY, {}, { url, gatewaySecret: false });
    expect(hive.errors).toBeUndefined();
    expect(hive.data.organizations.totalCount).toBe(17);
    expect(hive.data).toEqual(ours.data);
  });

  it('forwards the partner token: a write succeeds signed in and is refused without it', async () => {
    // Read through Hive Gateway too: our gateway's response cache may hold an older version.
    const { data } = await graphql('{ project(slug: "informelle-regionalentwicklung-im-muensterland") { id version } }', {}, { url, gatewaySecret: false });
    const anonymous = await graphql(RENAME, { ...data.project, title: `${TITLE} (Hive)` }, { url, gatewaySecret: false });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // A real change (an update that changes nothing keeps its version), then the title back.
    const token = await tokenFor('kreis-borken', 'editor');
    const signedIn = await graphql(RENAME, { ...data.project, title: `${TITLE} (Hive)` }, { url, gatewaySecret: false, token });
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data.updateProject.project).toEqual({ version: data.project.version + 1, title: `${TITLE} (Hive)`, updatedBy: 'kreis-borken' });
    const back = await graphql(RENAME, { id: data.project.id, version: data.project.version + 1, title: TITLE }, { url, gatewaySecret: false, token });
    expect(back.data.updateProject.project).toEqual({ version: data.project.version + 2, title: TITLE, updatedBy: 'kreis-borken' });
  });
});
