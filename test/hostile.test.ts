import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signPartnerToken } from '../shared/auth.js';
import { tokenFor } from './client.js';
import { fingerprintAll } from './database.js';

/**
 * A corpus of hostile requests through the gateway. Each gets a 4xx or a GraphQL error with a
 * code (or plain data, for odd but harmless search text) — never a 5xx, never a hang — and no
 * database changes.
 */
interface Case {
  name: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: string;
  variables?: Record<string, unknown>;
  /** Raw body, sent as is. */
  raw?: string;
  headers?: Record<string, string>;
  search?: string;
  token?: () => Promise<string>;
  /** Another path of the gateway (GET): `/export/…`, `/profiles/…`, `/playground/…`. */
  path?: string;
  /** The refusal this case must get: a GraphQL error with this code and field (an export's: and parameter). */
  refused?: { code: string | RegExp; field?: string | RegExp; parameter?: string };
}

const COOPERATION = 'informelle-regionalentwicklung-im-muensterland';
const nest = (field: string, depth: number, leaf: string) => `${`${field} { `.repeat(depth)}${leaf}${' }'.repeat(depth)}`;

const transport: Case[] = [
  { name: 'unterminated JSON', raw: '{"query": "{ topics { key } }"' },
  { name: 'empty body', raw: '' },
  { name: 'JSON null', raw: 'null' },
  { name: 'JSON empty array', raw: '[]' },
  { name: 'JSON string', raw: '"{ topics { key } }"' },
  { name: 'JSON number', raw: '12345' },
  { name: 'query is a number', raw: '{"query": 42}' },
  { name: 'query is null', raw: '{"query": null}' },
  { name: 'query is an object', raw: '{"query": {"a": 1}}' },
  { name: 'variables are a string', raw: '{"query": "{ topics { key } }", "variables": "nope"}' },
  { name: 'variables are an array', raw: '{"query": "{ topics { key } }", "variables": [1, 2]}' },
  { name: 'operationName is an object', raw: '{"query": "{ topics { key } }", "operationName": {"x": 1}}' },
  { name: 'JSON nested 5000 deep', raw: `{"query": "{ topics { key } }", "variables": {"x": ${'['.repeat(5000)}${']'.repeat(5000)}}}` },
  { name: 'text/plain body', raw: '{"query": "{ topics { key } }"}', headers: { 'content-type': 'text/plain' } },
  { name: 'form body', raw: 'query=%7B%20topics%20%7B%20key%20%7D%20%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  { name: 'XML body', raw: '<query>{ topics { key } }</query>', headers: { 'content-type': 'application/xml' } },
  { name: 'no content type', raw: '{"query": "{ topics { key } }"}', headers: { 'content-type': '' } },
  { name: 'multipart body', raw: '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ topics { key } }\r\n--x--', headers: { 'content-type': 'multipart/form-data; boundary=x' } },
  { name: 'unknown charset', raw: '{"query": "{ topics { key } }"}', headers: { 'content-type': 'application/json; charset=ebcdic' } },
  { name: 'gzip claimed, plain sent', raw: '{"query": "{ topics { key } }"}', headers: { 'content-encoding': 'gzip' } },
  { name: 'GET with a mutation', method: 'GET', query: 'mutation { archiveProject(input: { id: "00000000-0000-0000-0000-000000000000", version: 1 }) { project { id } } }', headers: { 'apollo-require-preflight': 'true' } },
  { name: 'GET without preflight header', method: 'GET', query: '{ topics { key } }' },
  { name: 'GET with a 100 kB query', method: 'GET', query: `{ topics { ${'key '.repeat(25_000)} } }`, headers: { 'apollo-require-preflight': 'true' } },
  { name: 'PUT', method: 'PUT', raw: '{"query": "{ topics { key } }"}' },
  { name: 'DELETE', method: 'DELETE' },
  { name: 'batched operations', raw: JSON.stringify([{ query: '{ topics { key } }' }, { query: '{ topics { key } }' }]) },
  { name: 'body over 1 MB', raw: JSON.stringify({ query: '{ topics { key } }', variables: { pad: 'x'.repeat(1_200_000) } }) },
];

const structure: Case[] = [
  { name: 'syntax error', query: '{ topics { key }' },
  { name: 'empty document', query: '' },
  { name: 'only a fragment', query: 'fragment F on Topic { key }' },
  { name: 'unknown field', query: '{ topics { password } }' },
  { name: 'unknown root field', query: '{ users { id } }' },
  { name: 'fragment on unknown type', query: '{ ...F } fragment F on Secret { id }' },
  { name: 'depth 50', query: `{ organization(slug: "kreis-borken") { ${nest('parent', 50, 'name')} } }` },
  { name: 'depth bomb through children', query: `{ organizations(first: 5) { edges { node { ${nest('children', 12, 'name')} } } } }` },
  { name: 'wide: 6000 fields', query: `{ topics { ${'key name '.repeat(3000)} } }` },
  { name: '31 aliases', query: `{ topics { ${Array.from({ length: 31 }, (_, i) => `a${i}: key`).join(' ')} } }` },
  { name: 'alias bomb through fragments', query: `{ ...A } fragment A on Query { ${Array.from({ length: 10 }, (_, i) => `q${i}: topics { ...B }`).join(' ')} } fragment B on Topic { ${Array.from({ length: 10 }, (_, i) => `k${i}: key`).join(' ')} }` },
  {
    name: 'fragment bomb (10^8 expansions)',
    query: `{ topics { ...F0 } } ${Array.from({ length: 8 }, (_, i) => `fragment F${i} on Topic { ${Array.from({ length: 10 }, () => `...F${i + 1}`).join(' ')} }`).join(' ')} fragment F8 on Topic { key }`,
  },
  { name: 'circular fragments', query: '{ topics { ...A } } fragment A on Topic { key ...B } fragment B on Topic { name ...A }' },
  { name: 'self-referencing fragment', query: '{ topics { ...A } } fragment A on Topic { ...A }' },
  { name: '25 root fields', query: `{ ${Array.from({ length: 25 }, (_, i) => `t${i}: topics { key }`).join(' ')} }` },
  { name: '60 directives', query: `{ topics { key ${'@include(if: true) '.repeat(60)} } }` },
  { name: 'unknown directive', query: '{ topics { key @evil } }' },
  { name: 'directive with wrong argument type', query: '{ topics { key @skip(if: "yes") } }' },
  { name: 'operationName not in document', query: 'query A { topics { key } }', variables: {} },
  { name: 'two anonymous operations', query: '{ topics { key } } { topics { name } }' },
  { name: 'subscription', query: 'subscription { topics { key } }' },
  { name: 'deep introspection', query: `{ __schema { types { ${nest('fields', 1, nest('type', 15, 'name'))} } } }` },
  { name: 'cost bomb', query: '{ projects(first: 500) { edges { node { participants { organization { children { name children { name } } } } } } } }' },
  { name: '500 kB string argument', query: `{ project(slug: "${'a'.repeat(500_000)}") { id } }` },
  { name: 'first as a string', query: 'query($n: Int!) { projects(first: $n) { totalCount } }', variables: { n: 'ten' } },
  { name: 'first negative', query: '{ projects(first: -1) { totalCount } }' },
  { name: 'first a billion', query: '{ projects(first: 1000000000) { totalCount } }' },
  { name: 'first over Int range', query: '{ projects(first: 2147483648) { totalCount } }' },
  { name: 'first as a float', query: 'query($n: Int!) { projects(first: $n) { totalCount } }', variables: { n: 1.5 } },
  { name: 'missing required variable', query: 'query($key: String!) { topic(key: $key) { name } }' },
  { name: 'variable of an unknown type', query: 'query($x: Secret) { topics { key } }', variables: { x: 1 } },
  { name: 'garbage cursor', query: '{ projects(after: "!!!") { totalCount } }' },
  { name: 'cursor of valid base64, wrong shape', query: `{ projects(after: "${Buffer.from('{"a":1}').toString('base64url')}") { totalCount } }` },
  { name: 'cursor with a SQL payload', query: `{ organizations(after: "${Buffer.from(JSON.stringify(["x' or 1=1 --", 'y'])).toString('base64url')}") { totalCount } }` },
  { name: 'invalid UUID as id', query: '{ project(id: "1 or 1=1") { id } }' },
  { name: 'unknown UUID', query: '{ project(id: "00000000-0000-0000-0000-000000000000") { id } }' },
  { name: 'id as a number', query: '{ organization(id: 12) { id } }' },
  { name: 'AGS with letters', query: '{ organization(ags: "05554abc") { id } }' },
  { name: 'AGS SQL', query: `{ organizations(filter: { parentAgs: "05554' or '1'='1" }) { totalCount } }` },
  { name: 'enum value unknown', query: '{ organizations(filter: { kind: [EMPIRE] }) { totalCount } }' },
  { name: '_entities through the gateway', query: '{ _entities(representations: [{ __typename: "Organization", id: "x" }]) { __typename } }' },
  { name: '_service through the gateway', query: '{ _service { sdl } }' },
];

const HOSTILE_TEXT = [
  "'", '"', "'; drop table project; --", '%', '_', '\\', '%_\\%', '*:*', 'a & b | !c <-> d', '(((', ')))', '<script>alert(1)</script>',
  '🏰🚲🌾', 'Mu\u0308nster', '\u202Eretsnüm', 'مونستر', 'a\u0000b', '\ud800', 'x'.repeat(10_000), 'Z̸̡̛͓a̶l̵g̴o̶', '$1 $$ :: ::text', '\n\t\r',
];

const textFields: [string, (text: string) => Case][] = [
  ['projects filter.text', (text) => ({ name: '', query: 'query($t: String) { projects(filter: { text: $t }, first: 5) { totalCount edges { node { slug } } } }', variables: { t: text } })],
  ['knowledgeResources filter.text', (text) => ({ name: '', query: 'query($t: String) { knowledgeResources(filter: { text: $t }, first: 5) { totalCount } }', variables: { t: text } })],
  ['organizations filter.name', (text) => ({ name: '', query: 'query($t: String) { organizations(filter: { name: $t }) { totalCount } }', variables: { t: text } })],
  ['organization slug', (text) => ({ name: '', query: 'query($t: String) { organization(slug: $t) { id } }', variables: { t: text } })],
  ['project slug', (text) => ({ name: '', query: 'query($t: String) { project(slug: $t) { id } }', variables: { t: text } })],
];
const texts: Case[] = textFields.flatMap(([field, make]) =>
  HOSTILE_TEXT.map((text, index) => ({ ...make(text), name: `${field}: hostile text #${index} ${JSON.stringify(text.slice(0, 20))}` })),
);

const UPDATE = 'mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { id version title } } }';
const cooperationId = async () => {
  const response = await fetch(`${inject('gatewayUrl')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ project(slug: "${COOPERATION}") { id version } }` }),
  });
  return ((await response.json()) as any).data.project as { id: string; version: number };
};
const borken = async () => {
  const response = await fetch(`${inject('gatewayUrl')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ organization(slug: "kreis-borken") { id version } }' }),
  });
  return ((await response.json()) as any).data.organization as { id: string; version: number };
};
const auth: Case[] = [
  { name: 'Authorization without token', query: '{ topics { key } }', headers: { authorization: 'Bearer' } },
  { name: 'Authorization three dots', query: '{ topics { key } }', headers: { authorization: 'Bearer x.y.z' } },
  { name: 'Basic credentials', query: '{ topics { key } }', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } },
  { name: '10 kB token', query: '{ topics { key } }', headers: { authorization: `Bearer ${'a'.repeat(10_000)}` } },
  {
    name: 'alg none token',
    query: '{ topics { key } }',
    headers: {
      authorization: `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ org: 'muensterland-e-v', role: 'admin', exp: 4102444800 })).toString('base64url')}.`,
    },
  },
  { name: 'wrongly signed token', query: '{ topics { key } }', token: () => signPartnerToken({ org: 'muensterland-e-v', role: 'admin' }, '1h', 'not-the-secret') },
  { name: 'expired token', query: '{ topics { key } }', token: () => tokenFor('kreis-borken', 'editor', -60) },
  { name: 'unknown organization', query: '{ topics { key } }', token: () => tokenFor('kreis-atlantis', 'admin') },
  { name: 'unknown role', query: '{ topics { key } }', token: () => tokenFor('kreis-borken', 'superuser' as never) },
];
const writes: Case[] = [
  { name: 'anonymous update', query: UPDATE, variables: { input: { id: '00000000-0000-0000-0000-000000000000', version: 1, title: 'x' } } },
  { name: 'viewer update', query: UPDATE, variables: { input: { id: '00000000-0000-0000-0000-000000000000', version: 1, title: 'x' } }, token: () => tokenFor('kreis-borken', 'viewer') },
  { name: 'foreign editor update', query: UPDATE, variables: { input: { id: '', version: 1, title: 'Gekapert' } }, token: () => tokenFor('kreis-coesfeld', 'editor') },
  { name: 'empty title', query: UPDATE, variables: { input: { id: '', version: 1, title: '' } }, token: () => tokenFor('kreis-borken', 'editor') },
  { name: '600 character title', query: UPDATE, variables: { input: { id: '', version: 1, title: 'T'.repeat(600) } }, token: () => tokenFor('kreis-borken', 'editor') },
  { name: 'NUL in title', query: UPDATE, variables: { input: { id: '', version: 1, title: 'a\u0000b' } }, token: () => tokenFor('kreis-borken', 'editor') },
  { name: 'stale version', query: UPDATE, variables: { input: { id: '', version: -5, title: 'Neu' } }, token: () => tokenFor('kreis-borken', 'editor') },
  { name: 'cooperatingSince 1900', query: UPDATE, variables: { input: { id: '', version: 1, cooperatingSince: 1900 } }, token: () => tokenFor('kreis-borken', 'editor') },
  { name: 'cooperatingSince in the future', query: UPDATE, variables: { input: { id: '', version: 1, cooperatingSince: 2999 } }, token: () => tokenFor('kreis-borken', 'editor') },
  { name: 'unknown topic key', query: UPDATE, variables: { input: { id: '', version: 1, topicKeys: ['gibt-es-nicht'] } }, token: () => tokenFor('kreis-borken', 'editor') },
  { name: 'malformed source URL', query: UPDATE, variables: { input: { id: '', version: 1, sourceUrl: 'javascript:alert(1)' } }, token: () => tokenFor('kreis-borken', 'editor') },
  { name: 'malformed contact e-mail', query: UPDATE, variables: { input: { id: '', version: 1, contact: { email: 'not an e-mail' } } }, token: () => tokenFor('kreis-borken', 'editor') },
  {
    name: 'create with unknown lead',
    query: 'mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }',
    variables: { input: { title: 'Feindliches Projekt', summary: 'x', leadOrganizationId: '00000000-0000-0000-0000-000000000000', topicKeys: [] } },
    token: () => tokenFor('kreis-borken', 'editor'),
  },
  {
    name: 'create with SQL in title and bad topic',
    query: 'mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }',
    variables: { input: { title: "'); drop table project; --", summary: 'x', topicKeys: ['; drop'] } },
    token: () => tokenFor('kreis-borken', 'editor'),
  },
];

/** Control characters and broken Unicode that PostgreSQL cannot hold or partners should not read. */
const CONTROL = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b[31m', '\u007f', '\ud800', '\udfff'];
const editor = () => tokenFor('kreis-borken', 'editor');
const CREATE_PROJECT = 'mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }';
const CREATE_RESOURCE = 'mutation($input: CreateKnowledgeResourceInput!) { createKnowledgeResource(input: $input) { knowledgeResource { id } } }';
const UPDATE_ORGANIZATION = 'mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }';
const CREATE_PERSON = 'mutation($input: CreateContactPersonInput!) { createContactPerson(input: $input) { contactPerson { id } } }';
const evil = (char: string) => `Kreis${char}Borken`;
/** Write inputs: every text a partner writes, in each subgraph, refused with the field named. */
const controlWrites: [string, string, (text: string) => Record<string, unknown>, string | RegExp][] = [
  ['updateProject title', UPDATE, (text) => ({ id: '', version: 1, title: text }), 'input.title'],
  ['updateProject summary', UPDATE, (text) => ({ id: '', version: 1, summary: text }), 'input.summary'],
  ['updateProject goal', UPDATE, (text) => ({ id: '', version: 1, goal: text }), 'input.goal'],
  ['updateProject keywords', UPDATE, (text) => ({ id: '', version: 1, keywords: ['Kooperation', text] }), /^input\.keywords/],
  ['updateProject contact.name', UPDATE, (text) => ({ id: '', version: 1, contact: { name: text } }), 'input.contact.name'],
  ['createProject title', CREATE_PROJECT, (text) => ({ title: text, summary: 'Zusammenfassung', topicKeys: [] }), 'input.title'],
  ['createKnowledgeResource summary', CREATE_RESOURCE, (text) => ({ title: 'Feindliche Ressource', kind: 'DOCUMENT', summary: text }), 'input.summary'],
  ['createKnowledgeResource body', CREATE_RESOURCE, (text) => ({ title: 'Feindliche Ressource', kind: 'DOCUMENT', summary: 'x', body: text }), 'input.body'],
  ['updateOrganization description', UPDATE_ORGANIZATION, (text) => ({ id: 'borken', version: 0, description: text }), 'input.description'],
  ['updateOrganization address.city', UPDATE_ORGANIZATION, (text) => ({ id: 'borken', version: 0, address: { city: text } }), 'input.address.city'],
];
const controlWriteCases: Case[] = controlWrites.flatMap(([label, query, input, field]) =>
  CONTROL.map((char, index) => ({
    name: `control character #${index} ${JSON.stringify(char)} in ${label}`,
    query,
    variables: { input: input(evil(char)) },
    token: editor,
    refused: { code: 'BAD_USER_INPUT', field },
  })),
);
/** Lookups and filters: data (control characters stripped, or no match) or BAD_USER_INPUT, never an internal error. */
const controlReads: [string, string][] = [
  ['organizations filter.name', 'query($t: String) { organizations(filter: { name: $t }) { totalCount } }'],
  ['organization slug', 'query($t: String) { organization(slug: $t) { id } }'],
  ['organization ags', 'query($t: String) { organization(ags: $t) { id } }'],
  ['knowledgeResource slug', 'query($t: String) { knowledgeResource(slug: $t) { id } }'],
  ['topic key', 'query($t: String!) { topic(key: $t) { key } }'],
  ['knowledgeResources filter.language', 'query($t: String) { knowledgeResources(filter: { language: $t }) { totalCount } }'],
];
const controlReadCases: Case[] = controlReads.flatMap(([label, query]) =>
  CONTROL.map((char, index) => ({ name: `control character #${index} ${JSON.stringify(char)} in ${label}`, query, variables: { t: evil(char).toLowerCase() } })),
);

