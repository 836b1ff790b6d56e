import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COOPERATION_SLUG } from '../shared/reference-data.js';
import 'reflect-metadata';
import pg from 'pg';
import { inject } from 'vitest';
import { projectsSubgraph } from '../subgraphs/projects/server.js';
import { startSubgraph } from '../subgraphs/toolkit/service.js';
import { graphql, tokenFor } from './client.js';

/** History of every record and the harvestable change feed (issue 13), through the gateway. */

const UPDATE_PROJECT = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { id version title } } }`;
const ARCHIVE_PROJECT = `mutation($input: ArchiveProjectInput!) { archiveProject(input: $input) { project { id version } } }`;
const HISTORY = `query($slug: String, $id: ID, $first: Int, $after: String) { project(slug: $slug, id: $id) { id version title
  history(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
    id operation version changedFields { field oldValue newValue masked } changedBy { organization { slug } role } changedAt requestId } } } } }`;
const CHANGES = `query($after: String, $first: Int, $filter: ChangeFilter) { changes(after: $after, first: $first, filter: $filter) {
  pageInfo { hasNextPage endCursor } edges { cursor node { id recordType recordId operation version changedAt
    changedFields { field oldValue newValue masked } changedBy { organization { slug } role } } } } }`;

const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const created: { id: string; token: string }[] = [];

beforeAll(async () => {
  tokens.borken = await tokenFor('kreis-borken', 'editor');
  tokens.coesfeld = await tokenFor('kreis-coesfeld', 'editor');
  tokens.admin = await tokenFor('muensterland-e-v', 'admin');
  const { data } = await graphql(`{ borken: organization(slug: "kreis-borken") { id } coesfeld: organization(slug: "kreis-coesfeld") { id } }`);
  ids.borken = data.borken.id;
  ids.coesfeld = data.coesfeld.id;
});

afterAll(async () => {
  for (const { id, token } of created) {
    const { data } = await graphql(`query($id: ID!) { project(id: $id) { version archivedAt } }`, { id });
    if (data?.project && !data.project.archivedAt) await graphql(ARCHIVE_PROJECT, { input: { id, version: data.project.version } }, { token });
  }
});

/** Pages through the feed from `after` to its current end; returns the events and the last cursor. */
async function harvest(after: string | null, filter: Record<string, unknown> | undefined, pageSize = 50) {
  const events: any[] = [];
  let cursor = after;
  for (let page = 0; page < 1000; page += 1) {
    const { data, errors } = await graphql(CHANGES, { after: cursor, first: pageSize, filter });
    expect(errors).toBeUndefined();
    events.push(...data.changes.edges.map((edge: any) => edge.node));
    cursor = data.changes.pageInfo.endCursor;
    if (!data.changes.pageInfo.hasNextPage) break;
  }
  return { events, cursor };
}

describe('history of a record (acceptance)', () => {
  it('shows a rename of the cooperation with old and new title, who and when, newest first', async () => {
    const { data: before } = await graphql(HISTORY, { slug: COOPERATION_SLUG, first: 5 });
    const renamed = 'Informelle Regionalentwicklung im Münsterland (umbenannt)';
    const started = Date.now();
    const update = await graphql(UPDATE_PROJECT, { input: { id: before.project.id, version: before.project.version, title: renamed } }, { token: tokens.borken });
    expect(update.errors).toBeUndefined();
    try {
      const { data, errors } = await graphql(`{ project(slug: "informelle-regionalentwicklung-im-muensterland") { history(first: 5) { edges { node {
        version changedFields { field oldValue newValue } changedBy { organization { slug } role } changedAt } } } } }`);
      expect(errors).toBeUndefined();
      const [latest] = data.project.history.edges.map((edge: any) => edge.node);
      expect(latest).toMatchObject({
        version: before.project.version + 1,
        changedFields: [{ field: 'title', oldValue: before.project.title, newValue: renamed }],
        changedBy: { organization: { slug: 'kreis-borken' }, role: 'editor' },
      });
      expect(Date.parse(latest.changedAt)).toBeGreaterThanOrEqual(started - 1000);
      expect(Date.parse(latest.changedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    } finally {
      await graphql(UPDATE_PROJECT, { input: { id: before.project.id, version: before.project.version + 1, title: before.project.title } }, { token: tokens.borken });
    }
    const { data: after } = await graphql(HISTORY, { slug: COOPERATION_SLUG, first: 2 });
    expect(after.project.history.totalCount).toBe(before.project.history.totalCount + 2);
    expect(after.project.history.edges.map((edge: any) => edge.node.changedFields[0].newValue)).toEqual([before.project.title, renamed]);
    // Pages: the second page continues after the first, older events.
    const { data: second } = await graphql(HISTORY, { slug: COOPERATION_SLUG, first: 1, after: after.project.history.edges[0].cursor });
    expect(second.project.history.edges[0].node.id).toBe(after.project.history.edges[1].node.id);
  });

  it('records a new project with its participants, a removed participant, and keeps the history of an archived project', async () => {
    const { data, errors } = await graphql(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id version } } }`,
      { input: { title: 'Verlauf: Radverkehr Coesfeld', summary: 'Ein Projekt, dessen Verlauf geprüft wird.', participants: [{ organizationId: ids.borken, role: 'PARTNER' }] } },
      { token: tokens.coesfeld },
    );
    expect(errors).toBeUndefined();
    const id = data.createProject.project.id;
    created.push({ id, token: tokens.coesfeld });
    const { data: participants } = await graphql(`query($id: ID!) { project(id: $id) { participants { id version organization { id } } } }`, { id });
    const participation = participants.project.participants[0];
    const removed = await graphql(`mutation($input: RemoveParticipantInput!) { removeParticipant(input: $input) { removedParticipantId } }`,
      { input: { id: participation.id, version: participation.version } }, { token: tokens.coesfeld });
    expect(removed.errors).toBeUndefined();
    const archived = await graphql(ARCHIVE_PROJECT, { input: { id, version: 1 } }, { token: tokens.coesfeld });
    expect(archived.errors).toBeUndefined();

    const { data: history } = await graphql(HISTORY, { id, first: 10 });
    const events = history.project.history.edges.map((edge: any) => edge.node);
    expect(events.map((event: any) => event.operation)).toEqual(['ARCHIVED', 'UPDATED', 'CREATED']);
    expect(events[0].changedFields).toEqual([{ field: 'archivedAt', oldValue: null, newValue: expect.any(String), masked: false }]);
    expect(events[1].changedFields).toEqual([{ field: `participants.${ids.borken}`, oldValue: { role: 'PARTNER', note: null }, newValue: null, masked: false }]);
    const fields = Object.fromEntries(events[2].changedFields.map((field: any) => [field.field, field]));
    expect(fields.title).toMatchObject({ oldValue: null, newValue: 'Verlauf: Radverkehr Coesfeld' });
    expect(fields.leadOrganizationId.newValue).toBe(ids.coesfeld);
    expect(fields[`participants.${ids.borken}`]).toMatchObject({ oldValue: null, newValue: { role: 'PARTNER', note: null } });
    expect(events[2].changedBy).toEqual({ organization: { slug: 'kreis-coesfeld' }, role: 'editor' });
    expect(events[2].requestId).toMatch(/.{8,}/);
  });

  it('masks contact persons\' e-mail and phone in an organization\'s history for anonymous callers', async () => {
    const { data: organization } = await graphql(`{ organization(slug: "kreis-coesfeld") { id } }`);
    const { data, errors } = await graphql(
      `mutation($input: CreateContactPersonInput!) { createContactPerson(input: $input) { contactPerson { id version } } }`,
      { input: { organizationId: organization.organization.id, name: 'Erika Verlauf', email: 'erika.verlauf@kreis-coesfeld.de', phone: '02541 18-0' } },
      { token: tokens.coesfeld },
    );
    expect(errors).toBeUndefined();
    const person = data.createContactPerson.contactPerson;
    try {
      const query = `{ organization(slug: "kreis-coesfeld") { history(first: 1) { edges { node { changedFields { field newValue masked } } } } } }`;
      const anonymous = await graphql(query);
      const signedIn = await graphql(query, {}, { token: tokens.borken });
      expect(anonymous.data.organization.history.edges[0].node.changedFields).toEqual([
        { field: `contactPersons.${person.id}`, newValue: { name: 'Erika Verlauf', role: null, email: null, phone: null }, masked: true },
      ]);
      expect(signedIn.data.organization.history.edges[0].node.changedFields).toEqual([
        { field: `contactPersons.${person.id}`, newValue: { name: 'Erika Verlauf', role: null, email: 'erika.verlauf@kreis-coesfeld.de', phone: '02541 18-0' }, masked: false },
      ]);
    } finally {
      await graphql(`mutation($input: RemoveContactPersonInput!) { removeContactPerson(input: $input) { removedContactPersonId } }`,
        { input: { id: person.id, version: person.version } }, { token: tokens.coesfeld });
    }
  });

  it('refuses bad page arguments with BAD_USER_INPUT naming the field', async () => {
    const big = await graphql(`{ project(slug: "${COOPERATION_SLUG}") { history(first: 1000) { totalCount } } }`);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await graphql(`{ project(slug: "${COOPERATION_SLUG}") { history(after: "bm9wZQ") { totalCount } } }`);
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('a later seed records what it adds, as the seed; the first seed recorded nothing', async () => {
    const slug = 'leader-region-kleeblatt';
    const { data: before } = await graphql(`{ project(slug: "${slug}") { id history(first: 5) { totalCount } } }`);
    expect(before.project.history.totalCount).toBe(0);
    // The reference record disappears behind the subgraph's back; the next start's seed puts it back.
    const client = new pg.Client({ connectionString: inject('databaseUrls').projects });
    await client.connect();
    try {
      await client.query('delete from project where slug = $1', [slug]);
    } finally {
      await client.end();
    }
    const second = await startSubgraph(projectsSubgraph, { databaseUrl: inject('databaseUrls').projects, port: 0, migrate: true, seed: true });
    await second.stop();
    const { data } = await graphql(`{ project(slug: "${slug}") { id history(first: 5) { edges { node { operation version changedBy { organization { slug } role } changedFields { field newValue } } } } } }`);
    expect(data.project.id).toBe(before.project.id);
    const [event] = data.project.history.edges.map((edge: any) => edge.node);
    expect(event).toMatchObject({ operation: 'CREATED', version: 1, changedBy: { organization: null, role: 'seed' } });
    expect(event.changedFields.find((field: any) => field.field === 'title').newValue).toBe('LEADER-Region Kleeblatt');
    expect(event.changedFields.filter((field: any) => field.field.startsWith('participants.')).length).toBeGreaterThan(0);
  });
});

