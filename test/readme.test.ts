import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, inject, it } from 'vitest';
import { graphql, tokenFor } from './client.js';

/**
 * The READMEs are executable: every GraphQL example in README.md and the folder READMEs runs
 * exactly as written, with the variables shown after it (the next ```json block), and the claims
 * the text makes about its answer are checked. The one exception, said in the README: a write
 * names "the version you read", so the mutation runs with the current version of its record.
 */
const ROOT = path.join(import.meta.dirname, '..');
const READMES = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*README.md'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file && !file.includes('templates/') && fs.existsSync(path.join(ROOT, file)));
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface Example {
  file: string;
  line: number;
  query: string;
  variables: Record<string, unknown>;
}

/** The fenced blocks of a markdown file: GraphQL examples with the ```json block that follows. */
function examplesOf(file: string): Example[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const blocks = [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    lang: match[1],
    body: match[2],
    line: text.slice(0, match.index).split('\n').length,
  }));
  return blocks.flatMap((block, index) => {
    if (block.lang !== 'graphql') return [];
    const next = blocks[index + 1];
    const variables = next?.lang === 'json' ? JSON.parse(next.body) : {};
    return [{ file, line: block.line, query: block.body, variables }];
  });
}

const EXAMPLES = READMES.flatMap(examplesOf);
const rootFields = (query: string) =>
  parse(query).definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION ? definition.selectionSet.selections.map((selection) => (selection.kind === Kind.FIELD ? selection.name.value : '')) : [],
  );
const isMutation = (query: string) => parse(query).definitions.some((definition) => (definition as OperationDefinitionNode).operation === 'mutation');

