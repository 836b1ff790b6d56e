import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signPartnerToken } from '../shared/auth.js';
import { graphql, tokenFor, type GraphQLResponse } from './client.js';

/**
 * Who may write what: every caller × every mutation, through the gateway, each on fresh records
 * (a project led by Kreis Borken with Kreis Coesfeld taking part, a resource and a contact person
 * of Kreis Borken). After a refusal no row of any database differs; after a success the change is there.
 */

type Caller = 'anonymous' | 'expired' | 'forged' | 'viewer' | 'lead' | 'participant' | 'outsider' | 'partnerAdmin' | 'regionalAdmin';
type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN';

const CALLERS: Record<Caller, string> = {
  anonymous: 'anonymous',
  expired: 'an expired token of Kreis Borken',
  forged: 'a forged admin token',
  viewer: 'a viewer of Kreis Borken',
  lead: 'an editor of Kreis Borken (lead, author, own organization)',
  participant: 'an editor of Kreis Coesfeld (participant)',
  outsider: 'an editor of Gemeinde Heek (outsider)',
  partnerAdmin: 'an admin of Kreis Steinfurt',
  regionalAdmin: 'an admin of the Münsterland e.V.',
};

interface Fixture {
  project: { id: string; version: number; participants: { id: string; version: number }[] };
  resource: { id: string; version: number };
  person: { id: string; version: number };
  organization: { id: string; version: number };
}

interface Case {
  needs: Need[];
  allowed: Caller[];
  run(fixture: Fixture, token?: string): Promise<GraphQLResponse>;
  /** What a success must have changed. */
  verify(fixture: Fixture, result: GraphQLResponse, caller: Caller): Promise<void>;
}

const ids: Record<string, string> = {};
const tokens = {} as Record<Caller, string | undefined>;
const createdProjects: string[] = [];
const createdResources: string[] = [];
const createdPeople: string[] = [];
let originalDescription: string | null = null;

async function ok(query: string, variables: Record<string, unknown>, token?: string) {
  const result = await graphql(query, variables, { token });
  expect(result.errors).toBeUndefined();
  return result.data;
}

async function readProject(id: string) {
  return (await ok(`query($id: ID!) { project(id: $id) { title version archivedAt participants { role organization { id } } resources { id author { id } } } }`, { id })).project;
}

async function readResource(id: string) {
  return (await ok(`query($id: ID!) { knowledgeResource(id: $id) { title archivedAt author { id } } }`, { id })).knowledgeResource;
}

async function readPeople() {
  return (await ok(`query($id: ID!) { organization(id: $id) { description version people { id name } } }`, { id: ids.borken }, tokens.lead)).organization;
}

type Need = 'project' | 'resource' | 'person' | 'organization';

