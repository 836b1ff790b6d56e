import pg from 'pg';
import type { ScenarioName } from './args.js';
import type { Variant } from './load.js';
import { createRandom, type Random } from './synthetic-data.js';
import { body, NESTED_N, NESTED_QUERY } from './workloads.js';

/**
 * Varied traffic drawn from the scale data: what real clients send, rather than one query from
 * every client (which a response cache or fetch de-duplication answers without work).
 *
 * - nested pages: `projects` of an organization, an AGS (municipality or Kreis) or a topic, at
 *   any page (cursor), with lead, participants, topics and resources resolved across subgraphs;
 * - lookups of single projects by id and by slug;
 * - German searches of a word from the titles, alone or within a Kreis;
 * - the mix: nested pages, lookups, searches and `updateProject` writes by a partner.
 *
 * Expected answers come from the databases (lookups: id, slug and title by SQL) or from the
 * projects subgraph asked directly, without any gateway (nested pages: the ids of each page).
 */

export const PAGE = 20;

export const VARIED_NESTED_QUERY =
  'query BenchNestedPage($filter: ProjectFilter, $after: String) { projects(first: 20, after: $after, filter: $filter) { totalCount edges { node { id title lead { name kind parent { name } } participants { role organization { name kind } } topics { key name } resources { title author { name } } } } } }';
export const LOOKUP_QUERY =
  'query BenchLookup($id: ID, $slug: String) { project(id: $id, slug: $slug) { id slug title status lead { name kind ags population { value referenceDate } } participants { role organization { name } } topics { key name } } }';
export const VARIED_SEARCH_QUERY =
  'query BenchSearchWord($filter: ProjectFilter) { projects(filter: $filter, first: 20) { totalCount edges { node { id title lead { name } } } } }';
export const WRITE_MUTATION = 'mutation BenchWrite($input: UpdateProjectInput!) { updateProject(input: $input) { project { id version } } }';
/** Writer of the mix: an editor of Kreis Borken, which leads several hundred synthetic projects. */
export const WRITER_SLUG = 'kreis-borken';

/** The projects subgraph's own answer for one filter: every page start (cursor) and the ids of the page. */
const PAGES_QUERY = 'query BenchPages($filter: ProjectFilter) { projects(first: 500, filter: $filter) { totalCount edges { cursor node { id } } } }';

interface Page {
  filter: Record<string, unknown>;
  after: string | null;
  ids: string[];
  totalCount: number;
}

export interface VariedData {
  pages: Page[];
  projects: { id: string; slug: string; title: string }[];
  words: string[];
  kreise: string[];
  writable: { id: string; version: number; summary: string }[];
  counts: Record<string, number>;
}

/**
 * Reads the pools from the scale databases and the page boundaries from the projects subgraph.
 * `sampleFilters` bounds how many organizations and municipalities are paged (setup time).
 */
export async function loadVariedData(options: {
  databaseUrls: Record<string, string>;
  projectsUrl: string;
  subgraphHeaders: Record<string, string>;
  writerOrganizationId: string;
  seed: number;
  sampleFilters?: number;
}): Promise<VariedData> {
  const random = createRandom(options.seed);
  const rows = async <T>(database: string, sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: options.databaseUrls[database] });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const projects = await rows<{ id: string; slug: string; title: string }>('projects', 'select id, slug, title from project where archived_at is null order by id');
  const organizations = (await rows<{ id: string }>('projects', 'select lead_organization_id as id from project where archived_at is null union select organization_id from project_participation')).map((row) => row.id);
  const ags = (await rows<{ ags: string }>('projects', 'select distinct unnest(municipality_ags) as ags from project where archived_at is null')).map((row) => row.ags);
  const kreise = [...new Set(ags.filter((value) => value.length === 8).map((value) => value.slice(0, 5)))];
  const topics = (await rows<{ key: string }>('projects', 'select key from topic order by key')).map((row) => row.key);
  // Words of the titles as searched: long enough to mean something, letters only (Latin-1 letters
  // too: "Hofcafé" is one word, not "Hofcaf").
  const words = (await rows<{ word: string }>('projects', "select distinct word from project, regexp_split_to_table(title, '[^A-Za-zÀ-ÖØ-öø-ÿ]+') as word where length(word) >= 6 and archived_at is null order by word")).map((row) => row.word);
  const writable = await rows<{ id: string; version: number; summary: string | null }>('projects', 'select id, version, summary from project where lead_organization_id = $1 and archived_at is null order by id limit 200', [options.writerOrganizationId]);

  const sample = options.sampleFilters ?? 60;
  const filters: Record<string, unknown>[] = [
    ...random.sample(organizations, sample).map((organizationId) => ({ organizationId })),
    ...random.sample(ags.filter((value) => value.length === 8), Math.ceil(sample / 2)).map((value) => ({ ags: value })),
    ...kreise.map((value) => ({ ags: value })),
    ...topics.map((key) => ({ topicKeys: [key] })),
  ].map((filter) => ({ ...filter, includeSamples: true })); // the scale data is marked as samples
  const pages: Page[] = [];
  let position = 0;
  const worker = async () => {
    while (position < filters.length) {
      const filter = filters[position++];
      const response = await fetch(options.projectsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.subgraphHeaders },
        body: body(PAGES_QUERY, { filter }),
        signal: AbortSignal.timeout(60_000),
      });
      const answer = (await response.json()) as any;
      const connection = answer?.data?.projects;
      if (!connection) throw new Error(`paging ${JSON.stringify(filter)} on the projects subgraph: ${JSON.stringify(answer).slice(0, 300)}`);
      const edges = connection.edges as { cursor: string; node: { id: string } }[];
      for (let start = 0; start < edges.length; start += PAGE) {
        pages.push({ filter, after: start === 0 ? null : edges[start - 1].cursor, ids: edges.slice(start, start + PAGE).map((edge) => edge.node.id), totalCount: connection.totalCount });
      }
    }
  };
  await Promise.all(Array.from({ length: 3 }, worker));
  if (!pages.length || !projects.length || !words.length) throw new Error('the scale data has no projects: run `npm run seed:scale` first');
  if (!writable.length) throw new Error(`no project led by ${WRITER_SLUG} in the scale data`);
  return {
    pages,
    projects,
    words,
    kreise,
    writable: writable.map((row) => ({ id: row.id, version: row.version, summary: (row.summary ?? '').replace(/ \(Stand \d+\)$/, '') })),
    counts: { nestedPages: pages.length, pagedFilters: filters.length, projects: projects.length, searchWords: words.length, kreise: kreise.length, topics: topics.length, writableProjects: writable.length },
  };
}

