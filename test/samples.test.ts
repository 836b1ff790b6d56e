import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphql, tokenFor } from './client.js';

/**
 * Sample records (`isSample`) never move lists, statistics, coverage or exports unless asked for
 * with `includeSamples`. The sample project here claims the LEADER topic for Münster, which no
 * LEADER region covers: were it counted, the LEADER coverage would change.
 */

const IMPORT_PROJECTS = `mutation($input: ImportProjectsInput!) { importProjects(input: $input) { projects { id slug version isSample } } }`;
const TITLE = 'Beispiel: LEADER in Münster (Stichprobe)';
let token: string;
let project: { id: string; slug: string; version: number; isSample: boolean };

beforeAll(async () => {
  token = await tokenFor('stadt-muenster', 'editor');
  const { data, errors } = await graphql(IMPORT_PROJECTS, {
    input: { rows: [{ title: TITLE, summary: 'Beispieldatensatz: erfunden.', topicKeys: ['leader'], municipalityAgs: ['05515000'], isSample: true }] },
  }, { token });
  expect(errors).toBeUndefined();
  [project] = data.importProjects.projects;
});

afterAll(async () => {
  if (project) await graphql(`mutation($input: ArchiveProjectInput!) { archiveProject(input: $input) { project { id } } }`, { input: { id: project.id, version: project.version } }, { token });
});

describe('sample records', () => {
  it('are stored as samples when the import says so', () => {
    expect(project.isSample).toBe(true);
  });

  it('stay out of lists and statistics unless includeSamples is true', async () => {
    const query = `query($filter: ProjectFilter) { projects(filter: $filter, first: 50) { totalCount edges { node { slug } } } projectStatistics(filter: $filter) { totalCount } }`;
    const without = await graphql(query, { filter: { topicKeys: ['leader'] } });
    expect(without.data.projects.edges.map(({ node }: any) => node.slug)).not.toContain(project.slug);
    expect(without.data.projectStatistics.totalCount).toBe(9);
    const withSamples = await graphql(query, { filter: { topicKeys: ['leader'], includeSamples: true } });
    expect(withSamples.data.projects.edges.map(({ node }: any) => node.slug)).toContain(project.slug);
    expect(withSamples.data.projectStatistics.totalCount).toBe(10);
  });

  it('do not move coverage', async () => {
    const { data } = await graphql(`{ topicCoverage(topicKey: "leader") { uncoveredMunicipalities { ags } municipalityShare } }`);
    expect(data.topicCoverage.uncoveredMunicipalities.map(({ ags }: any) => ags)).toContain('05515000');
    expect(data.topicCoverage.municipalityShare).toBeCloseTo(61 / 66, 10);
  });

  it('stay out of exports unless includeSamples=true', async () => {
    const url = `${inject('gatewayUrl')}/export/projects.json?topicKeys=leader`;
    const plain = (await (await fetch(url)).json()) as { slug: string }[];
    expect(plain.map((row) => row.slug)).not.toContain(project.slug);
    const withSamples = (await (await fetch(`${url}&includeSamples=true`)).json()) as { slug: string; isSample: boolean }[];
    expect(withSamples.find((row) => row.slug === project.slug)?.isSample).toBe(true);
  });
});