/** Calendar dates that do not exist, and date-times out of shape: refused before any SQL. */
const IMPOSSIBLE_DATES = ['0000-01-01', '2026-13-01', '2026-00-10', '2026-02-30', '2023-02-29', '2026-04-31', '10000-01-01', '2026-1-1', '-2026-01-01', '2026-01-01T00:00:00Z', 'gestern', ''];
const dateCases: Case[] = [
  ...IMPOSSIBLE_DATES.map((date) => ({
    name: `activeOn variable ${JSON.stringify(date)}`,
    query: 'query($d: Date) { projects(filter: { activeOn: $d }) { totalCount } }',
    variables: { d: date },
    refused: { code: 'BAD_USER_INPUT' },
  })),
  ...IMPOSSIBLE_DATES.map((date) => ({
    name: `activeOn literal ${JSON.stringify(date)}`,
    query: `{ projects(filter: { activeOn: ${JSON.stringify(date)} }) { totalCount } }`,
    // A literal is part of the document: the subgraph refuses the document.
    refused: { code: /^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/ },
  })),
  ...['0000-01-01', '2026-13-01', '2026-02-30'].map((date) => ({
    name: `updateProject startDate ${date}`,
    query: UPDATE,
    variables: { input: { id: '', version: 1, startDate: date } },
    token: editor,
    refused: { code: 'BAD_USER_INPUT' },
  })),
  ...['2026-13-01T00:00:00Z', '2026-02-30T12:00:00Z', '2026-01-01T25:00:00Z', '2026-01-01', 'now', '+275760-09-14T00:00:00Z'].map((instant) => ({
    name: `modifiedSince ${instant}`,
    query: 'query($d: DateTimeISO) { projects(filter: { modifiedSince: $d }) { totalCount } knowledgeResources(filter: { modifiedSince: $d }) { totalCount } }',
    variables: { d: instant },
    refused: { code: 'BAD_USER_INPUT' },
  })),
];

