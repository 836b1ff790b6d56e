import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COOPERATION_SLUG } from '../shared/reference-data.js';
import { graphql, subgraphUrl, tokenFor } from './client.js';

/** The acceptance of the "partners own and write their data" issue, through the gateway. */

const UPDATE_PROJECT = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { id version title } } }`;
const CREATE_PROJECT = `mutation($input: CreateProjectInput!) {
  createProject(input: $input) { project { id slug version title createdBy updatedBy archivedAt lead { slug } participants { role organization { slug } } } duplicateCandidates { score reasons project { slug } } }
}`;
const ARCHIVE_PROJECT = `mutation($input: ArchiveProjectInput!) { archiveProject(input: $input) { project { id version archivedAt } } }`;

const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
/** Projects this file creates, archived at the end so other files' counts stay as seeded. */
const created: string[] = [];

async function project(slugOrId: { slug?: string; id?: string }) {
  const { data } = await graphql(`query($slug: String, $id: ID) { project(slug: $slug, id: $id) { id version title archivedAt updatedBy } }`, slugOrId);
  return data.project;
}

async function createProject(input: Record<string, unknown>, token = tokens.steinfurt) {
  const result = await graphql(CREATE_PROJECT, { input }, { token });
  if (result.data?.createProject) created.push(result.data.createProject.project.id);
  return result;
}

beforeAll(async () => {
  const { data } = await graphql(`{
    borken: organization(slug: "kreis-borken") { id } coesfeld: organization(slug: "kreis-coesfeld") { id }
    steinfurt: organization(slug: "kreis-steinfurt") { id } muenster: organization(slug: "stadt-muenster") { id }
  }`);
  for (const [name, organization] of Object.entries(data as Record<string, { id: string }>)) ids[name] = organization.id;
  tokens.borken = await tokenFor('kreis-borken', 'editor');
  tokens.coesfeld = await tokenFor('kreis-coesfeld', 'editor');
  tokens.steinfurt = await tokenFor('kreis-steinfurt', 'editor');
  tokens.admin = await tokenFor('muensterland-e-v', 'admin');
});

afterAll(async () => {
  for (const id of created) {
    const current = await project({ id });
    if (!current.archivedAt) await graphql(ARCHIVE_PROJECT, { input: { id, version: current.version } }, { token: tokens.admin });
  }
});

describe('updateProject on the cooperation (acceptance)', () => {
  it('refuses anonymous callers and other partners, takes the lead\'s change once, then reports the conflict', async () => {
    const before = await project({ slug: COOPERATION_SLUG });
    const input = { id: before.id, version: before.version, title: 'Regionalentwicklung Münsterland (Arbeitstitel)' };

    const anonymous = await graphql(UPDATE_PROJECT, { input });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await project({ id: before.id })).title).toBe(before.title);

    const coesfeld = await graphql(UPDATE_PROJECT, { input }, { token: tokens.coesfeld });
    expect(coesfeld.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(coesfeld.errors?.[0].message).toMatch(/Only the lead organization .* may change it; your token is for kreis-coesfeld/);
    expect((await project({ id: before.id })).title).toBe(before.title);

    try {
      const borken = await graphql(UPDATE_PROJECT, { input }, { token: tokens.borken });
      expect(borken.errors).toBeUndefined();
      expect(borken.data.updateProject.project).toEqual({ id: before.id, version: before.version + 1, title: input.title });

      const stale = await graphql(UPDATE_PROJECT, { input: { ...input, title: 'Noch ein Titel' } }, { token: tokens.borken });
      expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: before.version + 1 });
      const after = await project({ id: before.id });
      expect(after).toMatchObject({ title: input.title, version: before.version + 1, updatedBy: 'kreis-borken' });
    } finally {
      const current = await project({ id: before.id });
      await graphql(UPDATE_PROJECT, { input: { id: before.id, version: current.version, title: before.title } }, { token: tokens.borken });
    }
    expect((await project({ id: before.id })).title).toBe(before.title);
  });
});

describe('createProject', () => {
  it('creates a project led by the caller\'s organization, with a slug from its title and the duplicate check', async () => {
    const input = {
      title: 'Digitale Dörfer im Kreis Steinfurt',
      summary: 'Gemeinden erproben digitale Dienste für das Dorfleben.',
      leadOrganizationId: ids.steinfurt,
      topicKeys: ['regionalentwicklung', 'interkommunale-zusammenarbeit'],
      cooperatingSince: 2021,
      participants: [{ organizationId: ids.muenster, role: 'SUPPORTER' }],
      contact: { name: 'Kreis Steinfurt', email: 'info@kreis-steinfurt.de', website: 'https://www.kreis-steinfurt.de' },
    };
    const { data, errors } = await createProject(input);
    expect(errors).toBeUndefined();
    const { project: created, duplicateCandidates } = data.createProject;
    expect(created).toMatchObject({
      slug: 'digitale-doerfer-im-kreis-steinfurt', version: 1, title: input.title, createdBy: 'kreis-steinfurt', updatedBy: 'kreis-steinfurt',
      archivedAt: null, lead: { slug: 'kreis-steinfurt' }, participants: [{ role: 'SUPPORTER', organization: { slug: 'stadt-muenster' } }],
    });
    expect(Array.isArray(duplicateCandidates)).toBe(true);
    for (const candidate of duplicateCandidates) {
      expect(candidate.score).toBeGreaterThanOrEqual(0);
      expect(candidate.project.slug).not.toBe(created.slug);
    }

    // The same title again: a numeric suffix keeps the slug unique, and the first project is a candidate duplicate.
    const again = await createProject({ title: input.title, summary: input.summary, topicKeys: input.topicKeys });
    expect(again.errors).toBeUndefined();
    expect(again.data.createProject.project.slug).toBe('digitale-doerfer-im-kreis-steinfurt-2');
    const candidate = again.data.createProject.duplicateCandidates.find((entry: any) => entry.project.slug === created.slug);
    expect(candidate).toBeDefined();
    expect(candidate.score).toBeGreaterThan(0.5);
    expect(candidate.reasons.length).toBeGreaterThan(0);
  });

  it('lists archived projects only on request and keeps them readable by id', async () => {
    const { data } = await createProject({ title: 'Kurzlebiges Testprojekt', summary: 'Wird gleich archiviert.' });
    const { id, slug } = data.createProject.project;
    const archived = await graphql(ARCHIVE_PROJECT, { input: { id, version: 1 } }, { token: tokens.steinfurt });
    expect(archived.errors).toBeUndefined();
    expect(archived.data.archiveProject.project).toMatchObject({ id, version: 2, archivedAt: expect.any(String) });

    const lists = await graphql(`query($org: ID!) {
      active: projects(filter: { organizationId: $org }, first: 100) { edges { node { slug } } }
      all: projects(filter: { organizationId: $org, includeArchived: true }, first: 100) { edges { node { slug archivedAt } } }
    }`, { org: ids.steinfurt });
    expect(lists.data.active.edges.map(({ node }: any) => node.slug)).not.toContain(slug);
    expect(lists.data.all.edges.map(({ node }: any) => node.slug)).toContain(slug);
    expect((await project({ id })).archivedAt).not.toBeNull();

    const change = await graphql(UPDATE_PROJECT, { input: { id, version: 2, title: 'Doch nicht' } }, { token: tokens.steinfurt });
    expect(change.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('refuses a project led by another partner, unless an admin of the Münsterland e.V. asks', async () => {
    const input = { title: 'Fremdes Projekt', summary: 'Soll Kreis Borken gehören.', leadOrganizationId: ids.borken };
    const refused = await createProject(input);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byAdmin = await createProject(input, tokens.admin);
    expect(byAdmin.errors).toBeUndefined();
    expect(byAdmin.data.createProject.project).toMatchObject({ lead: { slug: 'kreis-borken' }, createdBy: 'muensterland-e-v' });
  });
});

describe('validation', () => {
  const valid = { title: 'Gültiges Projekt', summary: 'Eine Zusammenfassung.' };
  const thisYear = new Date().getUTCFullYear();
  const cases: [string, Record<string, unknown>, string][] = [
    ['an empty title', { title: '   ' }, 'input.title'],
    ['a title of 500 characters', { title: 'x'.repeat(500) }, 'input.title'],
    ['an empty summary', { summary: '' }, 'input.summary'],
    ['cooperation before 1946', { cooperatingSince: 1945 }, 'input.cooperatingSince'],
    ['cooperation in the future', { cooperatingSince: thisYear + 1 }, 'input.cooperatingSince'],
    ['an unknown topic', { topicKeys: ['regionalentwicklung', 'gibt-es-nicht'] }, 'input.topicKeys'],
    ['an unknown participant', { participants: [{ organizationId: '00000000-0000-4000-8000-000000000000', role: 'PARTNER' }] }, 'input.participants[0].organizationId'],
    ['a malformed participant id', { participants: [{ organizationId: 'kreis-borken', role: 'PARTNER' }] }, 'input.participants[0].organizationId'],
    ['a malformed e-mail address', { contact: { email: 'info(at)kreis-steinfurt.de' } }, 'input.contact.email'],
    ['a malformed website', { contact: { website: 'www kreis-steinfurt de' } }, 'input.contact.website'],
    ['a non-web URL', { sourceUrl: 'ftp://example.org/profil.pdf' }, 'input.sourceUrl'],
    ['an end before the start', { startDate: '2024-05-01', endDate: '2024-04-30' }, 'input.endDate'],
    ['a malformed AGS', { municipalityAgs: ['0555400'] }, 'input.municipalityAgs'],
  ];
  it.each(cases)('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_name, change, field) => {
    const title = `Validierung ${field} ${Math.random()}`;
    const { errors } = await createProject({ ...valid, title, ...change });
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const { data } = await graphql(`{ projects(filter: { includeArchived: true }, first: 500) { edges { node { title } } } }`);
    expect(data.projects.edges.map(({ node }: any) => node.title)).not.toContain(title);
  });

  it('refuses an unknown lead organization named by an admin', async () => {
    const { errors } = await createProject({ ...valid, leadOrganizationId: '00000000-0000-4000-8000-000000000000' }, tokens.admin);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.leadOrganizationId' });
  });

  it('keeps nothing of an update that fails half-way', async () => {
    const { data } = await createProject({ ...valid, title: 'Zeitraum-Test', startDate: '2024-01-01' });
    const { id } = data.createProject.project;
    const { errors } = await graphql(UPDATE_PROJECT, { input: { id, version: 1, title: 'Neuer Titel', endDate: '2023-12-31' } }, { token: tokens.steinfurt });
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endDate' });
    expect(await project({ id })).toMatchObject({ title: 'Zeitraum-Test', version: 1 });
  });
});

describe('knowledge resources and organization contact data', () => {
  const CREATE_RESOURCE = `mutation($input: CreateKnowledgeResourceInput!) { createKnowledgeResource(input: $input) { knowledgeResource { id slug version createdBy author { slug } } } }`;
  const UPDATE_ORGANIZATION = `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) {
    organization { version website email phone address { street postalCode city } updatedBy } } }`;

  it.each([
    ['an empty title', { title: '' }, 'input.title'],
    ['a title of 301 characters', { title: 'x'.repeat(301) }, 'input.title'],
    ['an unknown topic', { topicKeys: ['gibt-es-nicht'] }, 'input.topicKeys'],
    ['an unknown project', { projectIds: ['00000000-0000-4000-8000-000000000000'] }, 'input.projectIds'],
    ['a malformed URL', { url: 'kreis-steinfurt.de/bericht.pdf' }, 'input.url'],
    ['a malformed language tag', { language: 'Deutsch' }, 'input.language'],
  ])('refuses a resource with %s', async (_name, change, field) => {
    const { errors } = await graphql(CREATE_RESOURCE, { input: { title: 'Bericht', kind: 'STUDY', summary: 'Eine Studie.', ...change } }, { token: tokens.steinfurt });
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('publishes a resource as the caller\'s organization, with a slug from the title, and archives it', async () => {
    const { data, errors } = await graphql(CREATE_RESOURCE, { input: { title: 'Studie Nahversorgung', kind: 'STUDY', summary: 'Nahversorgung in kleinen Orten.', topicKeys: ['regionalentwicklung'] } }, { token: tokens.steinfurt });
    expect(errors).toBeUndefined();
    const resource = data.createKnowledgeResource.knowledgeResource;
    expect(resource).toMatchObject({ slug: 'studie-nahversorgung', version: 1, createdBy: 'kreis-steinfurt', author: { slug: 'kreis-steinfurt' } });
    const archived = await graphql(
      `mutation($input: ArchiveKnowledgeResourceInput!) { archiveKnowledgeResource(input: $input) { knowledgeResource { version archivedAt } } }`,
      { input: { id: resource.id, version: 1 } },
      { token: tokens.steinfurt },
    );
    expect(archived.data.archiveKnowledgeResource.knowledgeResource).toMatchObject({ version: 2, archivedAt: expect.any(String) });
    const { data: lists } = await graphql(`{ knowledgeResources(first: 100) { edges { node { slug } } } all: knowledgeResources(first: 100, filter: { includeArchived: true }) { edges { node { slug } } } }`);
    expect(lists.knowledgeResources.edges.map(({ node }: any) => node.slug)).not.toContain('studie-nahversorgung');
    expect(lists.all.edges.map(({ node }: any) => node.slug)).toContain('studie-nahversorgung');
  });

  it('updates an organization\'s contact data, checks it, and refuses a stale version', async () => {
    const { data } = await graphql(`{ organization(slug: "kreis-steinfurt") { id version website email phone address { street postalCode city } } }`);
    const original = data.organization;
    for (const [change, field] of [[{ website: 'kreis steinfurt' }, 'input.website'], [{ email: 'info@' }, 'input.email'], [{ phone: 'bitte anrufen' }, 'input.phone']] as const) {
      const { errors } = await graphql(UPDATE_ORGANIZATION, { input: { id: original.id, version: original.version, ...change } }, { token: tokens.steinfurt });
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const input = {
      id: original.id, version: original.version, website: 'https://www.kreis-steinfurt.de', email: 'info@kreis-steinfurt.de', phone: '02551 69-0',
      address: { street: 'Tecklenburger Str. 10', postalCode: '48565', city: 'Steinfurt' },
    };
    try {
      const updated = await graphql(UPDATE_ORGANIZATION, { input }, { token: tokens.steinfurt });
      expect(updated.errors).toBeUndefined();
      expect(updated.data.updateOrganization.organization).toEqual({
        version: original.version + 1, website: input.website, email: input.email, phone: input.phone, address: input.address, updatedBy: 'kreis-steinfurt',
      });
      const stale = await graphql(UPDATE_ORGANIZATION, { input: { ...input, phone: '02551 1' } }, { token: tokens.steinfurt });
      expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: original.version + 1 });
    } finally {
      const { data: current } = await graphql(`{ organization(slug: "kreis-steinfurt") { version } }`);
      await graphql(UPDATE_ORGANIZATION, {
        input: { id: original.id, version: current.organization.version, website: original.website, email: original.email, phone: original.phone, address: original.address },
      }, { token: tokens.steinfurt });
    }
  });

  it('refuses contact persons without a name or with a malformed e-mail address', async () => {
    const CREATE_PERSON = `mutation($input: CreateContactPersonInput!) { createContactPerson(input: $input) { contactPerson { id } } }`;
    const empty = await graphql(CREATE_PERSON, { input: { organizationId: ids.steinfurt, name: ' ' } }, { token: tokens.steinfurt });
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    const email = await graphql(CREATE_PERSON, { input: { organizationId: ids.steinfurt, name: 'Eva Beispiel', email: 'eva at kreis' } }, { token: tokens.steinfurt });
    expect(email.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
  });
});

describe('integrity under concurrency', () => {
  it('50 concurrent updates naming the same version: exactly one succeeds, 49 get CONFLICT', async () => {
    const { data } = await createProject({ title: 'Gleichzeitige Änderungen', summary: 'Fünfzig Redakteure, eine Version.' });
    const { id } = data.createProject.project;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => graphql(UPDATE_PROJECT, { input: { id, version: 1, title: `Fassung ${index}` } }, { token: tokens.steinfurt })),
    );
    const succeeded = results.filter((result) => result.data?.updateProject);
    const conflicts = results.filter((result) => result.errors?.[0].extensions?.code === 'CONFLICT');
    expect(succeeded).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    expect(conflicts.every((result) => result.errors![0].extensions!.currentVersion === 2)).toBe(true);
    expect(await project({ id })).toMatchObject({ version: 2, title: succeeded[0].data.updateProject.project.title });
  });
});

describe('only the gateway may ask a subgraph', () => {
  it('refuses the same mutation sent straight to the projects subgraph, and changes nothing', async () => {
    const before = await project({ slug: COOPERATION_SLUG });
    const input = { id: before.id, version: before.version, title: 'Direkt am Gateway vorbei' };
    const withoutSecret = await graphql(UPDATE_PROJECT, { input }, { url: subgraphUrl('projects'), token: tokens.borken, gatewaySecret: false });
    expect(withoutSecret.status).toBe(401);
    expect(withoutSecret.data).toBeUndefined();
    const wrongSecret = await graphql(UPDATE_PROJECT, { input }, { url: subgraphUrl('projects'), token: tokens.borken, headers: { 'x-gateway-secret': 'guessed' } });
    expect(wrongSecret.status).toBe(403);
    // What the secret protects: the organization id the gateway resolved. Kreis Steinfurt's own
    // valid token with Kreis Borken's id in that header would pass the ownership check.
    const claimedOrganization = await graphql(UPDATE_PROJECT, { input }, {
      url: subgraphUrl('projects'), token: tokens.steinfurt, gatewaySecret: false, headers: { 'x-partner-organization-id': ids.borken },
    });
    expect(claimedOrganization.status).toBe(401);
    expect(claimedOrganization.data).toBeUndefined();
    // Nor does anything read past the gateway (its limits, its cost budget).
    const read = await graphql(`{ projects(first: 1) { totalCount } }`, {}, { url: subgraphUrl('projects'), gatewaySecret: false });
    expect(read.status).toBe(401);
    expect(read.data).toBeUndefined();

    const creation = await graphql(CREATE_PROJECT, { input: { title: 'Am Gateway vorbei', summary: 'Darf es nicht geben.' } }, {
      url: subgraphUrl('projects'), token: tokens.steinfurt, gatewaySecret: false,
    });
    expect(creation.status).toBe(401);
    expect(await project({ slug: 'am-gateway-vorbei' })).toBeNull();
    expect(await project({ id: before.id })).toMatchObject({ title: before.title, version: before.version });
  });

  it('keeps /health and /metrics open on the subgraphs', async () => {
    for (const url of Object.values([subgraphUrl('organizations'), subgraphUrl('projects'), subgraphUrl('knowledge')])) {
      expect((await fetch(url.replace(/\/graphql$/, '/health'))).status).toBe(200);
      expect((await fetch(url.replace(/\/graphql$/, '/metrics'))).status).toBe(200);
    }
  });
});