/** Fresh records for one case: only those its mutation touches. */
async function fixture(needs: Need[]): Promise<Fixture> {
  const f = {} as Fixture;
  if (needs.includes('project') || needs.includes('resource')) {
    const { createProject } = await ok(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id version participants { id version } } } }`,
      { input: { title: 'Matrix-Projekt', summary: 'Prüft, wer was ändern darf.', participants: [{ organizationId: ids.coesfeld, role: 'PARTNER' }] } },
      tokens.lead,
    );
    createdProjects.push(createProject.project.id);
    f.project = createProject.project;
  }
  if (needs.includes('resource')) {
    const { createKnowledgeResource } = await ok(
      `mutation($input: CreateKnowledgeResourceInput!) { createKnowledgeResource(input: $input) { knowledgeResource { id version } } }`,
      { input: { title: 'Matrix-Dokument', kind: 'DOCUMENT', summary: 'Gehört dem Kreis Borken.', projectIds: [f.project.id] } },
      tokens.lead,
    );
    createdResources.push(createKnowledgeResource.knowledgeResource.id);
    f.resource = createKnowledgeResource.knowledgeResource;
  }
  if (needs.includes('person')) {
    const { createContactPerson } = await ok(
      `mutation($input: CreateContactPersonInput!) { createContactPerson(input: $input) { contactPerson { id version } } }`,
      { input: { organizationId: ids.borken, name: 'Max Matrix', email: 'max.matrix@kreis-borken.de' } },
      tokens.lead,
    );
    createdPeople.push(createContactPerson.contactPerson.id);
    f.person = createContactPerson.contactPerson;
  }
  if (needs.includes('organization')) f.organization = { id: ids.borken, version: (await readPeople()).version };
  return f;
}

const mutate = (name: string, inputType: string, selection: string) => (input: Record<string, unknown>, token?: string) =>
  graphql(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, { input }, { token });

const CASES: Record<string, Case> = {
  updateProject: {
    needs: ['project'],
    allowed: ['lead', 'regionalAdmin'],
    run: (f, token) => mutate('updateProject', 'UpdateProjectInput', 'project { id }')({ id: f.project.id, version: f.project.version, title: 'Matrix-Projekt (geändert)' }, token),
    async verify(f) {
      expect(await readProject(f.project.id)).toMatchObject({ title: 'Matrix-Projekt (geändert)', version: f.project.version + 1 });
    },
  },
  archiveProject: {
    needs: ['project'],
    allowed: ['lead', 'regionalAdmin'],
    run: (f, token) => mutate('archiveProject', 'ArchiveProjectInput', 'project { id }')({ id: f.project.id, version: f.project.version }, token),
    async verify(f) {
      expect((await readProject(f.project.id)).archivedAt).not.toBeNull();
    },
  },
  'addParticipant (Gemeinde Heek joins)': {
    needs: ['project'],
    allowed: ['lead', 'outsider', 'regionalAdmin'],
    run: (f, token) => mutate('addParticipant', 'AddParticipantInput', 'participant { id }')({ projectId: f.project.id, organizationId: ids.heek, role: 'MEMBER' }, token),
    async verify(f) {
      expect((await readProject(f.project.id)).participants).toContainEqual({ role: 'MEMBER', organization: { id: ids.heek } });
    },
  },
  'updateParticipant (Kreis Coesfeld\'s)': {
    needs: ['project'],
    allowed: ['lead', 'participant', 'regionalAdmin'],
    run: (f, token) => mutate('updateParticipant', 'UpdateParticipantInput', 'participant { id }')({ id: f.project.participants[0].id, version: f.project.participants[0].version, role: 'SUPPORTER' }, token),
    async verify(f) {
      expect((await readProject(f.project.id)).participants).toEqual([{ role: 'SUPPORTER', organization: { id: ids.coesfeld } }]);
    },
  },
  'removeParticipant (Kreis Coesfeld\'s)': {
    needs: ['project'],
    allowed: ['lead', 'participant', 'regionalAdmin'],
    run: (f, token) => mutate('removeParticipant', 'RemoveParticipantInput', 'removedParticipantId')({ id: f.project.participants[0].id, version: f.project.participants[0].version }, token),
    async verify(f) {
      expect((await readProject(f.project.id)).participants).toEqual([]);
    },
  },
  'createKnowledgeResource (own, for the project)': {
    needs: ['project'],
    allowed: ['lead', 'participant', 'regionalAdmin'],
    run: (f, token) => mutate('createKnowledgeResource', 'CreateKnowledgeResourceInput', 'knowledgeResource { id author { id } }')(
      { title: 'Eigene Erfahrung', kind: 'LESSON_LEARNED', summary: 'Was wir im Projekt gelernt haben.', projectIds: [f.project.id] }, token,
    ),
    async verify(f, result, caller) {
      const { id, author } = result.data.createKnowledgeResource.knowledgeResource;
      createdResources.push(id);
      expect(author.id).toBe({ lead: ids.borken, participant: ids.coesfeld, regionalAdmin: ids.muensterland }[caller as string]);
      expect((await readProject(f.project.id)).resources).toContainEqual({ id, author });
    },
  },
  'createKnowledgeResource (as Kreis Borken)': {
    needs: [],
    allowed: ['lead', 'regionalAdmin'],
    run: (_f, token) => mutate('createKnowledgeResource', 'CreateKnowledgeResourceInput', 'knowledgeResource { id author { id } }')(
      { title: 'Im Namen des Kreises Borken', kind: 'DOCUMENT', summary: 'Nur Borken selbst darf das.', authorOrganizationId: ids.borken }, token,
    ),
    async verify(_f, result) {
      createdResources.push(result.data.createKnowledgeResource.knowledgeResource.id);
      expect(result.data.createKnowledgeResource.knowledgeResource.author).toEqual({ id: ids.borken });
    },
  },
  updateKnowledgeResource: {
    needs: ['resource'],
    allowed: ['lead', 'regionalAdmin'],
    run: (f, token) => mutate('updateKnowledgeResource', 'UpdateKnowledgeResourceInput', 'knowledgeResource { id }')({ id: f.resource.id, version: f.resource.version, title: 'Matrix-Dokument (geändert)' }, token),
    async verify(f) {
      expect((await readResource(f.resource.id)).title).toBe('Matrix-Dokument (geändert)');
    },
  },
  archiveKnowledgeResource: {
    needs: ['resource'],
    allowed: ['lead', 'regionalAdmin'],
    run: (f, token) => mutate('archiveKnowledgeResource', 'ArchiveKnowledgeResourceInput', 'knowledgeResource { id }')({ id: f.resource.id, version: f.resource.version }, token),
    async verify(f) {
      expect((await readResource(f.resource.id)).archivedAt).not.toBeNull();
    },
  },
  'updateOrganization (Kreis Borken)': {
    needs: ['organization'],
    allowed: ['lead', 'regionalAdmin'],
    run: (f, token) => mutate('updateOrganization', 'UpdateOrganizationInput', 'organization { id }')({ id: f.organization.id, version: f.organization.version, description: 'Geändert im Rechtetest.' }, token),
    async verify() {
      expect((await readPeople()).description).toBe('Geändert im Rechtetest.');
    },
  },
  'createContactPerson (Kreis Borken)': {
    needs: [],
    allowed: ['lead', 'regionalAdmin'],
    run: (_f, token) => mutate('createContactPerson', 'CreateContactPersonInput', 'contactPerson { id }')({ organizationId: ids.borken, name: 'Neue Ansprechperson' }, token),
    async verify(_f, result) {
      const { id } = result.data.createContactPerson.contactPerson;
      createdPeople.push(id);
      expect((await readPeople()).people).toContainEqual({ id, name: 'Neue Ansprechperson' });
    },
  },
  'updateContactPerson (Kreis Borken\'s)': {
    needs: ['person'],
    allowed: ['lead', 'regionalAdmin'],
    run: (f, token) => mutate('updateContactPerson', 'UpdateContactPersonInput', 'contactPerson { id }')({ id: f.person.id, version: f.person.version, name: 'Maxi Matrix' }, token),
    async verify(f) {
      expect((await readPeople()).people).toContainEqual({ id: f.person.id, name: 'Maxi Matrix' });
    },
  },
  'removeContactPerson (Kreis Borken\'s)': {
    needs: ['person'],
    allowed: ['lead', 'regionalAdmin'],
    run: (f, token) => mutate('removeContactPerson', 'RemoveContactPersonInput', 'removedContactPersonId')({ id: f.person.id, version: f.person.version }, token),
    async verify(f) {
      expect((await readPeople()).people.map((person: { id: string }) => person.id)).not.toContain(f.person.id);
    },
  },
};

function expected(allowed: Caller[], caller: Caller): Outcome {
  if (caller === 'anonymous' || caller === 'expired' || caller === 'forged') return 'UNAUTHENTICATED';
  return allowed.includes(caller) ? 'OK' : 'FORBIDDEN';
}

// One connection per database: a checksum of every table tells whether anything changed.
const databases: pg.Client[] = [];
async function databaseState(): Promise<string[]> {
  const states: string[] = [];
  for (const client of databases) {
    const { rows: tables } = await client.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    for (const { name } of tables) {
      const { rows } = await client.query(`select count(*) as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from "${name}" t`);
      states.push(`${name}:${rows[0].n}:${rows[0].sum}`);
    }
  }
  return states;
}

beforeAll(async () => {
  const { data } = await graphql(`{
    borken: organization(slug: "kreis-borken") { id description } coesfeld: organization(slug: "kreis-coesfeld") { id }
    heek: organization(slug: "gemeinde-heek") { id } muensterland: organization(slug: "muensterland-e-v") { id }
  }`);
  for (const [name, organization] of Object.entries(data as Record<string, { id: string }>)) ids[name] = organization.id;
  originalDescription = data.borken.description;

  tokens.anonymous = undefined;
  tokens.expired = await tokenFor('kreis-borken', 'editor', Math.floor(Date.now() / 1000) - 60);
  tokens.forged = await signPartnerToken({ org: 'muensterland-e-v', role: 'admin' }, '1h', 'not-the-secret-of-this-installation');
  tokens.viewer = await tokenFor('kreis-borken', 'viewer');
  tokens.lead = await tokenFor('kreis-borken', 'editor');
  tokens.participant = await tokenFor('kreis-coesfeld', 'editor');
  tokens.outsider = await tokenFor('gemeinde-heek', 'editor');
  tokens.partnerAdmin = await tokenFor('kreis-steinfurt', 'admin');
  tokens.regionalAdmin = await tokenFor('muensterland-e-v', 'admin');

  for (const url of Object.values(inject('databaseUrls'))) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    databases.push(client);
  }
});

afterAll(async () => {
  // Leave the seeded data as other test files expect it.
  const admin = tokens.regionalAdmin;
  for (const id of createdProjects) {
    const project = await readProject(id);
    if (!project.archivedAt) await ok(`mutation($input: ArchiveProjectInput!) { archiveProject(input: $input) { project { id } } }`, { input: { id, version: project.version } }, admin);
  }
  for (const id of createdResources) {
    const { knowledgeResource } = await ok(`query($id: ID!) { knowledgeResource(id: $id) { version archivedAt } }`, { id });
    if (!knowledgeResource.archivedAt) {
      await ok(`mutation($input: ArchiveKnowledgeResourceInput!) { archiveKnowledgeResource(input: $input) { knowledgeResource { id } } }`, { input: { id, version: knowledgeResource.version } }, admin);
    }
  }
  const { people, version } = (await ok(`query($id: ID!) { organization(id: $id) { version people { id version } } }`, { id: ids.borken }, admin)).organization;
  for (const person of people.filter((candidate: { id: string }) => createdPeople.includes(candidate.id))) {
    await ok(`mutation($input: RemoveContactPersonInput!) { removeContactPerson(input: $input) { removedContactPersonId } }`, { input: person }, admin);
  }
  await ok(`mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }`, { input: { id: ids.borken, version, description: originalDescription } }, admin);
  await Promise.all(databases.map((client) => client.end()));
});

describe.each(Object.entries(CASES))('%s', (_mutation, testCase) => {
  it.each(Object.keys(CALLERS) as Caller[])('by %s', async (caller) => {
    const f = await fixture(testCase.needs);
    const outcome = expected(testCase.allowed, caller);
    const before = await databaseState();
    const result = await testCase.run(f, tokens[caller]);
    if (outcome === 'OK') {
      expect(result.errors, CALLERS[caller]).toBeUndefined();
      await testCase.verify(f, result, caller);
      return;
    }
    expect(result.errors?.[0].extensions?.code, CALLERS[caller]).toBe(outcome);
    expect(result.errors?.[0].message.length).toBeGreaterThan(20);
    if (outcome === 'FORBIDDEN') expect(result.errors?.[0].message).toMatch(/may|viewer/);
    expect(await databaseState(), 'nothing is written after a refusal').toEqual(before);
  });
});
