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
    const { data, errors } = await graphql(`{ knowledgeStatistics { totalCount byKind { kind count } byTopic { topic { key name } count } } }`);
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
