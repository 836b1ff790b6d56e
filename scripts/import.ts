import cliProgress from 'cli-progress';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { decodeJwt } from 'jose';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { columnKind, columnOfHeader } from '../gateway/export-headers.js';
import { ResourceKind } from '../subgraphs/knowledge/resource.entity.js';
import { ParticipationRole } from '../subgraphs/projects/participation.entity.js';
import { ProjectStatus } from '../subgraphs/projects/project.entity.js';
import { signPartnerToken } from '../shared/auth.js';
import { MAX_IMPORT_ROWS } from '../subgraphs/toolkit/batch.import.js';
import { envInt } from '../shared/config.js';
import { usesExternalKeys } from '../shared/secrets.js';
import { postGraphQL, type GraphQLAnswer } from './lib/graphql-post.js';

/**
 * `npm run import -- <file.csv|file.json> --type projects|resources --as <organization slug>`
 *
 * Reads every row, checks every row, and writes all of them in one transaction or none. The rows
 * go to the running gateway as the batch mutations `importProjects` / `importKnowledgeResources`,
 * with an editor token of the `--as` organization: the same checks, ownership rules and audit
 * columns as `createProject` / `createKnowledgeResource`, and the `--as` organization leads
 * (projects) or authors (resources) every row. Steps: the file is read and each value converted
 * to its GraphQL type here (line and field of each bad value are collected); the rows are then
 * checked by the subgraph in chunks (`dryRun`), which names every row that breaks a rule; only
 * when no row is bad are they all sent once more to be written, in one transaction.
 *
 * Files: CSV with a header row of input field names (comma or semicolon separated, UTF-8 with or
 * without BOM; lists separated by `;` within a cell; `contact.email` etc. for the contact block;
 * participants as `<organization id>:<ROLE>` entries), or JSON: an array of objects with the
 * same field names (lists as arrays, `contact` and `participants` as objects). See data/samples/.
 */

const USAGE = 'Usage: npm run import -- <file.csv|file.json|file.xlsx> --type projects|resources --as <organization slug> [--gateway <url>] [--dry-run] [--allow-duplicates]';
/** A project at least this similar (`similarProjects` score, 0 to 1) to an existing one is reported as a likely duplicate. */
const DUPLICATE_SCORE = 0.6;
/** Rows the subgraph checks per dry-run request: the progress bar moves per chunk. */
const CHECK_CHUNK = 100;

type FieldType = 'required' | 'text' | 'list' | 'int' | 'date' | 'boolean' | 'participants' | { values: readonly string[]; required?: boolean };

interface ImportType {
  /** Plural, then singular. */
  noun: [string, string];
  mutation: string;
  field: string;
  result: string;
  fields: Record<string, FieldType>;
  /** Nested input objects: in CSV their fields are columns `<object>.<field>`. */
  objects: Record<string, readonly string[]>;
  /** Columns of `/export/…` files that the system assigns (ids, audit): read past, so that an export imports as it is. */
  readOnly: readonly string[];
}

const TYPES: Record<string, ImportType> = {
  projects: {
    noun: ['projects', 'project'],
    field: 'importProjects',
    result: 'projects',
    mutation: `mutation Import($input: ImportProjectsInput!) { importProjects(input: $input) { dryRun rowCount projects { slug title } } }`,
    fields: {
      title: 'required', summary: 'required', topicKeys: 'list', keywords: 'list', occasion: 'text', goal: 'text', implementation: 'text',
      financing: 'text', legalForm: 'text', cooperatingSince: 'int', status: { values: Object.values(ProjectStatus) }, startDate: 'date', endDate: 'date',
      municipalityAgs: 'list', distinctions: 'list', sourceAttribution: 'text', sourceUrl: 'text', participants: 'participants', isSample: 'boolean',
    },
    objects: { contact: ['name', 'street', 'postalCode', 'city', 'phone', 'email', 'website'] },
    readOnly: ['id', 'slug', 'lead', 'leadName', 'profileUrl', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'archivedAt'],
  },
  resources: {
    noun: ['knowledge resources', 'knowledge resource'],
    field: 'importKnowledgeResources',
    result: 'knowledgeResources',
    mutation: `mutation Import($input: ImportKnowledgeResourcesInput!) { importKnowledgeResources(input: $input) { dryRun rowCount knowledgeResources { slug title } } }`,
    fields: {
      title: 'required', kind: { values: Object.values(ResourceKind), required: true }, summary: 'required', body: 'text', url: 'text', language: 'text',
      topicKeys: 'list', projectIds: 'list', publishedOn: 'date', sourceAttribution: 'text', license: 'text',
    },
    objects: {},
    readOnly: ['id', 'slug', 'projects', 'author', 'authorName', 'isSample', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'archivedAt'],
  },
};

