import { describe, expect, it } from 'vitest';
import { graphql } from './client.js';

describe('lookups and lists', () => {
  it('finds an organization by slug, AGS and id alike', async () => {
    const bySlug = await graphql(`{ organization(slug: "stadt-muenster") { id name kind ags slug parent { name } } }`);
    expect(bySlug.data.organization).toMatchObject({ name: 'Stadt Münster', kind: 'KREISFREIE_STADT', ags: '05515000', parent: { name: 'Regierungsbezirk Münster' } });
    const { id } = bySlug.data.organization;

    const byShortAgs = await graphql(`{ organization(ags: "05515") { id } }`);
    expect(byShortAgs.data.organization.id).toBe(id);
    const byId = await graphql(`query($id: ID!) { organization(id: $id) { slug } }`, { id });
    expect(byId.data.organization.slug).toBe('stadt-muenster');
  });

  it('seeds the region: Land, Regierungsbezirk, four Kreise, Münster, 65 municipalities and the Münsterland e.V.', async () => {
    const { data } = await graphql(`{
      kreise: organizations(filter: { kind: [KREIS] }) { totalCount edges { node { slug children { ags } } } }
      municipalities: organizations(filter: { kind: [STADT, GEMEINDE] }) { totalCount }
      land: organization(slug: "land-nordrhein-westfalen") { kind children { slug } }
      verein: organization(slug: "muensterland-e-v") { name kind }
    }`);
    expect(data.kreise.edges.map(({ node }: any) => node.slug)).toEqual(['kreis-borken', 'kreis-coesfeld', 'kreis-steinfurt', 'kreis-warendorf']);
    expect(data.kreise.edges.map(({ node }: any) => node.children.length)).toEqual([17, 11, 24, 13]);
    expect(data.municipalities.totalCount).toBe(65);
    expect(data.land).toEqual({ kind: 'LAND', children: [{ slug: 'regierungsbezirk-muenster' }] });
    expect(data.verein).toEqual({ name: 'Münsterland e.V.', kind: 'VEREIN' });
  });

  it('pages through a connection with cursors, in a stable order', async () => {
    const query = `query($after: String) { organizations(filter: { parentAgs: "05566" }, first: 10, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }`;
    const names: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const { data }: { data?: any } = await graphql(query, { after });
      names.push(...data.organizations.edges.map(({ node }: any) => node.name));
      if (!data.organizations.pageInfo.hasNextPage) break;
      after = data.organizations.pageInfo.endCursor;
    }
    expect(names).toHaveLength(24);
    expect(new Set(names).size).toBe(24);
    expect(names).toEqual([...names].sort());
  });

  it('seeds the nine LEADER regions with their member municipalities as participants', async () => {
    const { data } = await graphql(`{
      projects(filter: { topicKeys: ["leader"] }, first: 20) { totalCount edges { node { slug sourceUrl participants { role organization { ags } } } } }
    }`);
    expect(data.projects.totalCount).toBe(9);
    const members = data.projects.edges.flatMap(({ node }: any) => node.participants.map((participant: any) => participant.organization.ags));
    expect(members).toHaveLength(61);
    for (const outside of ['05515000', '05570004', '05570008', '05570044', '05570048']) expect(members).not.toContain(outside);
    expect(data.projects.edges.every(({ node }: any) => node.sourceUrl?.startsWith('https://'))).toBe(true);
  });

  it('extends Organization with the projects it leads and takes part in', async () => {
    const { data } = await graphql(`{
      borken: organization(slug: "kreis-borken") { projects { slug } participations { role } }
      coesfeld: organization(slug: "kreis-coesfeld") { projects { slug } participations { role project { slug } } }
    }`);
    expect(data.borken.projects).toEqual([{ slug: 'informelle-regionalentwicklung-im-muensterland' }]);
    expect(data.coesfeld.participations).toEqual([{ role: 'PARTNER', project: { slug: 'informelle-regionalentwicklung-im-muensterland' } }]);
  });
});

describe('bad input gets a clear error and never a 500', () => {
  const cases: [string, string, string][] = [
    ['no lookup key', '{ organization { id } }', 'BAD_USER_INPUT'],
    ['two lookup keys', '{ organization(slug: "kreis-borken", ags: "05554") { id } }', 'BAD_USER_INPUT'],
    ['malformed AGS', '{ organization(ags: "05554; drop table organization") { id } }', 'BAD_USER_INPUT'],
    ['oversized page', '{ organizations(first: 100000) { totalCount } }', 'BAD_USER_INPUT'],
    ['negative page', '{ projects(first: -1) { totalCount } }', 'BAD_USER_INPUT'],
    ['forged cursor', '{ organizations(after: "not-a-cursor") { totalCount } }', 'BAD_USER_INPUT'],
    ['unknown field', '{ organization(slug: "x") { secret } }', 'GRAPHQL_VALIDATION_FAILED'],
  ];
  it.each(cases)('%s', async (_name, query, code) => {
    const { status, errors } = await graphql(query);
    expect(status).toBeLessThan(500);
    expect(errors?.[0]?.extensions?.code).toBe(code);
  });

  it('answers null for ids that are not UUIDs and for unknown slugs', async () => {
    const { data, errors } = await graphql(`{ a: organization(id: "1 or 1=1") { id } b: project(slug: "gibt-es-nicht") { id } c: project(id: "x") { id } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ a: null, b: null, c: null });
  });

  it('matches LIKE metacharacters literally in name filters', async () => {
    const { data } = await graphql(`{ a: organizations(filter: { name: "%" }) { totalCount } b: organizations(filter: { name: "_" }) { totalCount } c: organizations(filter: { name: "münster" }) { totalCount } }`);
    expect(data.a.totalCount).toBe(0);
    expect(data.b.totalCount).toBe(0);
    expect(data.c.totalCount).toBeGreaterThanOrEqual(2);
  });
});
