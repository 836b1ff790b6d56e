import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphql, tokenFor } from './client.js';

/**
 * `GET /export/…` against the running system: the same rows as the GraphQL query with the same
 * filter, CSV that a spreadsheet opens cleanly (BOM, header, quoting, no formulas), JSON that
 * parses, paging through all organizations, errors with codes. The one project created here has
 * the topic `wirtschaftsfoerderung`, which no other test counts, and is archived at the end.
 */

const PROJECT_COLUMNS = [
  'id', 'slug', 'title', 'status', 'summary', 'topicKeys', 'keywords', 'lead', 'leadName', 'participants', 'municipalityAgs',
  'occasion', 'goal', 'implementation', 'financing', 'legalForm', 'cooperatingSince', 'startDate', 'endDate',
  'contact.name', 'contact.street', 'contact.postalCode', 'contact.city', 'contact.phone', 'contact.email', 'contact.website',
  'distinctions', 'sourceAttribution', 'sourceUrl', 'profileUrl', 'isSample', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'archivedAt',
];

const TRICKY = {
  title: 'Beispiel: Export mit "Anführungszeichen"; Semikolon, Komma',
  summary: 'Erste Zeile der Zusammenfassung.\nZweite Zeile.',
  keywords: ['=SUMME(A1:A2)', 'Kommas, und Punkte'],
  goal: '-1 ist kein Ziel',
  occasion: '@Anlass',
  implementation: '+Umsetzung',
  topicKeys: ['wirtschaftsfoerderung'],
};

const exportUrl = (path: string) => `${inject('gatewayUrl')}/export/${path}`;
const get = (path: string, headers: Record<string, string> = {}) => fetch(exportUrl(path), { headers });
const csvRows = (text: string, delimiter = ',') => parse(text, { bom: true, columns: true, delimiter }) as Record<string, string>[];

async function ids<T = string>(query: string, variables: Record<string, unknown>, field: string, pick: (node: any) => T = (node) => node.id): Promise<T[]> {
  const { data, errors } = await graphql(query, variables);
  expect(errors).toBeUndefined();
  return data[field].edges.map((edge: { node: unknown }) => pick(edge.node));
}

const tokens: Record<string, string> = {};
let tricky: { id: string; version: number };
let coesfeldId: string;
let person: { id: string; version: number } | undefined;

beforeAll(async () => {
  tokens.coesfeld = await tokenFor('kreis-coesfeld', 'editor');
  tokens.warendorf = await tokenFor('kreis-warendorf', 'editor');
  const created = await graphql(`mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id version lead { id } } } }`, { input: TRICKY }, { token: tokens.coesfeld });
  expect(created.errors).toBeUndefined();
  tricky = created.data.createProject.project;
  coesfeldId = created.data.createProject.project.lead.id;
});

afterAll(async () => {
  if (tricky) await graphql(`mutation($input: ArchiveProjectInput!) { archiveProject(input: $input) { project { id } } }`, { input: { id: tricky.id, version: tricky.version } }, { token: tokens.coesfeld });
  if (person) await graphql(`mutation($input: RemoveContactPersonInput!) { removeContactPerson(input: $input) { removedContactPersonId } }`, { input: person }, { token: tokens.warendorf });
});