interface Problem {
  line: number;
  field: string;
  message: string;
}

type Row = Record<string, unknown> & { line: number };
/** The rows that could be read, and how many rows the file holds (bad ones included). */
interface Rows {
  rows: Row[];
  total: number;
}

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

// ---------------------------------------------------------------------------------------------
// Values: one converter per field type, for CSV cells (strings, empty = left out) and JSON values.

class ValueError extends Error {}

const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const INT_MAX = 2 ** 31 - 1;

function convert(type: FieldType, raw: unknown, csv: boolean): unknown {
  // `="05554"`: how exports for spreadsheets (`?lang=de`) keep keys with leading zeros as text.
  if (csv && typeof raw === 'string') raw = /^="(.*)"$/s.exec(raw)?.[1] ?? raw;
  const blank = raw === undefined || (csv && String(raw).trim() === '');
  if (type === 'required') {
    // Sent even when empty: the subgraph's check says what is wrong, in its own words.
    if (raw === undefined || raw === null) return '';
    if (typeof raw !== 'string') throw new ValueError('must be text');
    return raw;
  }
  if (typeof type === 'object' && type.required && (blank || raw === null)) throw new ValueError(`must be one of ${type.values.join(', ')}`);
  if (blank) return undefined;
  if (raw === null) return null;
  if (typeof type === 'object') {
    if (typeof raw !== 'string' || !type.values.includes(raw.trim().toUpperCase())) throw new ValueError(`must be one of ${type.values.join(', ')}`);
    return raw.trim().toUpperCase();
  }
  switch (type) {
    case 'text':
      if (typeof raw !== 'string') throw new ValueError('must be text');
      return raw;
    case 'list':
      if (csv) return String(raw).split(';').map((item) => item.trim());
      if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) throw new ValueError('must be a list of texts');
      return raw;
    case 'int': {
      const value = csv ? (/^\s*-?\d{1,10}\s*$/.test(String(raw)) ? Number(raw) : Number.NaN) : raw;
      if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > INT_MAX) throw new ValueError('must be a whole number, e.g. 2018');
      return value;
    }
    case 'date': {
      if (typeof raw !== 'string') throw new ValueError('must be a date as YYYY-MM-DD or DD.MM.YYYY');
      const text = raw.trim();
      const german = GERMAN_DATE.exec(text);
      const iso = german ? `${german[3]}-${german[2].padStart(2, '0')}-${german[1].padStart(2, '0')}` : text;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
        throw new ValueError('must be a date as YYYY-MM-DD or DD.MM.YYYY');
      }
      return iso;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const text = csv ? String(raw).trim().toLowerCase() : raw;
      if (text === 'true' || text === 'wahr' || text === 'ja') return true;
      if (text === 'false' || text === 'falsch' || text === 'nein') return false;
      throw new ValueError('must be true or false');
    }
    case 'participants':
      return csv ? participantsFromCell(String(raw)) : participantsFromJson(raw);
  }
}

const ROLES = Object.values(ParticipationRole) as string[];

/** `<organization id or slug>:<ROLE>` or `…:<ROLE>:<note>` (as exports write them); slugs are looked up later. */
function participantsFromCell(cell: string) {
  return cell.split(';').map((entry, index) => {
    const [organizationId, role, ...rest] = entry.split(':');
    const note = rest.join(':').trim();
    if (!organizationId?.trim() || !role?.trim() || !ROLES.includes(role.trim().toUpperCase())) {
      throw new ValueError(`entry ${index + 1} must read <organization slug or id>:<role> (or …:<role>:<note>), the role one of ${ROLES.join(', ')}`);
    }
    return { organizationId: organizationId.trim(), role: role.trim().toUpperCase(), ...(note ? { note } : {}) };
  });
}