/** The gateway's other doors: exports, profile sheets, playground assets. */
const EXPORT_REFUSALS: [string, string][] = [
  ['projects.csv?modifiedSince=2026-13-01', 'modifiedSince'],
  ['projects.csv?modifiedSince=0000-01-01', 'modifiedSince'],
  ['projects.csv?modifiedSince=2026-02-30T10:00:00Z', 'modifiedSince'],
  ['projects.csv?modifiedSince=2026-01-01T25:00:00Z', 'modifiedSince'],
  ['projects.csv?createdSince=gestern', 'createdSince'],
  ['projects.csv?activeOn=0000-01-01', 'activeOn'],
  ['projects.csv?activeOn=2026-13-01', 'activeOn'],
  ['projects.csv?activeOn=2026-02-29', 'activeOn'],
  ['projects.json?activeOn=99999-01-01', 'activeOn'],
  ['resources.csv?modifiedSince=2026-00-00', 'modifiedSince'],
  ['projects.csv?__proto__=1', '__proto__'],
  ['projects.csv?constructor=x', 'constructor'],
  ['projects.csv?toString=x', 'toString'],
  ['projects.csv?hasOwnProperty=x', 'hasOwnProperty'],
  ['organizations.csv?separator=__proto__', 'separator'],
  ['organizations.csv?decimal=constructor', 'decimal'],
  ['projects.csv?pageSize=1e3', 'pageSize'],
  ['projects.csv?pageSize=__proto__', 'pageSize'],
  ['projects.csv?includeArchived=constructor', 'includeArchived'],
  ['projects.csv?status=__proto__', 'status'],
  ['projects.csv?orderBy=constructor', 'orderBy'],
  ['projects.csv?topicKeys=%00', 'topicKeys'],
];
const routeCases: Case[] = [
  ...EXPORT_REFUSALS.map(([query, parameter]) => ({ name: `GET /export/${query}`, path: `/export/${query}`, refused: { code: 'BAD_USER_INPUT', parameter } })),
  ...['organizations.csv?name=%00', 'organizations.json?name=Kreis%00Borken', 'projects.csv?text=%00%01%1b', 'resources.json?text=%ud800', 'projects.csv?activeOn=2024-02-29'].map((query) => ({
    name: `GET /export/${query} (harmless)`,
    path: `/export/${query}`,
  })),
  ...['__proto__.csv', 'constructor.json', 'toString.csv', 'projects.__proto__', 'projects.csv%00', '..%2f..%2fpackage.json'].map((file) => ({ name: `GET /export/${file}`, path: `/export/${file}` })),
  ...['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf', '..%2fpackage.json', '%2e%2e%2f%2e%2e%2fpackage.json', 'graphiql.min.js%00', 'prototype'].map((asset) => ({
    name: `GET /playground/${asset}`,
    path: `/playground/${asset}`,
  })),
  ...['__proto__.pdf', 'constructor.html', 'toString.pdf', '__proto__', 'a%00b.pdf', `${'a'.repeat(600)}.pdf`, '..%2f..%2fpackage.json', 'informelle-regionalentwicklung-im-muensterland.exe', '%E2%80%AEfdp.html'].map((file) => ({
    name: `GET /profiles/${file.slice(0, 40)}`,
    path: `/profiles/${file}`,
  })),
];

