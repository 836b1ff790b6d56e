import { describe, expect, it } from 'vitest';
import { graphql, subgraphUrl } from './client.js';

const STATISTICS = `query($filter: ProjectFilter) {
  projectStatistics(filter: $filter) {
    totalCount
    byTopic { topic { key } count }
    byStatus { status count }
    byDistrict { district { ags name } count }
    fundingBySource { source amountEur }
  }
}`;

describe('projectStatistics', () => {
  it('answers the acceptance query: counts by topic, status and Kreis, funding by source', async () => {
    const { data, errors } = await graphql(`{
      projectStatistics { byTopic { topic { key } count } byStatus { status count } byDistrict { district { ags name } count } fundingBySource { source amountEur } }
    }`);
    expect(errors).toBeUndefined();
    const statistics = data.projectStatistics;
    expect(statistics.byTopic).toContainEqual({ topic: { key: 'leader' }, count: 9 });
    expect(statistics.byTopic).toContainEqual({ topic: { key: 'regionalentwicklung' }, count: 10 });
    expect(statistics.byStatus).toEqual([{ status: 'ACTIVE', count: 10 }]);
    // Kreis Borken: the cooperation and the four LEADER regions with Borken municipalities.
    expect(statistics.byDistrict).toContainEqual({ district: { ags: '05554', name: 'Kreis Borken' }, count: 5 });
    // Münster (05515) is a kreisfreie Stadt: its district is the city itself.
    expect(statistics.byDistrict).toContainEqual({ district: { ags: '05515000', name: 'Stadt Münster' }, count: 1 });
    expect(statistics.byDistrict.map(({ count }: any) => count)).toEqual([...statistics.byDistrict.map(({ count }: any) => count)].sort((a, b) => b - a));
    // Published LEADER amounts: 599,919 + 488,705 + 2,700,000 + 3,100,000 + 3,100,000.
    expect(statistics.fundingBySource).toContainEqual({ source: 'EU', amountEur: 9_988_624 });
    expect(statistics.fundingBySource).toContainEqual({ source: 'LAND_NRW', amountEur: null });
  });

  it('takes the filter of `projects` and agrees with it', async () => {
    for (const filter of [{ topicKeys: ['leader'] }, { text: 'Kooperation' }, { ags: '05570' }, { activeOn: '2022-01-01' }]) {
      const { data } = await graphql(`query($filter: ProjectFilter) { projects(filter: $filter, first: 1) { totalCount } projectStatistics(filter: $filter) { totalCount byStatus { count } } }`, { filter });
      expect(data.projectStatistics.totalCount).toBe(data.projects.totalCount);
      expect(data.projectStatistics.byStatus.reduce((sum: number, { count }: any) => sum + count, 0)).toBe(data.projects.totalCount);
    }
    const { data } = await graphql(STATISTICS, { filter: { topicKeys: ['leader'] } });
    expect(data.projectStatistics.totalCount).toBe(9);
    expect(data.projectStatistics.byDistrict.map(({ district }: any) => district.ags)).not.toContain('05515000');
    const { data: none } = await graphql(STATISTICS, { filter: { status: ['COMPLETED'] } });
    expect(none.projectStatistics).toEqual({ totalCount: 0, byTopic: [], byStatus: [], byDistrict: [], fundingBySource: [] });
  });

  it('rejects bad filters with BAD_USER_INPUT', async () => {
    for (const [filter, field] of [[{ ags: '0555' }, 'filter.ags'], [{ organizationId: 'nope' }, 'filter.organizationId'], [{ text: 'x'.repeat(600) }, 'filter.text']] as const) {
      const { status, errors } = await graphql(STATISTICS, { filter });
      expect(status).toBeLessThan(500);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

describe('knowledgeStatistics', () => {
  it('counts resources by kind and topic', async () => {
    // The sample resource ("Beispiel: Wissenstransfer im Arbeitskreis") counts only when asked for.
    const { data: plain } = await graphql(`{ knowledgeStatistics { totalCount byKind { kind count } } }`);
    expect(plain.knowledgeStatistics).toEqual({ totalCount: 1, byKind: [{ kind: 'DECLARATION', count: 1 }] });
    const { data, errors } = await graphql(`{ knowledgeStatistics(filter: { includeSamples: true }) { totalCount byKind { kind count } byTopic { topic { key name } count } } }`);
    expect(errors).toBeUndefined();
    expect(data.knowledgeStatistics.totalCount).toBe(2);
    expect(data.knowledgeStatistics.byKind).toEqual(expect.arrayContaining([{ kind: 'DECLARATION', count: 1 }, { kind: 'LESSON_LEARNED', count: 1 }]));
    expect(data.knowledgeStatistics.byTopic[0]).toEqual({ topic: { key: 'interkommunale-zusammenarbeit', name: 'Interkommunale Zusammenarbeit' }, count: 2 });
    const { data: filtered } = await graphql(`{ knowledgeStatistics(filter: { kind: [DECLARATION] }) { totalCount byKind { kind count } } }`);
    expect(filtered.knowledgeStatistics).toEqual({ totalCount: 1, byKind: [{ kind: 'DECLARATION', count: 1 }] });
  });
});

describe('Organization by AGS (second federation key)', () => {
  it('resolves { ags } representations in one batch: Kreis, municipality, 5-digit Münster, unknown and malformed', async () => {
    const { data, errors } = await graphql(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organization { name ags } } }`,
      { representations: ['05554', '05558008', '05515', '09999', 'x; drop'].map((ags) => ({ __typename: 'Organization', ags })) },
      { url: subgraphUrl('organizations') },
    );
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([
      { name: 'Kreis Borken', ags: '05554' },
      { name: 'Billerbeck', ags: '05558008' },
      { name: 'Stadt Münster', ags: '05515000' },
      null,
      null,
    ]);
  });
});

describe('projectStatistics for analysts', () => {
  it('ranks organizations by involvement (byOrganization): led and joined, most first', async () => {
    const { data, errors } = await graphql(`{ projectStatistics { totalCount byOrganization(first: 500) { organization { name } projectsLed projectsJoined projects } } }`);
    expect(errors).toBeUndefined();
    const rows = data.projectStatistics.byOrganization;
    expect(rows[0]).toEqual({ organization: { name: 'Kreis Borken' }, projectsLed: 1, projectsJoined: 0, projects: 1 });
    expect(rows).toContainEqual({ organization: { name: 'Kreis Coesfeld' }, projectsLed: 0, projectsJoined: 1, projects: 1 });
    // Warendorf's Ortsteile are in 9plus and the town in no other region: one LEADER region; Billerbeck is in Baumberge.
    expect(rows).toContainEqual({ organization: { name: 'Billerbeck' }, projectsLed: 0, projectsJoined: 1, projects: 1 });
    const involvement = rows.map((row: any) => [row.projects, row.projectsLed]);
    expect(involvement).toEqual([...involvement].sort((a, b) => b[0] - a[0] || b[1] - a[1]));
    const { errors: tooMany } = await graphql(`{ projectStatistics { byOrganization(first: 0) { projects } } }`);
    expect(tooMany?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('gives per-Kreis figures: inhabitants per km² and projects per 100,000 inhabitants, with the reference date of the population', async () => {
    const { data, errors } = await graphql(`{ projectStatistics { byDistrict { ags count inhabitantsPerKm2 projectsPer100000Inhabitants populationReferenceDate populationSource } } }`);
    expect(errors).toBeUndefined();
    const borken = data.projectStatistics.byDistrict.find((row: any) => row.ags === '05554');
    // Zensus 2022: 374,418 inhabitants; 1,420.98 km²; 5 projects.
    expect(borken).toMatchObject({ count: 5, inhabitantsPerKm2: 263.5, projectsPer100000Inhabitants: 1.34, populationReferenceDate: '2022-05-15' });
    expect(borken.populationSource).toContain('Zensus 2022');
  });

  it('says in the schema what fundingBySource and byDistrict count', async () => {
    const { data } = await graphql(`{ __type(name: "ProjectStatistics") { fields { name description } } }`);
    const description = (name: string) => data.__type.fields.find((field: any) => field.name === name).description as string;
    expect(description('byDistrict')).toContain('may add up to more than `totalCount`');
    expect(description('fundingBySource')).toContain('`amountEur` is null when no entry of a source has a published amount');
    const { data: funding } = await graphql(`{ projectStatistics { fundingBySource { source amountEur count withoutAmount } } }`);
    expect(funding.projectStatistics.fundingBySource).toContainEqual({ source: 'LAND_NRW', amountEur: null, count: 1, withoutAmount: 1 });
  });
});