function participantsFromJson(raw: unknown) {
  if (!Array.isArray(raw)) throw new ValueError('must be a list of { organizationId, role, note }');
  return raw.map((entry: unknown, index) => {
    // Exports write `organization` (a slug); imports also take `organizationId` (an id or a slug).
    const { organizationId: id, organization, role, note, ...rest } = (entry ?? {}) as Record<string, unknown>;
    const organizationId = id ?? organization;
    if (typeof entry !== 'object' || Object.keys(rest).length || typeof organizationId !== 'string' || typeof role !== 'string' || !ROLES.includes(role.toUpperCase())
      || (note != null && typeof note !== 'string')) {
      throw new ValueError(`[${index}] must be { organizationId, role, note }, the role one of ${ROLES.join(', ')}`);
    }
    return { organizationId, role: role.toUpperCase(), ...(note == null ? {} : { note }) };
  });
}

/** One row of the file as the GraphQL row input, or the problems of its values. */
function convertRow(type: ImportType, line: number, values: Record<string, unknown>, csv: boolean, problems: Problem[]): Row {
  const row: Row = { line };
  for (const [name, raw] of Object.entries(values)) {
    const [object, field] = name.split('.');
    try {
      if (field !== undefined) {
        const value = convert('text', raw, csv);
        if (value !== undefined) ((row[object] ??= {}) as Record<string, unknown>)[field] = value;
      } else if (type.objects[name]) {
        if (raw === null) row[name] = null;
        else if (typeof raw !== 'object' || Array.isArray(raw)) throw new ValueError(`must be an object with ${type.objects[name].join(', ')}`);
        else {
          for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
            if (!type.objects[name].includes(key)) throw new ValueError(`has no field "${key}" (known: ${type.objects[name].join(', ')})`);
            if (value !== null && typeof value !== 'string') throw new ValueError(`${key} must be text`);
          }
          row[name] = raw;
        }
      } else if (type.readOnly.includes(name)) {
        continue; // assigned by the system: an export's ids and audit columns
      } else {
        const value = convert(type.fields[name], raw, csv);
        if (value !== undefined) row[name] = value;
      }
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      problems.push({ line, field: name, message: error.message });
    }
  }
  // Required fields a JSON object leaves out: text is sent empty, so that the subgraph names it in its own words.
  for (const [name, fieldType] of Object.entries(type.fields)) {
    if (name in values) continue;
    if (fieldType === 'required') row[name] = '';
    else if (typeof fieldType === 'object' && fieldType.required) problems.push({ line, field: name, message: `must be one of ${fieldType.values.join(', ')}` });
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// Files: CSV and JSON, each row with the line it starts on.

function columnsOf(type: ImportType): string[] {
  return [...Object.keys(type.fields), ...Object.entries(type.objects).flatMap(([object, fields]) => fields.map((field) => `${object}.${field}`))];
}

function readCsv(type: ImportType, text: string, problems: Problem[]): Rows {
  // One line-end convention, so that line numbers count what an editor shows.
  const normalized = text.replace(/\r\n?/g, '\n');
  const firstLine = normalized.slice(0, normalized.indexOf('\n') >>> 0);
  // German Excel saves with semicolons; a header holds only names, so its separator is plain to see.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(normalized, { delimiter, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    problems.push({ line, field: '', message: `not readable as CSV: ${(error as Error).message}` });
    return { rows: [], total: 0 };
  }
  if (records.length === 0) {
    problems.push({ line: 1, field: '', message: 'the file is empty: expected a header row of field names' });
    return { rows: [], total: 0 };
  }
  // Headers in English (field names) or German (as `/export/…?lang=de` and .xlsx write them).
  const header = records[0].record.map((name) => columnOfHeader(name.trim()) ?? name.trim());
  const known = [...columnsOf(type), ...type.readOnly];
  header.forEach((name, index) => {
    if (!known.includes(name)) problems.push({ line: 1, field: name || `column ${index + 1}`, message: `unknown column; the columns are ${known.join(', ')}` });
    else if (header.indexOf(name) !== index) problems.push({ line: 1, field: name, message: 'column given twice' });
  });
  for (const [name, fieldType] of Object.entries(type.fields)) {
    const required = fieldType === 'required' || (typeof fieldType === 'object' && fieldType.required);
    if (required && !header.includes(name)) problems.push({ line: 1, field: name, message: 'column is missing: every row needs it' });
  }
  const data = records.slice(1).filter(({ record }) => record.some((cell) => cell.trim() !== ''));
  if (problems.length) return { rows: [], total: data.length };

  const rows: Row[] = [];
  let previous = records[0].info;
  for (const { record, info } of records.slice(1)) {
    // A record starts after the previous one and the empty lines between them.
    const line = previous.lines + 1 + (info.empty_lines - previous.empty_lines);
    previous = info;
    if (record.every((cell) => cell.trim() === '')) continue; // spreadsheets write rows of empty cells
    if (record.length !== header.length) {
      problems.push({ line, field: '', message: `has ${record.length} cells, the header ${header.length}` });
      continue;
    }
    rows.push(convertRow(type, line, Object.fromEntries(header.map((name, index) => [name, record[index]])), true, problems));
  }
  return { rows, total: data.length };
}