describe('GET /export/projects.csv', () => {
  it('has a BOM, the header row and the same rows as the GraphQL query with the same filter', async () => {
    const response = await get('projects.csv?topicKeys=leader&status=ACTIVE');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="projects.csv"');
    // Read as bytes: `text()` would drop the BOM.
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = bytes.toString('utf8').slice(1);
    expect(body.split('\r\n')[0]).toBe(PROJECT_COLUMNS.join(','));

    const rows = csvRows(body);
    const expected = await ids(
      `{ projects(filter: { topicKeys: ["leader"], status: [ACTIVE] }, first: 500) { edges { node { id title keywords lead { slug } municipalityAgs } } } }`, {}, 'projects',
      (node) => ({ id: node.id, title: node.title, keywords: node.keywords.join(';'), lead: node.lead?.slug ?? '', municipalityAgs: node.municipalityAgs.join(';') }),
    );
    expect(expected).toHaveLength(9);
    expect(rows.map(({ id, title, keywords, lead, municipalityAgs }) => ({ id, title, keywords, lead, municipalityAgs }))).toEqual(expected);
    expect(rows.every((row) => row.status === 'ACTIVE' && row.topicKeys.split(';').includes('leader'))).toBe(true);
  });

  it('quotes separators, quotes and line breaks (RFC 4180) and defuses formulas', async () => {
    const response = await get(`projects.csv?organizationId=${coesfeldId}&topicKeys=wirtschaftsfoerderung`);
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer()).toString('utf8');
    expect(body.endsWith('\r\n')).toBe(true);
    expect(body).toContain('"Beispiel: Export mit ""Anführungszeichen""; Semikolon, Komma"');
    expect(body).toContain('"Erste Zeile der Zusammenfassung.\nZweite Zeile."');

    const [row] = csvRows(body).filter((entry) => entry.id === tricky.id);
    expect(row).toMatchObject({
      title: TRICKY.title,
      summary: TRICKY.summary,
      // Cells a spreadsheet would run as formulas start with an apostrophe.
      keywords: "'=SUMME(A1:A2);Kommas, und Punkte",
      goal: "'-1 ist kein Ziel",
      occasion: "'@Anlass",
      implementation: "'+Umsetzung",
      lead: 'kreis-coesfeld',
      createdBy: 'kreis-coesfeld',
    });
  });

  it('writes semicolons and decimal commas for German Excel', async () => {
    const body = Buffer.from(await (await get('organizations.csv?kind=KREIS&separator=semicolon&decimal=comma')).arrayBuffer()).toString('utf8');
    expect(body.split('\r\n')[0]).toMatch(/^\uFEFFid;slug;name;officialName;kind;ags;parent;parentAgs;population;/);
    const rows = csvRows(body, ';');
    expect(rows.map((row) => row.slug).sort()).toEqual(['kreis-borken', 'kreis-coesfeld', 'kreis-steinfurt', 'kreis-warendorf']);
    expect(rows.find((row) => row.slug === 'kreis-borken')!.areaKm2).toBe('1420,98');
  });
});

