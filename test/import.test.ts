import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PARTNER_ORGANIZATION_HEADER } from '../shared/auth.js';
import { graphql, subgraphUrl, tokenFor } from './client.js';
import { fingerprint } from './database.js';

/**
 * `npm run import` against the running system, with the samples in data/samples/. Imported
 * records carry the topic `wirtschaftsfoerderung`, which no other test counts, and are archived
 * at the end, so other files' lists stay as seeded.
 */

const ROOT = path.join(import.meta.dirname, '..');
const SAMPLES = path.join(ROOT, 'data', 'samples');
const AS = 'kreis-steinfurt';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the import script as a user would, against the test system's gateway and data folder. */
function runImport(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/import.ts', ...args, '--gateway', inject('gatewayUrl')],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: inject('dataDir') }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const sample = (name: string) => path.join(SAMPLES, name);
const database = (name: string) => fingerprint(inject('databaseUrls')[name]);
/** `line 2: <slug>` lines of a successful import. */
const importedSlugs = (stdout: string) => [...stdout.matchAll(/^ {2}line (\d+): (\S+)$/gm)].map(([, line, slug]) => ({ line: Number(line), slug }));

const IMPORT_PROJECTS = `mutation($input: ImportProjectsInput!) { importProjects(input: $input) { dryRun rowCount projects { id slug } } }`;
const created = { projects: [] as string[], resources: [] as string[] };
const tokens: Record<string, string> = {};
let steinfurtId: string;

beforeAll(async () => {
  tokens.editor = await tokenFor(AS, 'editor');
  tokens.viewer = await tokenFor(AS, 'viewer');
  tokens.admin = await tokenFor('muensterland-e-v', 'admin');
  steinfurtId = (await graphql(`{ organization(slug: "${AS}") { id } }`)).data.organization.id;
});

afterAll(async () => {
  for (const slug of created.projects) {
    const { data } = await graphql(`query($slug: String!) { project(slug: $slug) { id version archivedAt } }`, { slug });
    if (data.project && !data.project.archivedAt) {
      await graphql(`mutation($input: ArchiveProjectInput!) { archiveProject(input: $input) { project { id } } }`, { input: { id: data.project.id, version: data.project.version } }, { token: tokens.admin });
    }
  }
  for (const slug of created.resources) {
    const { data } = await graphql(`query($slug: String!) { knowledgeResource(slug: $slug) { id version archivedAt } }`, { slug });
    if (data.knowledgeResource && !data.knowledgeResource.archivedAt) {
      await graphql(
        `mutation($input: ArchiveKnowledgeResourceInput!) { archiveKnowledgeResource(input: $input) { knowledgeResource { id } } }`,
        { input: { id: data.knowledgeResource.id, version: data.knowledgeResource.version } },
        { token: tokens.admin },
      );
    }
  }
});

describe('npm run import: files with bad rows', () => {
  it('names every bad project row with its line and field, exits non-zero and writes nothing', async () => {
    const before = await database('projects');
    const run = await runImport(sample('projects-import-with-errors.csv'), '--type', 'projects', '--as', AS);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('projects-import-with-errors.csv: 6 of 7 rows are invalid; nothing was written.');
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('  line '));
    expect(lines).toEqual([
      '  line 3, title: must not be empty',
      '  line 4, topicKeys: Unknown topic key(s): gibt-es-nicht (see the `topics` query)',
      '  line 5, status: must be one of PLANNED, ACTIVE, COMPLETED',
      '  line 6, endDate: lies before the start date',
      '  line 7, cooperatingSince: must be a whole number, e.g. 2018',
      // The row spans lines 8 and 9 (a line break inside quotes): its first line counts.
      '  line 8, contact.email: must be an e-mail address like name@example.de',
    ]);
    expect(run.stdout).toBe('');
    expect(await database('projects')).toEqual(before);
  });

  it('names every bad resource row of a JSON file, ownership included, and writes nothing', async () => {
    const before = await database('knowledge');
    const run = await runImport(sample('resources-import-with-errors.json'), '--type', 'resources', '--as', AS);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('resources-import-with-errors.json: 4 of 5 rows are invalid; nothing was written.');
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('  line '));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('  line 8, kind: must be one of DOCUMENT, DECLARATION, BEST_PRACTICE, LESSON_LEARNED, STUDY, MEETING_RECORD');
    // The same ownership rule as createKnowledgeResource: only members relate resources to a project.
    expect(lines[1]).toMatch(/^ {2}line 12, projectIds: Only organizations that lead or take part in "LEADER-Region Bocholter Aa" may relate their resources to it; kreis-steinfurt does not/);
    expect(lines[2]).toBe('  line 18, language: must be a BCP 47 language tag such as "de" or "en-GB"');
    expect(lines[3]).toMatch(/^ {2}line 25, autor: unknown field; the fields are title, kind, summary/);
    expect(await database('knowledge')).toEqual(before);
  });

  it('refuses an unknown --as organization, a wrong header and a file that is not UTF-8', async () => {
    const before = await database('projects');
    const unknown = await runImport(sample('projects-import.csv'), '--type', 'projects', '--as', 'stadt-nirgendwo');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no organization with the slug "stadt-nirgendwo"');

    const wrongType = await runImport(sample('resources-import.json'), '--type', 'projects', '--as', AS);
    expect(wrongType.code).toBe(1);
    expect(wrongType.stderr).toMatch(/line 2, kind: unknown field/);

    const missing = await runImport(sample('projects-import.csv'), '--type', 'people', '--as', AS);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--type must be projects or resources');

    // "Beispiel: Straße" saved as Windows-1252, as older Excel versions do.
    const latin1 = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-')), 'latin1.csv');
    fs.writeFileSync(latin1, Buffer.from('title,summary\nBeispiel: Stra\xdfe,Beispieldatensatz\n', 'latin1'));
    const encoding = await runImport(latin1, '--type', 'projects', '--as', AS);
    expect(encoding.code).toBe(1);
    expect(encoding.stderr).toContain('is not UTF-8: save it as "CSV UTF-8"');
    expect(await database('projects')).toEqual(before);
  });
});