/** The line each element of the top-level JSON array starts on. */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectElement = false;
  for (const char of text) {
    if (char === '\n') line += 1;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectElement && !/\s/.test(char) && char !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth += 1;
      if (depth === 1) expectElement = true;
    } else if (char === ']' || char === '}') depth -= 1;
    else if (char === ',' && depth === 1) expectElement = true;
  }
  return lines;
}

function readJson(type: ImportType, text: string, problems: Problem[]): Rows {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const line = position === undefined ? 1 : text.slice(0, Number(position)).split('\n').length;
    problems.push({ line, field: '', message: `not valid JSON: ${(error as Error).message}` });
    return { rows: [], total: 0 };
  }
  if (!Array.isArray(data)) {
    problems.push({ line: 1, field: '', message: 'expected a JSON array of objects, one per row' });
    return { rows: [], total: 0 };
  }
  const lines = elementLines(text);
  const known = [...Object.keys(type.fields), ...Object.keys(type.objects), ...type.readOnly];
  const rows: Row[] = [];
  data.forEach((element: unknown, index) => {
    const line = lines[index] ?? 1;
    if (typeof element !== 'object' || element === null || Array.isArray(element)) {
      problems.push({ line, field: '', message: 'expected an object' });
      return;
    }
    const unknown = Object.keys(element).filter((key) => !known.includes(key));
    for (const key of unknown) problems.push({ line, field: key, message: `unknown field; the fields are ${known.join(', ')}` });
    if (unknown.length === 0) rows.push(convertRow(type, line, element as Record<string, unknown>, false, problems));
  });
  return { rows, total: data.length };
}

/**
 * An .xlsx file (as `/export/….xlsx` writes it): the first sheet, its first row the headers. Cells
 * are turned into the text a CSV cell would hold (dates as YYYY-MM-DD), then read as CSV rows are.
 */
async function readXlsx(type: ImportType, bytes: Buffer, problems: Problem[]): Promise<Rows> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    problems.push({ line: 1, field: '', message: `not readable as .xlsx: ${(error as Error).message}` });
    return { rows: [], total: 0 };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) {
    problems.push({ line: 1, field: '', message: 'the file is empty: expected a header row of field names' });
    return { rows: [], total: 0 };
  }
  const width = sheet.getRow(1).cellCount;
  const text = (value: ExcelJS.CellValue, column: string): string => {
    if (value == null) return '';
    if (value instanceof Date) return columnKind(column) === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
    if (typeof value === 'object') return 'text' in value ? String(value.text) : 'result' in value ? String(value.result ?? '') : '';
    return String(value);
  };
  const headers = Array.from({ length: width }, (_, index) => text(sheet.getRow(1).getCell(index + 1).value, ''));
  const names = headers.map((header) => columnOfHeader(header.trim()) ?? header.trim());
  const lines: string[][] = [];
  sheet.eachRow((row, number) => {
    if (number > 1) lines.push(Array.from({ length: width }, (_, index) => text(row.getCell(index + 1).value, names[index])));
  });
  // The same checks as for CSV, on the cells as CSV text (no separators to split: one record per row).
  const csv = [headers, ...lines].map((cells) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\n');
  return readCsv(type, csv, problems);
}