/** Draws the requests of one scenario; `auth` gives the headers of the writer's requests. */
export function scenarioSource(scenario: ScenarioName, data: VariedData, options: { seed: number; writerHeaders: Record<string, string> }): () => Variant {
  const random = createRandom(options.seed);
  const nested = nestedPage(data, random);
  const lookup = projectLookup(data, random);
  const search = wordSearch(data, random);
  switch (scenario) {
    case 'varied-nested':
      return nested;
    case 'varied-lookup':
      return lookup;
    case 'varied-search':
      return search;
    case 'hot-query': {
      const hot: Variant = { body: body(NESTED_QUERY, { n: NESTED_N }), check: (answer) => (answer?.projects?.edges?.length === NESTED_N && answer.projects.edges[0].node.lead?.name ? null : `expected ${NESTED_N} projects with their lead`) };
      return () => hot;
    }
    case 'varied-mix': {
      const write = writer(data, random, options.writerHeaders);
      // 4 : 2.5 : 2.5 : 1 of nested pages, lookups, searches and writes.
      return () => {
        const draw = random.next();
        return draw < 0.4 ? nested() : draw < 0.65 ? lookup() : draw < 0.9 ? search() : write();
      };
    }
  }
}

function nestedPage(data: VariedData, random: Random): () => Variant {
  return () => {
    const page = random.pick(data.pages);
    return {
      body: body(VARIED_NESTED_QUERY, { filter: page.filter, after: page.after }),
      check: (answer) => {
        const edges = answer?.projects?.edges;
        if (!Array.isArray(edges)) return 'no edges';
        const ids = edges.map((edge: any) => edge.node.id);
        if (ids.join() !== page.ids.join()) return `page of ${JSON.stringify(page.filter)}: ids differ from the projects subgraph's`;
        if (answer.projects.totalCount !== page.totalCount) return `totalCount ${answer.projects.totalCount}, expected ${page.totalCount}`;
        // Some projects have no lead (the LEADER regions); a lead there must come with its name from the organizations subgraph.
        if (edges.some((edge: any) => edge.node.lead && !edge.node.lead.name)) return 'a lead not resolved through federation';
        return null;
      },
    };
  };
}

function projectLookup(data: VariedData, random: Random): () => Variant {
  return () => {
    const project = random.pick(data.projects);
    const bySlug = random.chance(0.5);
    return {
      body: body(LOOKUP_QUERY, bySlug ? { slug: project.slug } : { id: project.id }),
      check: (answer) => {
        const found = answer?.project;
        if (found?.id !== project.id || found.slug !== project.slug) return `lookup by ${bySlug ? 'slug' : 'id'}: expected project ${project.id}`;
        // Titles of the writer's projects are not changed by the mix (it writes summaries).
        if (found.title !== project.title) return `title "${found.title}", expected "${project.title}"`;
        if (found.lead && !found.lead.name) return 'lead not resolved through federation';
        return null;
      },
    };
  };
}

function wordSearch(data: VariedData, random: Random): () => Variant {
  return () => {
    const text = random.pick(data.words);
    const filter = random.chance(0.5) ? { text, ags: random.pick(data.kreise), includeSamples: true } : { text, includeSamples: true };
    return {
      body: body(VARIED_SEARCH_QUERY, { filter }),
      check: (answer) => {
        const connection = answer?.projects;
        if (typeof connection?.totalCount !== 'number' || !Array.isArray(connection.edges)) return 'no connection';
        if (connection.edges.length !== Math.min(PAGE, connection.totalCount)) return `${connection.edges.length} edges for totalCount ${connection.totalCount}`;
        if (!filter.ags && connection.totalCount === 0) return `no project found for "${text}", a word of a title`;
        return null;
      },
    };
  };
}

/**
 * `updateProject` of the writer's projects, naming the version last seen; a CONFLICT (another
 * client wrote first) takes the current version from the error.
 */
function writer(data: VariedData, random: Random, headers: Record<string, string>): () => Variant {
  let written = 0;
  return () => {
    const project = random.pick(data.writable);
    written += 1;
    return {
      headers,
      body: body(WRITE_MUTATION, { input: { id: project.id, version: project.version, summary: `${project.summary} (Stand ${written})` } }),
      onAnswer: (answer) => {
        const version = answer?.data?.updateProject?.project?.version ?? answer?.errors?.[0]?.extensions?.currentVersion;
        if (typeof version === 'number' && version > project.version) project.version = version;
      },
      check: (answer) => (typeof answer?.updateProject?.project?.version === 'number' ? null : 'write without a version'),
    };
  };
}
