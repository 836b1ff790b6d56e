import { describe, expect, it } from 'vitest';
import { graphql } from './client.js';

const COOPERATION = 'informelle-regionalentwicklung-im-muensterland';

const SEARCH = `query($filter: ProjectFilter, $orderBy: ProjectOrder, $first: Int, $after: String) {
  projects(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor rank snippet node { slug title } }
  }
}`;

async function projects(filter: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const { data, errors } = await graphql(SEARCH, { filter, first: 50, ...extra });
  expect(errors).toBeUndefined();
  return data.projects as { totalCount: number; edges: { rank: number | null; snippet: string | null; node: { slug: string; title: string } }[] };
}

const slugs = (connection: { edges: { node: { slug: string } }[] }) => connection.edges.map(({ node }) => node.slug);

/** Walks every page of a list; fails on gaps or repeats. */
async function allPages(query: string, variables: Record<string, unknown>, field: string): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const { data, errors }: any = await graphql(query, { ...variables, after });
    expect(errors).toBeUndefined();
    const connection = data[field];
    seen.push(...connection.edges.map(({ node }: any) => node.slug));
    if (!connection.pageInfo.hasNextPage) {
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(connection.totalCount);
      return seen;
    }
    after = connection.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

describe('German full-text search over projects', () => {
  it('finds the cooperation for "Kooperationen" (inflected form), with rank and a highlighted snippet', async () => {
    const result = await projects({ text: 'Kooperationen' }, { first: 20 });
    expect(slugs(result)).toContain(COOPERATION);
    const edge = result.edges.find(({ node }) => node.slug === COOPERATION)!;
    expect(edge.rank).toBeGreaterThan(0);
    expect(edge.snippet).toContain('<mark>Kooperation</mark>');
  });

  it('treats "Münster" and "Muenster" alike, and marks the umlaut spelling in the snippet', async () => {
    const umlaut = await projects({ text: 'Münsterland-Erklärung' });
    const spelled = await projects({ text: 'Muensterland-Erklaerung' });
    expect(slugs(spelled)).toEqual(slugs(umlaut));
    expect(slugs(umlaut)).toContain(COOPERATION);
    expect(spelled.edges[0].snippet).toMatch(/<mark>[^<]*Erklärung<\/mark>/);
    expect(slugs(await projects({ text: 'Muenster' }))).toEqual(slugs(await projects({ text: 'Münster' })));
  });

  it('ranks title matches first and leaves rank and snippet null without a text filter', async () => {
    const result = await projects({ text: 'LEADER Baumberge' });
    expect(result.edges[0].node.slug).toBe('leader-region-baumberge');
    const plain = await projects({});
    expect(plain.edges.every((edge) => edge.rank === null && edge.snippet === null)).toBe(true);
  });

  it('escapes HTML in snippets: only <mark> is markup', async () => {
    const result = await projects({ text: 'Kooperation' });
    const markup = result.edges.flatMap((edge) => edge.snippet?.match(/<[^>]*>/g) ?? []);
    expect(new Set(markup)).toEqual(new Set(['<mark>', '</mark>']));
  });
});

describe('project filters', () => {
  it('by Kreis (5-digit AGS) matches the projects of its municipalities; by municipality (8 digits) only those covering it', async () => {
    const borken = await projects({ ags: '05554' });
    expect(slugs(borken)).toContain(COOPERATION);
    expect(slugs(borken)).toContain('leader-region-bocholter-aa');
    expect(slugs(borken)).not.toContain('leader-region-baumberge');
    expect(slugs(await projects({ ags: '05515' }))).toEqual([COOPERATION]); // Münster: in no LEADER region
    expect(slugs(await projects({ ags: '05570004' }))).toEqual([COOPERATION]); // Ahlen
    expect(slugs(await projects({ ags: '05558008' }))).toEqual(expect.arrayContaining([COOPERATION, 'leader-region-baumberge'])); // Billerbeck
  });

  it('by organization (lead or participant), status, topics and the day a project runs', async () => {
    const { data } = await graphql(`{ borken: organization(slug: "kreis-borken") { id } coesfeld: organization(slug: "stadt-coesfeld") { id } }`);
    expect(slugs(await projects({ organizationId: data.borken.id }))).toEqual([COOPERATION]);
    expect(slugs(await projects({ organizationId: data.coesfeld.id }))).toEqual(['leader-region-baumberge']);
    expect((await projects({ status: ['COMPLETED'] })).totalCount).toBe(0);
    expect((await projects({ status: ['ACTIVE'], topicKeys: ['leader'] })).totalCount).toBe(9);
    // LEADER regions run 2023-01-01..2028-12-31; the cooperation has no end date.
    expect(slugs(await projects({ activeOn: '2022-06-01' }))).toEqual([COOPERATION]);
    expect((await projects({ activeOn: '2025-06-01' })).totalCount).toBe(10);
    expect((await projects({ activeOn: '2028-12-31', topicKeys: ['leader'] })).totalCount).toBe(9);
    expect(slugs(await projects({ activeOn: '2029-01-01' }))).toEqual([COOPERATION]);
  });

  it('harvests by modifiedSince and createdSince', async () => {
    expect((await projects({ modifiedSince: '2000-01-01T00:00:00Z' })).totalCount).toBe(10);
    expect((await projects({ modifiedSince: '2999-01-01T00:00:00Z' })).totalCount).toBe(0);
    expect((await projects({ createdSince: '2999-01-01T00:00:00Z' })).totalCount).toBe(0);
  });
});