async function readRows(type: ImportType, file: string, problems: Problem[]): Promise<Rows> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    fail(`Cannot read ${file}: ${(error as Error).message}`);
  }
  if (path.extname(file).toLowerCase() === '.xlsx') return readXlsx(type, bytes, problems);
  let text: string;
  try {
    // TextDecoder drops a leading BOM; `fatal` refuses anything that is not UTF-8 (e.g. Windows-1252).
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    fail(`${file} is not UTF-8: save it as "CSV UTF-8" (Excel) or re-encode it as UTF-8. Nothing was written.`, 1);
  }
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return readCsv(type, text, problems);
  if (extension === '.json') return readJson(type, text, problems);
  fail(`${file}: the file name must end in .csv, .json or .xlsx.\n${USAGE}`);
}

// ---------------------------------------------------------------------------------------------
// The gateway.

async function request(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLAnswer> {
  try {
    return await postGraphQL(url, query, variables, { token });
  } catch (error) {
    return { status: 0, errors: [{ message: `cannot reach the gateway at ${url} (${error instanceof Error ? error.message : error}); start the system with \`npm start\`, or pass --gateway <url>`, extensions: { code: 'NO_ANSWER' } }] };
  }
}

const ROW_PROBLEM = /^line (\d+)(?:, ([^:]+))?: (.*)$/;

/** The bad rows an import mutation named: `extensions.rows` where the gateway passes it on, else the lines of the message. */
function rowProblems(error: NonNullable<GraphQLAnswer['errors']>[number]): Problem[] | null {
  if (!['BAD_USER_INPUT', 'FORBIDDEN'].includes(error.extensions?.code)) return null;
  if (Array.isArray(error.extensions?.rows)) {
    return error.extensions.rows.map((row: { line: number | null; row: number; field: string; message: string }) => ({ line: row.line ?? row.row, field: row.field, message: row.message }));
  }
  const problems = error.message.split('\n').slice(1).flatMap((text) => {
    const match = ROW_PROBLEM.exec(text);
    return match ? [{ line: Number(match[1]), field: match[2] ?? '', message: match[3] }] : [];
  });
  return problems.length ? problems : null;
}

function refused(answer: GraphQLAnswer): never {
  const error = answer.errors?.[0];
  fail(`The import failed (${error?.extensions?.code ?? `HTTP ${answer.status}`}): ${error?.message ?? 'no answer'}. Nothing was written.`, 1);
}

/**
 * The write request got no answer: the gateway gave up waiting for the subgraph (SUBGRAPH_TIMEOUT_MS)
 * or the connection broke. The transaction may still have committed, so say so instead of guessing.
 */
function outcomeUnknown(answer: GraphQLAnswer, since: Date, organizationId: string): never {
  const error = answer.errors?.[0];
  const where = type === TYPES.projects ? `projects.csv?organizationId=${organizationId}` : `resources.csv?authorOrganizationId=${organizationId}`;
  fail(`No answer to the write (${error?.extensions?.code ?? `HTTP ${answer.status}`}: ${error?.message ?? 'no answer'}). The transaction wrote all rows or none; `
    + `before importing again, look for them: GET /export/${where}&modifiedSince=${since.toISOString()}`, 1);
}

const rowsWord = (count: number) => `${count} ${count === 1 ? 'row' : 'rows'}`;

function report(file: string, problems: Problem[], total: number): never {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
  const badLines = new Set(sorted.map((problem) => problem.line)).size;
  const lines = sorted.map((problem) => `  line ${problem.line}${problem.field ? `, ${problem.field}` : ''}: ${problem.message}`);
  const headline = total === 0 || sorted.every((problem) => problem.line === 1)
    ? `${file} cannot be imported; nothing was written.`
    : `${file}: ${badLines} of ${rowsWord(total)} ${badLines === 1 ? 'is' : 'are'} invalid; nothing was written.`;
  fail(`${headline}\n${lines.join('\n')}`, 1);
}

// ---------------------------------------------------------------------------------------------

let values: { type?: string; as?: string; gateway?: string; 'dry-run'?: boolean; 'allow-duplicates'?: boolean };
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      type: { type: 'string' }, as: { type: 'string' }, gateway: { type: 'string' }, 'dry-run': { type: 'boolean', default: false },
      'allow-duplicates': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : error}\n${USAGE}`);
}
if (positionals.length !== 1) fail(`Name one file to import.\n${USAGE}`);
const [file] = positionals;
const type = TYPES[values.type ?? ''];
if (!type) fail(`--type must be projects or resources, got ${values.type ? `"${values.type}"` : 'nothing'}.\n${USAGE}`);
const organizationSlug = values.as;
if (!organizationSlug) fail(`--as is missing: the organization that leads (projects) or authors (resources) the rows.\n${USAGE}`);
const base = values.gateway || process.env.GATEWAY_URL || `http://127.0.0.1:${envInt('GATEWAY_PORT', 4000)}`;
const gatewayUrl = /\/graphql\/?$/.test(base) ? base : `${base.replace(/\/+$/, '')}/graphql`;