const corpus = [...transport, ...structure, ...texts, ...auth, ...writes, ...controlWriteCases, ...controlReadCases, ...dateCases, ...routeCases];

async function send(testCase: Case): Promise<{ status: number; body: any }> {
  const base = `${inject('gatewayUrl')}/graphql`;
  const method = testCase.method ?? (testCase.path ? 'GET' : 'POST');
  const headers: Record<string, string> = { 'content-type': 'application/json', ...testCase.headers };
  if (headers['content-type'] === '') delete headers['content-type'];
  if (testCase.token) headers.authorization = `Bearer ${await testCase.token()}`;
  let url = base;
  let body: string | undefined;
  if (testCase.path) {
    url = `${inject('gatewayUrl')}${testCase.path}`;
  } else if (method === 'GET') {
    url = `${base}?query=${encodeURIComponent(testCase.query ?? '')}`;
  } else if (testCase.raw !== undefined) {
    body = testCase.raw;
  } else if (method === 'POST') {
    let variables = testCase.variables;
    if (variables?.input && (variables.input as any).id === '') {
      const { id, version } = await cooperationId();
      const input = variables.input as Record<string, unknown>;
      variables = { input: { ...input, id, version: input.version === -5 ? version - 1 : version } };
    } else if (variables?.input && (variables.input as any).id === 'borken') {
      variables = { input: { ...(variables.input as Record<string, unknown>), ...(await borken()) } };
    }
    body = JSON.stringify({ query: testCase.query, variables, ...(testCase.name.startsWith('operationName') ? { operationName: 'B' } : {}) });
  }
  const response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let parsed: any = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed };
}

