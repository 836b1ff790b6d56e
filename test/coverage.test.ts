import { describe, expect, it } from 'vitest';
import { graphql } from './client.js';

const COVERAGE = `query($key: String!) {
  topicCoverage(topicKey: $key) {
    topic { key name }
    coveredMunicipalities { name ags }
    uncoveredMunicipalities { name ags }
    municipalityShare populationShare populationReferenceDate coveredPopulation
    coveredDistricts { name }
    districts { district { name ags } municipalities coveredMunicipalities municipalityShare }
  }
}`;

describe('topic coverage ("Flächendeckung")', () => {
  it('lists topics, among them one for the LEADER regions', async () => {
    const { data } = await graphql(`{ topics { key name } }`);
    expect(data.topics).toContainEqual({ key: 'leader', name: 'LEADER-Regionen' });
  });

  it('names Münster, Ahlen, Beckum, Telgte and Wadersloh as the municipalities in no LEADER region', async () => {
    const { data, errors } = await graphql(COVERAGE, { key: 'leader' });
    expect(errors).toBeUndefined();
    const coverage = data.topicCoverage;
    expect(coverage.topic.key).toBe('leader');
    expect(coverage.uncoveredMunicipalities).toEqual([
      { name: 'Stadt Münster', ags: '05515000' },
      { name: 'Ahlen', ags: '05570004' },
      { name: 'Beckum', ags: '05570008' },
      { name: 'Telgte', ags: '05570044' },
      { name: 'Wadersloh', ags: '05570048' },
    ]);
    expect(coverage.coveredMunicipalities).toHaveLength(61);
    expect(coverage.municipalityShare).toBeCloseTo(61 / 66, 10);
    expect(coverage.populationReferenceDate).toBe('2022-05-15');
    expect(coverage.populationShare).toBeGreaterThan(0.7);
    expect(coverage.populationShare).toBeLessThan(0.75);
    expect(coverage.coveredDistricts.map(({ name }: any) => name)).toEqual(['Kreis Borken', 'Kreis Coesfeld', 'Kreis Steinfurt', 'Kreis Warendorf']);
    expect(coverage.districts).toContainEqual({ district: { name: 'Stadt Münster', ags: '05515000' }, municipalities: 1, coveredMunicipalities: 0, municipalityShare: 0 });
    expect(coverage.districts).toContainEqual({ district: { name: 'Kreis Warendorf', ags: '05570' }, municipalities: 13, coveredMunicipalities: 9, municipalityShare: 9 / 13 });
  });

  it('computes the population share from the organizations subgraph\'s figures (federation, no copy)', async () => {
    const { data } = await graphql(`{
      topicCoverage(topicKey: "leader") { coveredPopulation populationShare }
      organizations(filter: { kind: [KREISFREIE_STADT, STADT, GEMEINDE] }, first: 100) { edges { node { ags population { value } } } }
    }`);
    const uncovered = new Set(['05515000', '05570004', '05570008', '05570044', '05570048']);
    const nodes = data.organizations.edges.map(({ node }: any) => node);
    const total = nodes.reduce((sum: number, node: any) => sum + node.population.value, 0);
    const covered = nodes.filter((node: any) => !uncovered.has(node.ags)).reduce((sum: number, node: any) => sum + node.population.value, 0);
    expect(data.topicCoverage.coveredPopulation).toBe(covered);
    expect(data.topicCoverage.populationShare).toBeCloseTo(covered / total, 10);
  });

  it('covers the whole region for the cooperation\'s topics, and refuses an unknown topic with BAD_USER_INPUT', async () => {
    const { data } = await graphql(COVERAGE, { key: 'regionalentwicklung' });
    expect(data.topicCoverage.uncoveredMunicipalities).toEqual([]);
    expect(data.topicCoverage.municipalityShare).toBe(1);
    expect(data.topicCoverage.populationShare).toBe(1);
    const { errors } = await graphql(COVERAGE, { key: 'gibt-es-nicht' });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'topicKey' });
    expect(errors?.[0]?.message).toContain('`topics` query');
  });
});

describe('experiencedOrganizations', () => {
  const PAGE = `query($after: String) { topic(key: "regionalentwicklung") {
    experiencedOrganizations { organization { id } projects projectsLed }
    experiencedOrganizationsConnection(first: 4, after: $after) { totalCount edges { cursor node { organization { id name } projects projectsLed } } pageInfo { hasNextPage endCursor } }
  } }`;

  it('orders by involvement and pages through the same list as a connection', async () => {
    const first = await graphql(PAGE);
    expect(first.errors).toBeUndefined();
    const list = first.data.topic.experiencedOrganizations;
    const connection = first.data.topic.experiencedOrganizationsConnection;
    expect(connection.totalCount).toBe(list.length);
    expect(list.length).toBeGreaterThan(8);
    // Kreis Borken leads the cooperation: most involved, as the only lead.
    expect(connection.edges[0].node).toMatchObject({ organization: { name: 'Kreis Borken' }, projectsLed: 1 });
    const involvement = list.map((row: any) => [row.projects, row.projectsLed]);
    expect(involvement).toEqual([...involvement].sort((a, b) => b[0] - a[0] || b[1] - a[1]));

    const ids: string[] = connection.edges.map((edge: any) => edge.node.organization.id);
    let page = connection;
    while (page.pageInfo.hasNextPage) {
      const next = await graphql(PAGE, { after: page.pageInfo.endCursor });
      page = next.data.topic.experiencedOrganizationsConnection;
      ids.push(...page.edges.map((edge: any) => edge.node.organization.id));
    }
    expect(ids).toEqual(list.map((row: any) => row.organization.id));

    const bad = await graphql(PAGE, { after: 'kaputt' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