describe('npm run import: good files', () => {
  it('writes every row of the CSV sample, led and created by the --as organization', async () => {
    const before = await graphql(`{ projects(filter: { topicKeys: ["wirtschaftsfoerderung"] }) { totalCount } }`);
    const run = await runImport(sample('projects-import.csv'), '--type', 'projects', '--as', AS);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Imported 3 projects of kreis-steinfurt from');
    const imported = importedSlugs(run.stdout);
    created.projects.push(...imported.map(({ slug }) => slug));
    expect(imported.map(({ line }) => line)).toEqual([2, 3, 5]);

    const after = await graphql(`{ projects(filter: { topicKeys: ["wirtschaftsfoerderung"] }) { totalCount } }`);
    expect(after.data.projects.totalCount).toBe(before.data.projects.totalCount + 3);

    const { data } = await graphql(`query($a: String!, $b: String!) {
      a: project(slug: $a) { title summary goal status startDate endDate cooperatingSince keywords municipalityAgs createdBy updatedBy
        lead { slug } topics { key } contact { name email website } participants { role organization { slug } } }
      b: project(slug: $b) { title summary status startDate lead { slug } participants { role } }
    }`, { a: imported[0].slug, b: imported[1].slug });
    expect(data.a).toEqual({
      title: 'Beispiel: Gründungsberatung im Kreis Steinfurt',
      summary: 'Beispieldatensatz: Gründerinnen und Gründer erhalten eine gemeinsame Erstberatung von Kreis, Städten und Kammern.',
      goal: 'Eine Anlaufstelle für alle Gründungsfragen, "aus einer Hand".',
      status: 'ACTIVE', startDate: '2024-01-01', endDate: '2027-12-31', cooperatingSince: 2024,
      keywords: ['Gründung', 'Beratung', 'Beispiel'], municipalityAgs: ['05566076', '05566008'],
      createdBy: AS, updatedBy: AS, lead: { slug: AS }, topics: [{ key: 'wirtschaftsfoerderung' }],
      contact: { name: 'Kreis Steinfurt (Beispiel)', email: 'gruendung@example.org', website: 'https://www.example.org/gruendung' },
      participants: expect.arrayContaining([{ role: 'PARTNER', organization: { slug: 'stadt-rheine' } }, { role: 'SUPPORTER', organization: { slug: 'stadt-ibbenbueren' } }]),
    });
    expect(data.b).toEqual({
      title: 'Beispiel: Fachkräftebörse Tecklenburger Land',
      summary: 'Beispieldatensatz: Unternehmen und Fachkräfte aus der Region finden zueinander.\nZweite Zeile der Zusammenfassung.',
      status: 'PLANNED', startDate: '2026-03-01', lead: { slug: AS }, participants: [],
    });
  });

  it('reads what German Excel saves: BOM, semicolons, CRLF, DD.MM.YYYY dates, rows of empty cells', async () => {
    const run = await runImport(sample('projects-import-excel.csv'), '--type', 'projects', '--as', AS);
    expect(run.code).toBe(0);
    const imported = importedSlugs(run.stdout);
    created.projects.push(...imported.map(({ slug }) => slug));
    expect(imported).toEqual([{ line: 2, slug: 'beispiel-breitbandkoordination-muensterland' }]);
    const { data } = await graphql(`{ project(slug: "beispiel-breitbandkoordination-muensterland") { title summary keywords status startDate contact { phone } } }`);
    expect(data.project).toEqual({
      title: 'Beispiel: Breitbandkoordination Münsterland',
      summary: 'Beispieldatensatz aus Excel (CSV UTF-8, Semikolon); Umlaute: äöüß.',
      keywords: ['Breitband', 'Glasfaser', 'Beispiel'], status: 'ACTIVE', startDate: '2025-01-15', contact: { phone: '+49 2551 69-0' },
    });
  });

  it('writes every resource of the JSON sample, authored and created by the --as organization', async () => {
    const run = await runImport(sample('resources-import.json'), '--type', 'resources', '--as', AS);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Imported 2 knowledge resources of kreis-steinfurt');
    const imported = importedSlugs(run.stdout);
    created.resources.push(...imported.map(({ slug }) => slug));
    expect(imported.map(({ line }) => line)).toEqual([2, 13]);
    const { data } = await graphql(`query($slug: String!) { knowledgeResource(slug: $slug) { title kind body publishedOn createdBy author { slug } topics { key } } }`, { slug: imported[1].slug });
    expect(data.knowledgeResource).toEqual({
      title: 'Beispiel: Protokoll Arbeitskreis Wirtschaftsförderung', kind: 'MEETING_RECORD', body: 'Tagesordnung:\n1. Fachkräftebörse\n2. Leerstandskataster',
      publishedOn: '2025-06-12', createdBy: AS, author: { slug: AS }, topics: [{ key: 'wirtschaftsfoerderung' }, { key: 'wissenstransfer' }],
    });
  });

  it('reports a second import of the same file as likely duplicates before writing anything; --allow-duplicates goes on', async () => {
    const before = await database('projects');
    const again = await runImport(sample('projects-import.csv'), '--type', 'projects', '--as', AS);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('likely duplicates of existing projects; nothing was written. Import anyway with --allow-duplicates.');
    expect(again.stderr).toMatch(/^ {2}line 2: "Beispiel: Gründungsberatung im Kreis Steinfurt" looks like beispiel-gruendungsberatung-im-kreis-steinfurt \("Beispiel: Gründungsberatung im Kreis Steinfurt", score 1: /m);
    expect(again.stderr).toMatch(/^ {2}line 3: /m);
    expect(again.stderr).toMatch(/^ {2}line 5: /m);
    expect(await database('projects')).toEqual(before);

    const run = await runImport(sample('projects-import.csv'), '--type', 'projects', '--as', AS, '--dry-run', '--allow-duplicates');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Likely duplicates, imported anyway (--allow-duplicates)');
    expect(run.stdout).toContain('all 3 rows are valid projects for kreis-steinfurt; nothing was written (--dry-run)');
    expect(await database('projects')).toEqual(before);
  });
});

describe('importProjects (the batch mutation behind the script)', () => {
  const row = (line: number, title: string, extra: Record<string, unknown> = {}) => ({ line, title, summary: 'Beispieldatensatz.', topicKeys: ['wirtschaftsfoerderung'], ...extra });

  it('lets only writers import, and only for their own organization', async () => {
    const before = await database('projects');
    const input = { rows: [row(2, 'Beispiel: Nur mit Recht')] };
    expect((await graphql(IMPORT_PROJECTS, { input })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await graphql(IMPORT_PROJECTS, { input }, { token: tokens.viewer })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // The lead is always the caller's organization: a row cannot name another.
    const foreign = await graphql(IMPORT_PROJECTS, { input: { rows: [row(2, 'Beispiel: Fremde Leitung', { leadOrganizationId: steinfurtId })] } }, { token: tokens.editor });
    expect(foreign.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(foreign.errors?.[0].message).toContain('leadOrganizationId');
    expect(await database('projects')).toEqual(before);
  });

  it('refuses a batch with bad rows as a whole, naming each bad row; a dry run writes nothing', async () => {
    const before = await database('projects');
    const rows = [row(2, 'Beispiel: Gut'), row(3, '  '), row(4, 'Beispiel: Thema fehlt', { topicKeys: ['gibt-es-nicht'] }), row(5, 'Beispiel: Auch gut')];
    const { data, errors } = await graphql(IMPORT_PROJECTS, { input: { rows } }, { token: tokens.editor });
    expect(data).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rows[1].title' });
    expect(errors![0].message).toBe(
      '2 of 4 rows are invalid; nothing was imported:\nline 3, title: must not be empty\nline 4, topicKeys: Unknown topic key(s): gibt-es-nicht (see the `topics` query)',
    );

    // The subgraph gives the rows as data too (`extensions.rows`).
    const direct = await graphql(IMPORT_PROJECTS, { input: { rows } }, {
      url: subgraphUrl('projects'), token: tokens.editor, headers: { [PARTNER_ORGANIZATION_HEADER]: steinfurtId },
    });
    expect(direct.errors?.[0].extensions?.rows).toEqual([
      { line: 3, row: 2, field: 'title', message: 'must not be empty' },
      { line: 4, row: 3, field: 'topicKeys', message: 'Unknown topic key(s): gibt-es-nicht (see the `topics` query)' },
    ]);

    const dryRun = await graphql(IMPORT_PROJECTS, { input: { rows: [rows[0], rows[3]], dryRun: true } }, { token: tokens.editor });
    expect(dryRun.errors).toBeUndefined();
    expect(dryRun.data.importProjects).toEqual({ dryRun: true, rowCount: 2, projects: [] });
    expect(await database('projects')).toEqual(before);
  });

  it('gives titles that repeat within a batch distinct slugs', async () => {
    const rows = [row(2, 'Beispiel: Doppelter Titel'), row(3, 'Beispiel: Doppelter Titel')];
    const { data, errors } = await graphql(IMPORT_PROJECTS, { input: { rows } }, { token: tokens.editor });
    expect(errors).toBeUndefined();
    const slugs = data.importProjects.projects.map((project: { slug: string }) => project.slug);
    created.projects.push(...slugs);
    expect(slugs).toEqual(['beispiel-doppelter-titel', 'beispiel-doppelter-titel-2']);
  });
});