describe('hostile input corpus through the gateway', () => {
  let before: Awaited<ReturnType<typeof fingerprintAll>>;
  beforeAll(async () => {
    before = await fingerprintAll();
  });
  afterAll(async () => {
    // Nothing any case sent may have changed any database.
    expect(await fingerprintAll()).toEqual(before);
  });

  it('has at least 400 cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
  });

  it.each(corpus.map((testCase) => ({ ...testCase, label: testCase.name })))('$label', async (testCase) => {
    const { status, body } = await send(testCase);
    const shown = JSON.stringify(body).slice(0, 300);
    expect(status, shown).toBeLessThan(500);
    // Nothing in any answer tells how the system is built: no stack, no SQL, no paths, no addresses.
    expect(typeof body === 'string' ? body : JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+|node_modules|select .* from|postgres(ql)?:\/\/|\/work\/|\/tmp\/|\/home\/|\/root\//i);
    const errors: any[] = Array.isArray(body?.errors) ? body.errors : [];
    // Every error carries a code, and none is an internal error: hostile input is the client's mistake.
    for (const error of errors) {
      expect(error.extensions?.code, JSON.stringify(error)).toEqual(expect.any(String));
      expect(error.extensions.code, JSON.stringify(error)).not.toBe('INTERNAL_SERVER_ERROR');
    }
    if (testCase.refused) {
      const { code } = testCase.refused;
      expect(errors[0]?.extensions, shown).toMatchObject({
        code: typeof code === 'string' ? code : expect.stringMatching(code),
        ...(testCase.refused.parameter ? { parameter: testCase.refused.parameter } : {}),
        ...(testCase.refused.field ? { field: typeof testCase.refused.field === 'string' ? testCase.refused.field : expect.stringMatching(testCase.refused.field) } : {}) });
    }
  });
});