/** What the text around each example says about its answer, keyed by the example's root fields. */
const CLAIMS: Record<string, (data: any, example: Example) => void | Promise<void>> = {
  'project,organizations': (data) => {
    // README: lead Kreis Borken (AGS 05554, 374,418 inhabitants per Zensus 2022), the five other
    // partners, the Münsterland-Erklärung, the 17 municipalities of Kreis Borken.
    expect(readme).toContain('374,418 inhabitants per Zensus');
    expect(data.project.lead).toMatchObject({ name: 'Kreis Borken', kind: 'KREIS', ags: '05554', population: { value: 374418 } });
    expect(data.project.lead.population.source).toContain('Zensus 2022');
    expect(data.project.participants).toHaveLength(5);
    expect(data.project.resources.map((resource: any) => resource.title)).toContain('Münsterland-Erklärung');
    expect(readme).toContain('the 17 municipalities of\nKreis Borken');
    expect(data.organizations.totalCount).toBe(17);
  },
  'topics,project': (data) => {
    expect(data.topics.length).toBeGreaterThan(0);
    expect(data.topics.some((topic: any) => topic.experiencedOrganizations.length > 0)).toBe(true);
    expect(data.project.profileUrl).toMatch(/\/profiles\/leader-region-baumberge\.pdf$/);
    expect(data.project.recommendedResources.length).toBeGreaterThan(0);
    expect(data.project.recommendedResources.length).toBeLessThanOrEqual(3);
  },
  'projects,knowledgeResources': async (data, example) => {
    // README: "Kooperationen" finds "Kooperation", "Muenster" finds "Münster"; matches in <mark>.
    expect(data.projects.totalCount).toBeGreaterThan(0);
    expect(data.projects.edges[0].snippet).toContain('<mark>Kooperation</mark>');
    const muenster = await graphql(example.query, { ...example.variables, text: 'Muenster' });
    expect(muenster.data.projects.edges[0].snippet).toContain('<mark>Münster</mark>');
  },
  'projectStatistics,knowledgeStatistics,topicCoverage,similarProjects,projects': (data) => {
    // README: uncovered "Münster, Ahlen, Beckum, Telgte, Wadersloh"; coverage of the 66 municipalities.
    expect(data.topicCoverage.uncoveredMunicipalities.map((municipality: any) => municipality.name)).toEqual(['Stadt Münster', 'Ahlen', 'Beckum', 'Telgte', 'Wadersloh']);
    expect(readme).toContain('# Münster, Ahlen, Beckum, Telgte, Wadersloh');
    const municipalities = data.topicCoverage.districts.reduce((sum: number, district: any) => sum + district.municipalities, 0);
    expect(municipalities).toBe(66); // the Kreise's 65 municipalities and the Stadt Münster
    expect(readme).toContain('coverage of the 66 municipalities');
    expect(data.similarProjects.length).toBeGreaterThan(0);
    expect(data.projectStatistics.totalCount).toBeGreaterThan(0);
  },
  updateProject: (data) => {
    expect(data.updateProject.project).toMatchObject({ title: 'Informelle Regionalentwicklung im Münsterland', updatedBy: 'kreis-borken' });
  },
  'organization,projects': (data) => {
    // examples/kreis-website/README.md: the search finds the cooperation, with the match marked.
    expect(data.projects.totalCount).toBe(1);
    expect(data.projects.edges[0].snippet).toContain('<mark>Kooperation</mark>');
  },
  'project,changes': async (_data, example) => {
    // README: history shows a rename with old and new title; the feed's events carry a cursor.
    const token = await tokenFor('kreis-borken', 'editor');
    const RENAME = 'mutation($id: ID!, $version: Int!, $title: String!) { updateProject(input: { id: $id, version: $version, title: $title }) { project { version title } } }';
    const before = await graphql('{ project(slug: "informelle-regionalentwicklung-im-muensterland") { id version title } }');
    const { id, version, title } = before.data.project;
    const renamed = await graphql(RENAME, { id, version, title: `${title} (README)` }, { token });
    expect(renamed.errors).toBeUndefined();
    await graphql(RENAME, { id, version: renamed.data.updateProject.project.version, title }, { token });
    const { data, errors } = await graphql(example.query, example.variables);
    expect(errors).toBeUndefined();
    expect(data.project.history.edges.slice(0, 2).map(({ node }: any) => node.changedFields.find((change: any) => change.field === 'title'))).toEqual([
      { field: 'title', oldValue: `${title} (README)`, newValue: title },
      { field: 'title', oldValue: title, newValue: `${title} (README)` },
    ]);
    expect(data.project.history.edges[0].node.changedBy).toEqual({ organization: { slug: 'kreis-borken' }, role: 'editor' });
    expect(data.changes.edges.length).toBeGreaterThan(0);
    for (const edge of data.changes.edges) expect(edge).toMatchObject({ cursor: expect.any(String), node: { recordType: 'PROJECT' } });
  },
  projects: (data) => {
    expect(data.projects.totalCount).toBe(1);
    expect(data.projects.edges[0].node.title).toBe('Informelle Regionalentwicklung im Münsterland');
    expect(data.projects.edges[0].snippet).toContain('<mark>Kooperation</mark>');
  },
};