describe('spreadsheets people open', () => {
  it('writes .xlsx with German headers, a frozen header row and typed cells: AGS as text, dates as dates, numbers as numbers', async () => {
    const response = await get('projects.xlsx?topicKeys=leader&status=ACTIVE');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="projects.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('Projekte')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    expect(headers.slice(0, 11)).toEqual(['ID', 'Kurzname', 'Titel', 'Status', 'Kurzbeschreibung', 'Themen', 'Stichworte', 'Hauptverantwortlich', 'Hauptverantwortlich (Name)', 'Sonstige Beteiligte', 'Gemeindeschlüssel (AGS)']);
    expect(sheet.rowCount).toBe(10);
    const column = (header: string) => headers.indexOf(header) + 1;
    const baumberge = sheet.getRows(2, 9)!.find((row) => row.getCell(column('Titel')).value === 'LEADER-Region Baumberge')!;
    const ags = baumberge.getCell(column('Gemeindeschlüssel (AGS)'));
    expect(ags.type).toBe(ExcelJS.ValueType.String);
    expect(String(ags.value)).toMatch(/^0555\d{4}(;0\d{7})*$/);
    expect(ags.numFmt).toBe('@');
    expect(baumberge.getCell(column('Beginn')).value).toEqual(new Date('2023-01-01T00:00:00Z'));
    expect(baumberge.getCell(column('Zusammenarbeit seit')).value).toBe(2023);
    expect(baumberge.getCell(column('Version')).type).toBe(ExcelJS.ValueType.Number);
    expect(baumberge.getCell(column('Beispieldatensatz')).value).toBe(false);
    expect(baumberge.getCell(column('Angelegt am')).value).toBeInstanceOf(Date);
  });

  it('writes organizations with the Kreis AGS as text (05554, not 5554) and areas as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await get('organizations.xlsx?kind=KREIS')).arrayBuffer());
    const sheet = workbook.getWorksheet('Organisationen')!;
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    const borken = sheet.getRows(2, sheet.rowCount - 1)!.find((row) => row.getCell(headers.indexOf('Kurzname') + 1).value === 'kreis-borken')!;
    expect(borken.getCell(headers.indexOf('Amtlicher Gemeindeschlüssel (AGS)') + 1).value).toBe('05554');
    expect(borken.getCell(headers.indexOf('Fläche (km²)') + 1).value).toBe(1420.98);
    expect(borken.getCell(headers.indexOf('Einwohner: Stichtag') + 1).value).toEqual(new Date('2022-05-15T00:00:00Z'));
  });

  it('gives German headers in CSV with ?lang=de and keeps AGS as text for spreadsheets (="05554")', async () => {
    const body = Buffer.from(await (await get('organizations.csv?kind=KREIS&lang=de&separator=semicolon')).arrayBuffer()).toString('utf8');
    expect(body.split('\r\n')[0]).toMatch(/^\uFEFFID;Kurzname;Name;Amtlicher Name;Art;Amtlicher Gemeindeschlüssel \(AGS\);Übergeordnet;AGS übergeordnet;Einwohner;/);
    expect(body).toContain(';"=""05554""";');
    const rows = csvRows(body, ';');
    expect(rows.find((row) => row.Kurzname === 'kreis-borken')!['Amtlicher Gemeindeschlüssel (AGS)']).toBe('="05554"');
    const bad = await get('projects.csv?lang=fr');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', parameter: 'lang' });
  });
});

describe('GET /export/*.json', () => {
  it('is one parseable array with the same rows and typed values', async () => {
    const response = await get('projects.json?topicKeys=leader&status=ACTIVE');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const rows = (await response.json()) as Record<string, any>[];
    const csv = csvRows(Buffer.from(await (await get('projects.csv?topicKeys=leader&status=ACTIVE')).arrayBuffer()).toString('utf8'));
    expect(rows.map((row) => row.id)).toEqual(csv.map((row) => row.id));
    // The same fields as the CSV columns, `contact.*` nested as `contact`.
    expect(Object.keys(rows[0])).toEqual([...PROJECT_COLUMNS.slice(0, 19), 'contact', ...PROJECT_COLUMNS.slice(26)]);
    expect(rows[0].topicKeys).toContain('leader');
    expect(Array.isArray(rows[0].municipalityAgs)).toBe(true);
    expect(Object.keys(rows[0].contact)).toEqual(['name', 'street', 'postalCode', 'city', 'phone', 'email', 'website']);
    expect(typeof rows[0].version).toBe('number');
  });

  it('exports knowledge resources as the GraphQL query lists them', async () => {
    const rows = (await (await get('resources.json?kind=DECLARATION,DOCUMENT&orderBy=TITLE')).json()) as Record<string, any>[];
    const expected = await ids(`{ knowledgeResources(filter: { kind: [DECLARATION, DOCUMENT] }, orderBy: TITLE, first: 500) { edges { node { id } } } }`, {}, 'knowledgeResources');
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.id)).toEqual(expected);
    const empty = await get('resources.json?text=Quantenchromodynamik');
    expect(await empty.text()).toBe('[]\n');
  });
});

