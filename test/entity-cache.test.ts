import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { graphql, tokenFor } from './client.js';

// The gateway's entity cache (gateway/entity-cache.ts): organizations fetched as `_entities` from
// the organizations subgraph are answered from the cache, and a write through the gateway is
// never followed by a stale read. Reads use new query texts or a token, so the response cache
// (which answers identical anonymous queries) is not what answers them.

const UPDATE_ORGANIZATION = 'mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id version description } } }';
const tokens: Record<string, string> = {};
let steinfurt: { id: string; version: number; description: string | null };

/** `entity_cache_lookups_total` of the organizations subgraph, by result. */
async function lookups(): Promise<{ hit: number; miss: number }> {
  const text = await (await fetch(`${inject('gatewayUrl')}/metrics`)).text();
  const value = (result: string) => Number(new RegExp(`^entity_cache_lookups_total\\{[^}]*subgraph="organizations"[^}]*result="${result}"[^}]*\\}\\s+(\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return { hit: value('hit'), miss: value('miss') };
}

/** Kreis Steinfurt among the participants of its projects, read through a nested query (projects → organizations `_entities`). */
let reads = 0;
async function steinfurtThroughProjects(fields: string, token?: string): Promise<any> {
  reads += 1; // a new alias each time: a new query text, so never a response-cache hit
  const { data, errors } = await graphql(
    `query($organizationId: ID!) { read${reads}: projects(filter: { organizationId: $organizationId }, first: 5) { edges { node { participants { organization { id ${fields} } } } } } }`,
    { organizationId: steinfurt.id },
    { token },
  );
  expect(errors).toBeUndefined();
  const found = data[`read${reads}`].edges.flatMap(({ node }: any) => node.participants.map((participant: any) => participant.organization)).filter((organization: any) => organization.id === steinfurt.id);
  expect(found.length).toBeGreaterThan(0);
  return found[0];
}
const leadDescription = async (token?: string): Promise<string | null> => (await steinfurtThroughProjects('description', token)).description;

beforeAll(async () => {
  tokens.steinfurt = await tokenFor('kreis-steinfurt', 'editor');
  tokens.borken = await tokenFor('kreis-borken', 'viewer');
  const { data } = await graphql('{ organization(slug: "kreis-steinfurt") { id version description } }');
  steinfurt = data.organization;
});

describe('entity cache', () => {
  it('answers repeated _entities fetches of organizations from the cache and counts hits in /metrics', async () => {
    await leadDescription();
    const before = await lookups();
    await leadDescription();
    const after = await lookups();
    expect(after.hit).toBeGreaterThan(before.hit);
    expect(after.miss).toBe(before.miss);
    const metrics = await (await fetch(`${inject('gatewayUrl')}/metrics`)).text();
    expect(metrics).toMatch(/^entity_cache_hit_ratio\{[^}]*subgraph="organizations"[^}]*\} (0\.\d+|1)$/m);
    expect(metrics).toMatch(/^entity_cache_entries(\{[^}]*\})? [1-9]\d*$/m);
  });

  it('never reads stale after updateOrganization: the nested query shows the new description at once', async () => {
    await leadDescription();
    await leadDescription(tokens.borken); // cached for a signed-in caller too
    const { data: current } = await graphql('{ organization(slug: "kreis-steinfurt") { version } }');
    const description = `Kreis im Norden des Münsterlandes (geändert ${Date.now()})`;
    try {
      const updated = await graphql(UPDATE_ORGANIZATION, { input: { id: steinfurt.id, version: current.organization.version, description } }, { token: tokens.steinfurt });
      expect(updated.errors).toBeUndefined();
      expect(updated.data.updateOrganization.organization.description).toBe(description);
      const before = await lookups();
      expect(await leadDescription()).toBe(description);
      expect(await leadDescription(tokens.borken)).toBe(description);
      // The write emptied the organizations' entries: the first read after it went to the subgraph.
      expect((await lookups()).miss).toBeGreaterThan(before.miss);
    } finally {
      const { data: latest } = await graphql('{ organization(slug: "kreis-steinfurt") { version } }');
      const restored = await graphql(UPDATE_ORGANIZATION, { input: { id: steinfurt.id, version: latest.organization.version, description: steinfurt.description } }, { token: tokens.steinfurt });
      expect(restored.errors).toBeUndefined();
    }
    expect(await leadDescription()).toBe(steinfurt.description);
  });

  it('keeps signed-in partners and anonymous callers apart (personal data of contact persons)', async () => {
    const created = await graphql(
      'mutation($input: CreateContactPersonInput!) { createContactPerson(input: $input) { contactPerson { id version } } }',
      { input: { organizationId: steinfurt.id, name: 'Eva Cachetest', email: 'eva.cachetest@example.org' } },
      { token: tokens.steinfurt },
    );
    expect(created.errors).toBeUndefined();
    const person = created.data.createContactPerson.contactPerson;
    try {
      const eva = (organization: any) => organization.people.find((entry: any) => entry.name === 'Eva Cachetest');
      expect(eva(await steinfurtThroughProjects('people { name email }'))).toEqual({ name: 'Eva Cachetest', email: null });
      expect(eva(await steinfurtThroughProjects('people { name email }', tokens.borken))).toEqual({ name: 'Eva Cachetest', email: 'eva.cachetest@example.org' });
      // Anonymous again after the partner: still without personal data.
      expect(eva(await steinfurtThroughProjects('people { name email }'))).toEqual({ name: 'Eva Cachetest', email: null });
    } finally {
      const removed = await graphql('mutation($input: RemoveContactPersonInput!) { removeContactPerson(input: $input) { __typename } }', { input: { id: person.id, version: person.version } }, { token: tokens.steinfurt });
      expect(removed.errors).toBeUndefined();
    }
    // The removal went through the gateway: the person is gone from the next read.
    expect((await steinfurtThroughProjects('people { name }')).people.map((entry: any) => entry.name)).not.toContain('Eva Cachetest');
  });
});