describe('the change feed', () => {
  it('returns events with cursors across the subgraphs, continues after a cursor, and filters', async () => {
    const { data, errors } = await graphql(`{ changes(first: 10) { edges { cursor node { id recordType changedAt } } pageInfo { hasNextPage endCursor } } }`);
    expect(errors).toBeUndefined();
    expect(data.changes.edges.length).toBeGreaterThan(0);
    for (const edge of data.changes.edges) expect(edge.cursor).toMatch(/^[\w-]+$/);

    const { cursor } = await harvest(null, undefined, 200);
    const { data: resource } = await graphql(`{ knowledgeResources(first: 1) { edges { node { id version title } } } }`);
    const node = resource.knowledgeResources.edges[0].node;
    const admin = tokens.admin;
    const renamed = await graphql(`mutation($input: UpdateKnowledgeResourceInput!) { updateKnowledgeResource(input: $input) { knowledgeResource { version } } }`,
      { input: { id: node.id, version: node.version, title: `${node.title} (geprüft)` } }, { token: admin });
    expect(renamed.errors).toBeUndefined();
    await graphql(`mutation($input: UpdateKnowledgeResourceInput!) { updateKnowledgeResource(input: $input) { knowledgeResource { version } } }`,
      { input: { id: node.id, version: node.version + 1, title: node.title } }, { token: admin });

    const all = await harvest(cursor, undefined);
    expect(all.events.map((event) => [event.recordType, event.recordId, event.version])).toEqual([
      ['KNOWLEDGE_RESOURCE', node.id, node.version + 1],
      ['KNOWLEDGE_RESOURCE', node.id, node.version + 2],
    ]);
    expect(all.events[0].changedBy).toEqual({ organization: { slug: 'muensterland-e-v' }, role: 'admin' });
    expect((await harvest(cursor, { types: ['PROJECT', 'ORGANIZATION'] })).events).toEqual([]);
    // Nothing new after the end: the end cursor gives an empty page.
    expect((await harvest(all.cursor, undefined)).events).toEqual([]);

    const bad = await graphql(CHANGES, { after: 'forged', first: 5 });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const badFilter = await graphql(CHANGES, { first: 5, filter: { ags: 'x' } });
    expect(badFilter.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.ags' });
    const tooMany = await graphql(CHANGES, { first: 501 });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('a harvester paging while 200 writes run concurrently ends with exactly those 200 events, each record in order', async () => {
    // 20 projects of Kreis Coesfeld, then 10 renames of each: 20 writers at once.
    const rows = Array.from({ length: 20 }, (_, index) => ({ title: `Ernte ${index + 1}: Feed-Test`, summary: 'Projekt für den Test des Änderungs-Feeds.', topicKeys: ['wissenstransfer'] }));
    const imported = await graphql(`mutation($input: ImportProjectsInput!) { importProjects(input: $input) { projects { id version } } }`, { input: { rows } }, { token: tokens.coesfeld });
    expect(imported.errors).toBeUndefined();
    const projects: { id: string; version: number }[] = imported.data.importProjects.projects;
    for (const project of projects) created.push({ id: project.id, token: tokens.coesfeld });
    const filter = { types: ['PROJECT'], organizationId: ids.coesfeld, topicKeys: ['wissenstransfer'] };
    const start = await harvest(null, filter, 500);
    expect(start.events.filter((event) => projects.some((project) => project.id === event.recordId))).toHaveLength(20);

    let writing = true;
    const writes = Promise.all(projects.map(async (project) => {
      let version = project.version;
      for (let round = 1; round <= 10; round += 1) {
        const result = await graphql(UPDATE_PROJECT, { input: { id: project.id, version, title: `Ernte ${project.id.slice(0, 8)} Runde ${round}` } }, { token: tokens.coesfeld });
        expect(result.errors).toBeUndefined();
        version = result.data.updateProject.project.version;
      }
    })).finally(() => { writing = false; });

    const harvested: any[] = [];
    let cursor = start.cursor;
    let pages = 0;
    const deadline = Date.now() + 60_000;
    while ((writing || harvested.length < 200) && Date.now() < deadline) {
      const { data, errors } = await graphql(CHANGES, { after: cursor, first: 7, filter });
      expect(errors).toBeUndefined();
      harvested.push(...data.changes.edges.map((edge: any) => edge.node));
      cursor = data.changes.pageInfo.endCursor;
      pages += 1;
      if (!data.changes.pageInfo.hasNextPage) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await writes;
    harvested.push(...(await harvest(cursor, filter)).events);

    expect(pages).toBeGreaterThan(5);
    const ours = new Set(projects.map((project) => project.id));
    expect(harvested.filter((event) => !ours.has(event.recordId)).map((event) => [event.recordId, event.version, event.operation])).toEqual([]);
    expect(harvested).toHaveLength(200);
    expect(new Set(harvested.map((event) => event.id)).size).toBe(200);
    for (const project of projects) {
      const mine = harvested.filter((event) => event.recordId === project.id);
      expect(mine.map((event) => event.version)).toEqual(Array.from({ length: 10 }, (_, index) => project.version + index + 1));
      expect(mine.map((event) => event.changedFields[0].newValue)).toEqual(Array.from({ length: 10 }, (_, index) => `Ernte ${project.id.slice(0, 8)} Runde ${index + 1}`));
    }
  }, 120_000);

  it('changes(last:) gives the newest events with cursors a harvester can continue from', async () => {
    const { data, errors } = await graphql(`{ changes(last: 3) { edges { cursor node { id changedAt } } pageInfo { endCursor } } }`);
    expect(errors).toBeUndefined();
    expect(data.changes.edges).toHaveLength(3);
    const whole = await harvest(null, undefined, 500);
    expect(data.changes.edges.map((edge: any) => edge.node.id)).toEqual(whole.events.slice(-3).map((event) => event.id));
    // From the cursor of the second-newest edge the feed continues with exactly the newest one.
    const { data: next } = await graphql(CHANGES, { after: data.changes.edges[1].cursor, first: 10 });
    expect(next.changes.edges.map((edge: any) => edge.node.id)).toEqual([data.changes.edges[2].node.id]);
    const both = await graphql(`{ changes(last: 3, first: 2) { edges { cursor } } }`);
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
  });
});

describe('GET /feeds/changes.atom', () => {
  const feed = (query: string, headers: Record<string, string> = {}) => fetch(`${inject('gatewayUrl')}/feeds/changes.atom${query}`, { headers });

  it('shows the newest changes as Atom, filtered by the query string, personal data masked for anonymous readers', async () => {
    const { data: organization } = await graphql(`{ organization(slug: "kreis-borken") { id } }`);
    const created = await graphql(
      `mutation($input: CreateContactPersonInput!) { createContactPerson(input: $input) { contactPerson { id version } } }`,
      { input: { organizationId: organization.organization.id, name: 'Atom <Leserin> & Co', email: 'atom@kreis-borken.de' } },
      { token: tokens.borken },
    );
    expect(created.errors).toBeUndefined();
    try {
      const anonymous = await feed(`?types=ORGANIZATION&organizationId=${organization.organization.id}&limit=1`);
      expect(anonymous.status).toBe(200);
      expect(anonymous.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const xml = await anonymous.text();
      expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
      expect(xml.match(/<entry>/g)).toHaveLength(1);
      expect(xml).toContain('<category term="ORGANIZATION"/>');
      expect(xml).toContain('Atom &lt;Leserin&gt; &amp; Co');
      expect(xml).toContain('(persönliche Daten nur für angemeldete Partner)');
      expect(xml).toContain('<title>Organisation geändert: Kreis Borken</title>');
      expect(xml).not.toContain('atom@kreis-borken.de');
      const signedIn = await (await feed(`?types=ORGANIZATION&organizationId=${organization.organization.id}&limit=1`, { authorization: `Bearer ${tokens.borken}` })).text();
      expect(signedIn).toContain('atom@kreis-borken.de');
    } finally {
      const person = created.data.createContactPerson.contactPerson;
      await graphql(`mutation($input: RemoveContactPersonInput!) { removeContactPerson(input: $input) { removedContactPersonId } }`,
        { input: { id: person.id, version: person.version } }, { token: tokens.borken });
    }
  });

  it('refuses unknown parameters and wrong values with 400 naming the parameter', async () => {
    for (const [query, parameter] of [['?colour=red', 'colour'], ['?types=PEOPLE', 'types'], ['?limit=0', 'limit'], ['?ags=abc', 'ags']]) {
      const response = await feed(query);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0].extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', parameter });
    }
  });
});