describe('GET /export/organizations', () => {
  it('streams all organizations page by page, the same in CSV and JSON', async () => {
    const { data } = await graphql(`{ organizations(first: 0) { totalCount } }`);
    expect(data.organizations.totalCount).toBe(73);
    // Seven rows per GraphQL page: eleven pages, written as they arrive.
    const response = await get('organizations.csv?pageSize=7');
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('x-total-count')).toBe('73');
    const csv = csvRows(Buffer.from(await response.arrayBuffer()).toString('utf8'));
    const json = (await (await get('organizations.json')).json()) as Record<string, any>[];
    expect(csv).toHaveLength(73);
    expect(new Set(csv.map((row) => row.id)).size).toBe(73);
    expect(csv.map((row) => row.id)).toEqual(json.map((row) => row.id));
    const borken = json.find((row) => row.slug === 'kreis-borken')!;
    expect(borken).toMatchObject({ kind: 'KREIS', ags: '05554', population: 374418, populationReferenceDate: '2022-05-15', address: { city: 'Borken' } });
  });

  it('maps the filter parameters onto the GraphQL filter', async () => {
    const rows = csvRows(Buffer.from(await (await get('organizations.csv?kind=GEMEINDE&parentAgs=05554')).arrayBuffer()).toString('utf8'));
    const expected = await ids(`{ organizations(filter: { kind: [GEMEINDE], parentAgs: "05554" }, first: 500) { edges { node { id } } } }`, {}, 'organizations');
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.id)).toEqual(expected);
    expect(rows.every((row) => row.kind === 'GEMEINDE' && row.parent === 'kreis-borken')).toBe(true);
  });

  it('gives contact persons\' e-mail addresses to partners only, like the API', async () => {
    const added = await graphql(
      `mutation($input: CreateContactPersonInput!) { createContactPerson(input: $input) { contactPerson { id version organization { id } } } }`,
      { input: { organizationId: (await graphql(`{ organization(slug: "kreis-warendorf") { id } }`)).data.organization.id, name: 'Erika Beispiel', role: 'Arbeitskreis', email: 'erika@example.org' } },
      { token: tokens.warendorf },
    );
    expect(added.errors).toBeUndefined();
    person = { id: added.data.createContactPerson.contactPerson.id, version: added.data.createContactPerson.contactPerson.version };

    const warendorf = async (headers: Record<string, string>) => ((await (await get('organizations.json?kind=KREIS', headers)).json()) as Record<string, any>[]).find((row) => row.slug === 'kreis-warendorf')!;
    expect((await warendorf({})).people).toEqual([{ name: 'Erika Beispiel', role: 'Arbeitskreis', email: null, phone: null }]);
    const partner = await tokenFor('kreis-borken', 'viewer');
    expect((await warendorf({ authorization: `Bearer ${partner}` })).people).toEqual([{ name: 'Erika Beispiel', role: 'Arbeitskreis', email: 'erika@example.org', phone: null }]);

    const refused = await get('organizations.csv', { authorization: 'Bearer not-a-token' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ errors: [{ message: 'The partner token is invalid', extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});

describe('export errors', () => {
  it.each([
    ['projects.csv?status=LAEUFT', 'status'],
    ['projects.csv?activeOn=2025-02-30', 'activeOn'],
    ['projects.csv?modifiedSince=gestern', 'modifiedSince'],
    ['projects.csv?includeArchived=vielleicht', 'includeArchived'],
    ['projects.csv?topicKey=leader', 'topicKey'],
    ['projects.csv?orderBy=RELEVANCE', 'orderBy'],
    ['projects.csv?organizationId=abc', 'organizationId'],
    ['projects.csv?ags=123', 'ags'],
    ['projects.csv?separator=tab', 'separator'],
    ['projects.json?separator=semicolon', 'separator'],
    ['organizations.csv?pageSize=0', 'pageSize'],
    ['organizations.csv?kind=DORF', 'kind'],
    ['resources.csv?kind=BUCH', 'kind'],
    ['resources.json?text=a&text=b', 'text'],
  ])('%s: 400 naming the parameter', async (path, parameter) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', parameter });
    expect(body.errors[0].message.length).toBeGreaterThan(0);
  });

  it.each(['people.csv', 'projects.xls', 'projects', 'Projects.csv'])('/export/%s: 404', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