describe('pagination across pages, without gaps or repeats', () => {
  it.each(['TITLE', 'UPDATED_AT', 'CREATED_AT'])('projects in %s order', async (orderBy) => {
    const paged = await allPages(SEARCH, { orderBy, first: 3 }, 'projects');
    const { data } = await graphql(SEARCH, { orderBy, first: 50 });
    expect(paged).toEqual(slugs(data.projects));
    // The database's collation: code point order.
    const titles = data.projects.edges.map(({ node }: any) => node.title);
    if (orderBy === 'TITLE') expect(titles).toEqual([...titles].sort());
  });

  it('projects in RELEVANCE order (offset cursors)', async () => {
    const paged = await allPages(SEARCH, { filter: { text: 'Region' }, first: 2 }, 'projects');
    expect(paged.length).toBeGreaterThanOrEqual(9);
    const { data } = await graphql(SEARCH, { filter: { text: 'Region' }, first: 50 });
    expect(paged).toEqual(slugs(data.projects));
  });

  it('knowledge resources in every order', async () => {
    const query = `query($filter: KnowledgeResourceFilter, $orderBy: KnowledgeResourceOrder, $after: String) {
      knowledgeResources(filter: $filter, orderBy: $orderBy, first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { slug } } } }`;
    for (const orderBy of ['CREATED_AT', 'UPDATED_AT', 'TITLE']) expect(await allPages(query, { orderBy }, 'knowledgeResources')).toHaveLength(2);
    expect(await allPages(query, { filter: { text: 'Kreise' } }, 'knowledgeResources')).toHaveLength(2);
  });

  it('rejects forged cursors, cursors of another order and RELEVANCE without text', async () => {
    const { data } = await graphql(SEARCH, { first: 1 });
    const titleCursor = data.projects.pageInfo.endCursor;
    const forged = Buffer.from(JSON.stringify({ o: 'TITLE', key: ["x') or 1=1 --", 'not-a-uuid'] })).toString('base64url');
    for (const [variables, field] of [
      [{ after: titleCursor, orderBy: 'UPDATED_AT' }, 'after'],
      [{ after: 'bm90IGEgY3Vyc29y' }, 'after'],
      [{ after: forged }, 'after'],
      [{ after: 'x'.repeat(5000) }, 'after'],
      [{ orderBy: 'RELEVANCE' }, 'orderBy'],
    ] as const) {
      const { status, errors } = await graphql(SEARCH, { first: 5, ...variables });
      expect(status).toBeLessThan(500);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

describe('knowledge resource filters and search', () => {
  const RESOURCES = `query($filter: KnowledgeResourceFilter) { knowledgeResources(filter: $filter, first: 50) { totalCount edges { rank snippet node { slug } } } }`;
  const resources = async (filter: Record<string, unknown>) => {
    const { data, errors } = await graphql(RESOURCES, { filter });
    expect(errors).toBeUndefined();
    return data.knowledgeResources.edges.map(({ node }: any) => node.slug);
  };

  it('finds the Münsterland-Erklärung by inflected and folded words, with a snippet', async () => {
    expect(await resources({ text: 'Erklärungen' })).toEqual(['muensterland-erklaerung']);
    expect(await resources({ text: 'Muensterland-Erklaerung' })).toEqual(['muensterland-erklaerung']);
    const { data } = await graphql(RESOURCES, { filter: { text: 'Regionalentwicklungen' } });
    expect(data.knowledgeResources.edges[0].snippet).toContain('<mark>Regionalentwicklung</mark>');
  });

  it('filters by kind, topics, project, author, language and modifiedSince', async () => {
    const { data } = await graphql(`{ project(slug: "${COOPERATION}") { id } organization(slug: "muensterland-e-v") { id } }`);
    expect(await resources({ kind: ['DECLARATION'] })).toEqual(['muensterland-erklaerung']);
    expect(await resources({ topicKeys: ['wissenstransfer'] })).toEqual(['beispiel-wissenstransfer-im-arbeitskreis']);
    expect(await resources({ topicKey: 'regionalentwicklung' })).toEqual(['muensterland-erklaerung']);
    expect((await resources({ projectId: data.project.id })).sort()).toEqual(['beispiel-wissenstransfer-im-arbeitskreis', 'muensterland-erklaerung']);
    expect(await resources({ authorOrganizationId: data.organization.id })).toEqual(['beispiel-wissenstransfer-im-arbeitskreis']);
    expect(await resources({ language: 'en' })).toEqual([]);
    expect(await resources({ modifiedSince: '2999-01-01T00:00:00Z' })).toEqual([]);
  });
});

describe('hostile search text gives data or BAD_USER_INPUT, never a 5xx', () => {
  const hostile: [string, string][] = [
    ['double quotes', '"Kooperation'],
    ['single quotes', "'; drop table project; --"],
    ['tsquery operators', '&|!():* <-> !!! ((( )))'],
    ['percent', '%'],
    ['underscore', '_'],
    ['backslashes', '\\\\ \\" \\'],
    ['emoji', '🤝 Kooperation 🌍'],
    ['NUL byte', 'Koope\u0000ration'],
    ['control characters', '\u0001\u0007\u001b[31m'],
    ['lone surrogate', 'Koop\ud800eration'],
    ['only stop words', 'und der die das'],
    ['websearch syntax', '"Informelle Regionalentwicklung" or -LEADER'],
    ['10 kB', 'Kooperation '.repeat(900)],
    ['just over the limit', 'k'.repeat(501)],
  ];
  const QUERY = `query($text: String) {
    projects(filter: { text: $text }, first: 5) { totalCount edges { snippet node { slug } } }
    knowledgeResources(filter: { text: $text }, first: 5) { totalCount edges { snippet node { slug } } }
    projectStatistics(filter: { text: $text }) { totalCount }
    knowledgeStatistics(filter: { text: $text }) { totalCount }
  }`;

  it.each(hostile)('%s', async (_name, text) => {
    const { status, data, errors } = await graphql(QUERY, { text });
    expect(status).toBeLessThan(500);
    if (text.length > 500) {
      expect(errors?.length).toBeGreaterThan(0);
      for (const error of errors!) expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.text' });
    } else {
      expect(errors).toBeUndefined();
      expect(Number.isInteger(data.projects.totalCount) && Number.isInteger(data.knowledgeResources.totalCount)).toBe(true);
    }
  });

  it('finds through hostile wrapping what the words say', async () => {
    for (const text of ['"Kooperation', 'Kooperation)))', '-- Kooperation', '(Kooperation*)']) {
      const { data } = await graphql(QUERY, { text });
      expect(data.projects.edges.map(({ node }: any) => node.slug)).toContain(COOPERATION);
    }
  });

  it('checks keys, languages and slugs instead of sending odd bytes to SQL', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['query($v: [String!]) { projects(filter: { topicKeys: $v }) { totalCount } }', { v: ['leader\u0000'] }, 'filter.topicKeys'],
      ['query($v: [String!]) { knowledgeResources(filter: { topicKeys: $v }) { totalCount } }', { v: ["x' or 1=1"] }, 'filter.topicKeys'],
      ['query($v: String) { knowledgeResources(filter: { topicKey: $v }) { totalCount } }', { v: '\u0000' }, 'filter.topicKey'],
      ['query($v: String) { knowledgeResources(filter: { language: $v }) { totalCount } }', { v: 'de\u0000' }, 'filter.language'],
      ['query($v: String) { projects(filter: { ags: $v }) { totalCount } }', { v: '05554%' }, 'filter.ags'],
    ];
    for (const [query, variables, field] of cases) {
      const { status, errors } = await graphql(query, variables);
      expect(status).toBeLessThan(500);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const { data, errors } = await graphql(`query($v: String!) { project(slug: $v) { id } knowledgeResource(slug: $v) { id } topic(key: $v) { key } topicCoverage(topicKey: $v) { topicKey } }`, { v: 'a\u0000b' });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ project: null, knowledgeResource: null, topic: null, topicCoverage: null });
  });
});
