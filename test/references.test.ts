import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, tokenFor } from './client.js';

/** Valid references everywhere: every municipality AGS a write names must be a municipality the organizations subgraph knows. */

const CREATE_PROJECT = `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id version municipalityAgs } } }`;
const UPDATE_PROJECT = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { id version municipalityAgs } } }`;
const IMPORT_PROJECTS = `mutation($input: ImportProjectsInput!) { importProjects(input: $input) { dryRun rowCount } }`;
const ARCHIVE_PROJECT = `mutation($input: ArchiveProjectInput!) { archiveProject(input: $input) { project { id } } }`;

let token: string;
const created: { id: string; version: number }[] = [];

beforeAll(async () => {
  token = await tokenFor('kreis-steinfurt', 'editor');
});

afterAll(async () => {
  for (const project of created) {
    const { data } = await graphql(`query($id: ID) { project(id: $id) { id version } }`, { id: project.id });
    await graphql(ARCHIVE_PROJECT, { input: { id: data.project.id, version: data.project.version } }, { token });
  }
});

async function borkenCount(): Promise<number> {
  const { data } = await graphql(`{ projects(filter: { ags: "05554" }) { totalCount } }`);
  return data.projects.totalCount;
}

describe('municipality references', () => {
  it('refuses createProject with an AGS that is no municipality (05554999) as BAD_USER_INPUT naming the field, and Kreis Borken\'s figures stay', async () => {
    const before = await borkenCount();
    const title = `AGS-Prüfung ${Math.random()}`;
    const { data, errors } = await graphql(CREATE_PROJECT, { input: { title, summary: 'Prüft Gemeindeschlüssel.', municipalityAgs: ['05566076', '05554999'] } }, { token });
    expect(data).toBeNull();
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.municipalityAgs' });
    expect(errors?.[0].message).toContain('input.municipalityAgs[1]: 05554999 is no municipality');
    expect(await borkenCount()).toBe(before);
  });

  it('refuses the AGS of a Kreis padded to eight digits, and accepts real municipalities including the kreisfreie Stadt Münster', async () => {
    const refused = await graphql(CREATE_PROJECT, { input: { title: `AGS Kreis ${Math.random()}`, summary: 'x', municipalityAgs: ['05566000'] } }, { token });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.municipalityAgs' });

    const { data, errors } = await graphql(CREATE_PROJECT, { input: { title: `AGS gültig ${Math.random()}`, summary: 'x', municipalityAgs: ['05566076', '05515000'] } }, { token });
    expect(errors).toBeUndefined();
    created.push(data.createProject.project);
    expect(data.createProject.project.municipalityAgs).toEqual(['05566076', '05515000']);

    const update = await graphql(UPDATE_PROJECT, { input: { id: data.createProject.project.id, version: data.createProject.project.version, municipalityAgs: ['05554999'] } }, { token });
    expect(update.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.municipalityAgs' });
  });

  it('refuses an import row with an unknown AGS, naming its line', async () => {
    const { errors } = await graphql(IMPORT_PROJECTS, {
      input: { dryRun: true, rows: [{ line: 2, title: 'Gut', summary: 'x', municipalityAgs: ['05566076'] }, { line: 3, title: 'Schlecht', summary: 'x', municipalityAgs: ['05554999'] }] },
    }, { token });
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0].extensions?.rows).toEqual([expect.objectContaining({ line: 3, field: 'municipalityAgs[0]', message: expect.stringContaining('05554999 is no municipality') })]);
  });
});