const problems: Problem[] = [];
const { rows, total } = await readRows(type, file, problems);
if (total === 0 && problems.length === 0) fail(`${file} holds no rows to import.`, 1);
if (total > MAX_IMPORT_ROWS) fail(`${file} holds ${rowsWord(total)}; one import writes at most ${MAX_IMPORT_ROWS} in its transaction. Split the file. Nothing was written.`, 1);

const organization = await request(gatewayUrl, 'query($slug: String!) { organization(slug: $slug) { id name } }', { slug: organizationSlug });
if (!organization.data) refused(organization);
if (!organization.data.organization) fail(`There is no organization with the slug "${organizationSlug}". Slugs look like kreis-borken, stadt-muenster, muensterland-e-v.`);

let token = process.env.PARTNER_TOKEN;
if (token) {
  const claims = decodeJwt(token);
  if (claims.org !== organizationSlug) fail(`PARTNER_TOKEN is for "${claims.org}", not for --as ${organizationSlug}.`);
} else if (usesExternalKeys()) {
  fail('AUTH_JWKS_URL or AUTH_PUBLIC_KEY is set: set PARTNER_TOKEN to an editor token of the --as organization from your identity provider.');
} else {
  // The embedded default's secret (DATA_DIR or AUTH_SECRET), as `npm run token` uses it.
  token = await signPartnerToken({ org: organizationSlug, role: 'editor' }, '1h');
}

/**
 * One root field per item, in requests of at most LOOKUP_CHUNK root fields (the gateway's limit
 * on root fields and aliases): `field(i)` is the selection for the i-th item with its variable `$vi`.
 */
const LOOKUP_CHUNK = 20;
async function perItem<T>(items: unknown[], variableType: string, field: (variable: string) => string, token?: string): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < items.length; start += LOOKUP_CHUNK) {
    const chunk = items.slice(start, start + LOOKUP_CHUNK);
    const query = `query(${chunk.map((_, index) => `$v${index}: ${variableType}`).join(', ')}) { ${chunk.map((_, index) => `r${index}: ${field(`$v${index}`)}`).join(' ')} }`;
    const answer = await request(gatewayUrl, query, Object.fromEntries(chunk.map((item, index) => [`v${index}`, item])), token);
    if (!answer.data) refused(answer);
    results.push(...chunk.map((_, index) => answer.data![`r${index}`] as T));
  }
  return results;
}

// Participants named by slug (as exports write them) become ids.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type ParticipantRow = { organizationId: string };
const participantSlugs = [...new Set(rows.flatMap((row) => ((row.participants ?? []) as ParticipantRow[]).map((participant) => participant.organizationId)).filter((key) => !UUID.test(key)))];
if (participantSlugs.length) {
  const found = await perItem<{ id: string } | null>(participantSlugs, 'String!', (variable) => `organization(slug: ${variable}) { id }`);
  const ids = new Map(participantSlugs.map((slug, index) => [slug, found[index]?.id]));
  for (const row of rows) {
    ((row.participants ?? []) as ParticipantRow[]).forEach((participant, index) => {
      if (!ids.has(participant.organizationId)) return;
      const id = ids.get(participant.organizationId);
      if (id) participant.organizationId = id;
      else problems.push({ line: row.line, field: 'participants', message: `entry ${index + 1}: there is no organization with the slug "${participant.organizationId}"` });
    });
  }
}