describe('readme examples', () => {
  it('finds the examples of README.md and of the folder READMEs', () => {
    expect(READMES).toEqual(expect.arrayContaining(['README.md', 'examples/kreis-website/README.md']));
    expect(EXAMPLES.filter((example) => example.file === 'README.md').length).toBeGreaterThanOrEqual(5);
  });

  it.each(EXAMPLES.map((example) => ({ ...example, name: `${example.file}:${example.line}` })))('$name runs as written and says what the text claims', async (example) => {
    const fields = rootFields(example.query).join(',');
    const claim = CLAIMS[fields];
    expect(claim, `no claims registered for the example with root fields ${fields}`).toBeDefined();
    let variables = example.variables;
    let token: string | undefined;
    if (isMutation(example.query)) {
      token = await tokenFor('kreis-borken', 'editor');
      const current = await graphql('query($id: ID!) { project(id: $id) { version } }', { id: variables.id });
      variables = { ...variables, version: current.data.project.version };
    }
    const { status, data, errors } = await graphql(example.query, variables, { token });
    expect(errors, JSON.stringify(errors)).toBeUndefined();
    expect(status).toBe(200);
    await claim!(data, example);
  });

  describe('error codes', () => {
    const table = readme.slice(readme.indexOf('## Error codes'), readme.indexOf('\n## ', readme.indexOf('## Error codes') + 5));
    const documented = new Set(
      table
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Z_]+)`/g)].map((match) => match[1])),
    );
    const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'gateway/*.ts', 'shared/*.ts', 'subgraphs/*.ts'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((file) => file && fs.existsSync(path.join(ROOT, file)) && !file.includes('/migrations/'))
      .map((file) => fs.readFileSync(path.join(ROOT, file), 'utf8'))
      .join('\n');

    // Environment variables (`BODY_LIMIT`, `LIMIT_DEPTH` …) are settings, not codes.
    const variables = new Set([...sources.matchAll(/env\w*\('([A-Z][A-Z0-9_]+)'/g), ...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)`.*\|$/gm)].map((match) => match[1]).filter((name) => !documented.has(name)));

    it('has one table of error codes in the README', () => {
      expect(readme.match(/^## Error codes$/gm)).toHaveLength(1);
      expect(documented.size).toBeGreaterThan(20);
    });

    it('names only codes the code sends (its own literals or Apollo Server\'s codes)', () => {
      const apollo = new Set<string>(Object.values(ApolloServerErrorCode));
      const unknown = [...documented].filter((code) => !apollo.has(code) && !sources.includes(`'${code}'`));
      expect(unknown).toEqual([]);
    });

    it('names every code the code sends', () => {
      const patterns = [/code: '([A-Z][A-Z_]+)'/g, /code = '([A-Z][A-Z_]+)'/g, /Error\(\s*'([A-Z][A-Z_]+)'/g, /'([A-Z][A-Z_]+_LIMIT)'/g, /\? \['([A-Z][A-Z_]+)', '/g, /refuse\(res, '([A-Z][A-Z_]+)'/g];
      // Node-style errno codes (`EWEBHOOKPRIVATE`) stay inside a service; clients never see them.
      const errno = /^E[A-Z]+$/;
      const sent = new Set(patterns.flatMap((pattern) => [...sources.matchAll(pattern)].map((match) => match[1])).filter((name) => !variables.has(name) && !errno.test(name)));
      expect(sent.size).toBeGreaterThan(15);
      expect([...sent].filter((code) => !documented.has(code)).sort()).toEqual([]);
    });

    it('names in its text only codes of the table (no `LIMIT_DEPTH` for `QUERY_DEPTH_LIMIT`)', () => {
      const limitCodes = [...readme.matchAll(/`([A-Z_]+_LIMIT)`/g)].map((match) => match[1]);
      expect(limitCodes.length).toBeGreaterThan(5);
      expect(limitCodes.filter((code) => !documented.has(code) && !variables.has(code))).toEqual([]);
      // The depth limit's code as the server sends it, not its variable.
      expect(readme).toMatch(/`QUERY_DEPTH_LIMIT` \(`LIMIT_DEPTH`/);
    });

    it('matches what the server answers for common mistakes', async () => {
      const cases: [string, () => Promise<{ errors?: { extensions?: Record<string, any> }[] }>][] = [
        ['GRAPHQL_PARSE_FAILED', () => graphql('{ topics { key }')],
        ['GRAPHQL_VALIDATION_FAILED', () => graphql('{ topics { nope } }')],
        ['QUERY_DEPTH_LIMIT', () => graphql(`{ organization(slug: "kreis-borken") { ${'parent { '.repeat(12)} name ${'} '.repeat(12)} } }`)],
        ['UNAUTHENTICATED', () => graphql('mutation { updateProject(input: { id: "d7db4a27-3e0a-5fb2-9f5b-9a0c62182248", version: 1, title: "x" }) { project { id } } }')],
        ['PERSISTED_QUERY_NOT_FOUND', async () => (await fetch(`${inject('gatewayUrl')}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ documentId: `sha256:${'0'.repeat(64)}` }) })).json() as any],
      ];
      for (const [code, request] of cases) {
        const { errors } = await request();
        expect(errors?.[0]?.extensions?.code, code).toBe(code);
        expect(documented.has(code), code).toBe(true);
      }
    });
  });
});
