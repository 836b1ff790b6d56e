import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphql, tokenFor } from './client.js';

/**
 * Round trip: an export, imported with `npm run import` by an organization that has no projects
 * yet (an empty system for its rows), exported again, gives the same file. The source projects
 * are led by the Stadt Beckum, the copies by the Stadt Telgte: the two of the region's
 * municipalities that no seeded project names. Everything made here is archived at the end.
 */

const ROOT = path.join(import.meta.dirname, '..');
const SOURCE = 'stadt-beckum';
const TARGET = 'stadt-telgte';
const IMPORT_PROJECTS = `mutation($input: ImportProjectsInput!) { importProjects(input: $input) { projects { id slug version } } }`;

const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtrip-'));

function runImport(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args, '--gateway', inject('gatewayUrl')],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: inject('dataDir') }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

const exported = async (organization: string, format: string, extra = '') => {
  const response = await fetch(`${inject('gatewayUrl')}/export/projects.${format}?organizationId=${ids[organization]}&includeSamples=true&columns=import${extra}`);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
};

async function archiveAllOf(organization: string) {
  const { data } = await graphql(`query($id: ID!) { projects(filter: { organizationId: $id, includeSamples: true }, first: 100) { edges { node { id version lead { id } } } } }`, { id: ids[organization] });
  for (const { node } of data.projects.edges) {
    if (node.lead?.id !== ids[organization]) continue;
    await graphql(`mutation($input: ArchiveProjectInput!) { archiveProject(input: $input) { project { id } } }`, { input: { id: node.id, version: node.version } }, { token: tokens[organization] });
  }
}

/** The cells of the first sheet, row by row. */
async function cells(xlsx: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

beforeAll(async () => {
  const { data } = await graphql(`{ source: organization(slug: "${SOURCE}") { id } target: organization(slug: "${TARGET}") { id } warendorf: organization(slug: "kreis-warendorf") { id } ahlen: organization(slug: "stadt-ahlen") { id } }`);
  ids[SOURCE] = data.source.id;
  ids[TARGET] = data.target.id;
  tokens[SOURCE] = await tokenFor(SOURCE, 'editor');
  tokens[TARGET] = await tokenFor(TARGET, 'editor');
  const { errors } = await graphql(IMPORT_PROJECTS, {
    input: {
      rows: [
        {
          title: 'Rundreise: Radwegenetz Beckum–Ahlen', summary: 'Ein gemeinsames Radwegenetz; mit "Anführungszeichen", Kommas\nund einer zweiten Zeile.',
          topicKeys: ['wirtschaftsfoerderung'], keywords: ['Radverkehr', 'Mobilität'], status: 'PLANNED', startDate: '2026-04-01', endDate: '2028-03-31',
          cooperatingSince: 2025, municipalityAgs: ['05570008', '05570004'], goal: 'Lückenschluss', financing: 'Eigenmittel', legalForm: 'Kooperationsvereinbarung',
          contact: { name: 'Stadt Beckum', email: 'rad@example.org', website: 'https://www.example.org/rad', phone: '02521 29-0' },
          distinctions: ['Fahrradfreundliche Kommune'], sourceAttribution: 'Stadt Beckum', sourceUrl: 'https://www.example.org/quelle',
          participants: [{ organizationId: data.ahlen.id, role: 'PARTNER', note: 'Teilstrecke: Ahlen – Vorhelm' }, { organizationId: data.warendorf.id, role: 'SUPPORTER' }],
        },
        { title: 'Rundreise: Beispiel Leerstandskataster', summary: 'Beispieldatensatz.', topicKeys: ['wirtschaftsfoerderung'], isSample: true, municipalityAgs: ['05570008'] },
      ],
    },
  }, { token: tokens[SOURCE] });
  expect(errors).toBeUndefined();
});

afterAll(async () => {
  await archiveAllOf(TARGET);
  await archiveAllOf(SOURCE);
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('export → import → export', () => {
  it('gives the same CSV (German headers, AGS as text), JSON and .xlsx', async () => {
    expect((await exported(TARGET, 'json')).toString()).toBe('[]\n');
    const csv = await exported(SOURCE, 'csv', '&lang=de&separator=semicolon');
    const json = await exported(SOURCE, 'json');
    const xlsx = await exported(SOURCE, 'xlsx');
    expect(csv.toString('utf8')).toContain('"=""05570008;05570004"""');
    expect(JSON.parse(json.toString())).toHaveLength(2);

    const file = path.join(folder, 'projekte.csv');
    fs.writeFileSync(file, csv);
    // The copies are duplicates of the source projects, which stay: the import says so and needs --allow-duplicates.
    const refused = await runImport(file, '--type', 'projects', '--as', TARGET);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('2 likely duplicates of existing projects; nothing was written');
    const run = await runImport(file, '--type', 'projects', '--as', TARGET, '--allow-duplicates');
    expect(run.stderr).not.toContain('invalid');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Imported 2 projects of ${TARGET}`);

    expect((await exported(TARGET, 'csv', '&lang=de&separator=semicolon')).equals(csv)).toBe(true);
    expect((await exported(TARGET, 'json')).toString()).toBe(json.toString());
    expect(await cells(await exported(TARGET, 'xlsx'))).toEqual(await cells(xlsx));
  });

  it('reads a full export (all columns) and its .xlsx back as well', async () => {
    for (const format of ['json', 'xlsx']) {
      const response = await fetch(`${inject('gatewayUrl')}/export/projects.${format}?organizationId=${ids[SOURCE]}&includeSamples=true`);
      const file = path.join(folder, `voll.${format}`);
      fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const run = await runImport(file, '--type', 'projects', '--as', TARGET, '--dry-run', '--allow-duplicates');
      expect(run.stderr).not.toContain('invalid');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`all 2 rows are valid projects for ${TARGET}; nothing was written (--dry-run)`);
    }
  });
});