// Rows whose values could not even be converted are not sent; all others are checked by the subgraph.
const convertible = rows.filter((row) => !problems.some((problem) => problem.line === row.line));
const progress = new cliProgress.SingleBar({ format: '{stage} |{bar}| {value}/{total} rows', hideCursor: true }, cliProgress.Presets.shades_classic);
progress.start(total, 0, { stage: 'checking' });
progress.increment(total - convertible.length);
for (let start = 0; start < convertible.length; start += CHECK_CHUNK) {
  const chunk = convertible.slice(start, start + CHECK_CHUNK);
  const answer = await request(gatewayUrl, type.mutation, { input: { rows: chunk, dryRun: true } }, token);
  if (answer.errors?.length) {
    const named = rowProblems(answer.errors[0]);
    if (!named) {
      progress.stop();
      refused(answer);
    }
    problems.push(...named);
  }
  progress.increment(chunk.length);
}
if (problems.length) {
  progress.stop();
  report(file, problems, total);
}
// Likely duplicates (the duplicate check of `createProject`), reported before anything is written.
if (type === TYPES.projects) {
  progress.update(0, { stage: 'comparing' });
  type Candidate = { score: number; reasons: string[]; project: { slug: string; title: string } };
  const drafts = rows.map((row) => ({ title: row.title, summary: row.summary ?? null, topicKeys: row.topicKeys ?? null }));
  const similar = await perItem<Candidate[]>(drafts, 'ProjectDraftInput!', (variable) => `similarProjects(draft: ${variable}, first: 3) { score reasons project { slug title } }`, token);
  const duplicates = rows.flatMap((row, index) => similar[index].filter((candidate) => candidate.score >= DUPLICATE_SCORE)
    .map((candidate) => `  line ${row.line}: "${row.title}" looks like ${candidate.project.slug} ("${candidate.project.title}", score ${candidate.score}: ${candidate.reasons.join(', ')})`));
  progress.update(rows.length);
  if (duplicates.length && !values['allow-duplicates']) {
    progress.stop();
    fail(`${file}: ${duplicates.length} likely ${duplicates.length === 1 ? 'duplicate' : 'duplicates'} of existing projects; nothing was written. `
      + `Import anyway with --allow-duplicates.\n${duplicates.join('\n')}`, 1);
  }
  if (duplicates.length) console.error(`Likely duplicates, imported anyway (--allow-duplicates):\n${duplicates.join('\n')}`);
}

if (values['dry-run']) {
  progress.stop();
  console.log(`${file}: all ${rowsWord(rows.length)} are valid ${type.noun[0]} for ${organizationSlug}; nothing was written (--dry-run).`);
  process.exit(0);
}

progress.update(0, { stage: 'writing ' });
const writeStarted = new Date();
const answer = await request(gatewayUrl, type.mutation, { input: { rows, dryRun: false } }, token);
if (answer.errors?.length || !answer.data?.[type.field]) {
  progress.stop();
  const named = answer.errors?.length ? rowProblems(answer.errors[0]) : null;
  if (named) report(file, named, total);
  if (['NO_ANSWER', 'SUBGRAPH_UNAVAILABLE'].includes(answer.errors?.[0]?.extensions?.code)) outcomeUnknown(answer, writeStarted, organization.data.organization.id);
  refused(answer);
}
progress.update(rows.length);
progress.stop();
const created = answer.data[type.field][type.result] as { slug: string; title: string }[];
console.log(`Imported ${created.length} ${type.noun[created.length === 1 ? 1 : 0]} of ${organizationSlug} from ${file} in one transaction:`);
created.forEach((record, index) => console.log(`  line ${rows[index].line}: ${record.slug}`));
