import type { ApolloServer, BaseContext } from '@apollo/server';
import type ExcelJS from 'exceljs';
import express, { type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { agsText, csvStringifier, csvText, type Value } from './export-csv.js';
import { columnKind, GERMAN_HEADERS } from './export-headers.js';
import { serviceLogger } from '../shared/logger.js';
import { calendarDate } from '../shared/dates.js';

/**
 * `GET /export/<projects|resources|organizations>.<csv|json>?<filter>`: everything a filter
 * selects, for spreadsheets and scripts. The export pages through the GraphQL connection of the
 * supergraph, run by this gateway with the caller's own context (anonymous callers get public
 * data, a partner token is verified and forwarded as for any query), and writes each page as it
 * arrives: memory stays at one page however many rows there are.
 *
 * CSV (cells in `export-csv.ts`, encoded and streamed with back-pressure by csv-stringify): UTF-8
 * with a byte order mark and a header row, RFC 4180 quoting, CRLF line ends, lists joined with `;`;
 * cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) get
 * a leading `'`. `?separator=semicolon&decimal=comma` suits German Excel.
 * JSON: one array of objects with the same fields, typed (lists as arrays, numbers as numbers).
 */

const logger = serviceLogger('gateway');
const MAX_PAGE_SIZE = 500;
const EXPORT_FILE = /^(projects|resources|organizations)\.(csv|json|xlsx)$/;

// Nodes are shaped by the queries below.
type Node = Record<string, any>;

interface Column {
  /** Header in CSV; in JSON the key (`contact.email` nests as `contact: { email }`). */
  name: string;
  value(node: Node): Value;
  /** How a list of objects reads in one CSV cell; lists of scalars are joined with `;`. */
  cell?(node: Node): string[];
}

/** `date`: YYYY-MM-DD; `instant`: an ISO 8601 date-time with zone, or a date (its midnight UTC). */
type Parameter = 'text' | 'list' | 'boolean' | 'date' | 'instant';

interface ExportType {
  /** The root field of the connection. */
  field: string;
  query: string;
  /** Query-string parameters and the `filter` field of the same name each sets. */
  filters: Record<string, Parameter>;
  /** Whether the connection takes `orderBy` (`?orderBy=TITLE`). */
  ordered: boolean;
  columns: Column[];
  /** The columns `npm run import` reads (`?columns=import`): an export of these, imported and exported again, gives the same file. */
  importColumns?: string[];
}

const PAGE = 'totalCount pageInfo { hasNextPage endCursor }';
const slugs = (list: { slug?: string }[] | null | undefined) => (list ?? []).map((item) => item?.slug ?? null);
const column = (name: string, value: Column['value'] = (node) => node[name]): Column => ({ name, value });
const nested = (name: string) => column(name, (node) => name.split('.').reduce<any>((value, key) => value?.[key], node));
const audit = ['isSample', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'archivedAt'].map((name) => column(name));

const EXPORTS: Record<string, ExportType> = {
  projects: {
    field: 'projects',
    query: `query ExportProjects($first: Int!, $after: String, $filter: ProjectFilter, $orderBy: ProjectOrder) {
      projects(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { ${PAGE} edges { node {
        id slug title status summary topics { key } keywords lead { slug name } participants { role note organization { slug } } municipalityAgs
        occasion goal implementation financing legalForm cooperatingSince startDate endDate
        contact { name street postalCode city phone email website } distinctions sourceAttribution sourceUrl profileUrl
        isSample version createdAt updatedAt createdBy updatedBy archivedAt
      } } }
    }`,
    filters: {
      text: 'text', status: 'list', topicKeys: 'list', organizationId: 'text', ags: 'text',
      activeOn: 'date', modifiedSince: 'instant', createdSince: 'instant', includeArchived: 'boolean', includeSamples: 'boolean',
    },
    ordered: true,
    columns: [
      ...['id', 'slug', 'title', 'status', 'summary'].map((name) => column(name)),
      column('topicKeys', (node) => node.topics.map((topic: Node) => topic.key)),
      column('keywords'),
      column('lead', (node) => node.lead?.slug ?? null),
      column('leadName', (node) => node.lead?.name ?? null),
      {
        name: 'participants',
        // `<slug>:<ROLE>` or `<slug>:<ROLE>:<note>`: what `npm run import` reads back.
        value: (node) => node.participants.map((participant: Node) => ({ organization: participant.organization?.slug ?? null, role: participant.role, note: participant.note ?? null })),
        cell: (node) => node.participants.map((participant: Node) => [participant.organization?.slug ?? '?', participant.role, ...(participant.note ? [participant.note] : [])].join(':')),
      },
      ...['municipalityAgs', 'occasion', 'goal', 'implementation', 'financing', 'legalForm', 'cooperatingSince', 'startDate', 'endDate'].map((name) => column(name)),
      ...['name', 'street', 'postalCode', 'city', 'phone', 'email', 'website'].map((name) => nested(`contact.${name}`)),
      ...['distinctions', 'sourceAttribution', 'sourceUrl', 'profileUrl'].map((name) => column(name)),
      ...audit,
    ],
    importColumns: [
      'title', 'status', 'summary', 'topicKeys', 'keywords', 'participants', 'municipalityAgs', 'occasion', 'goal', 'implementation', 'financing', 'legalForm',
      'cooperatingSince', 'startDate', 'endDate', 'contact.name', 'contact.street', 'contact.postalCode', 'contact.city', 'contact.phone', 'contact.email',
      'contact.website', 'distinctions', 'sourceAttribution', 'sourceUrl', 'isSample',
    ],
  },
  resources: {
    field: 'knowledgeResources',
    query: `query ExportKnowledgeResources($first: Int!, $after: String, $filter: KnowledgeResourceFilter, $orderBy: KnowledgeResourceOrder) {
      knowledgeResources(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { ${PAGE} edges { node {
        id slug title kind summary language topics { key } projects { id slug } author { slug name }
        url publishedOn sourceAttribution license body isSample version createdAt updatedAt createdBy updatedBy archivedAt
      } } }
    }`,
    filters: {
      text: 'text', kind: 'list', topicKey: 'text', topicKeys: 'list', projectId: 'text', authorOrganizationId: 'text',
      language: 'text', modifiedSince: 'instant', includeArchived: 'boolean', includeSamples: 'boolean',
    },
    ordered: true,
    columns: [
      ...['id', 'slug', 'title', 'kind', 'summary', 'language'].map((name) => column(name)),
      column('topicKeys', (node) => node.topics.map((topic: Node) => topic.key)),
      column('projectIds', (node) => node.projects.map((project: Node) => project.id)),
      column('projects', (node) => slugs(node.projects)),
      column('author', (node) => node.author?.slug ?? null),
      column('authorName', (node) => node.author?.name ?? null),
      ...['url', 'publishedOn', 'sourceAttribution', 'license', 'body'].map((name) => column(name)),
      ...audit,
    ],
    importColumns: ['title', 'kind', 'summary', 'language', 'topicKeys', 'projectIds', 'url', 'publishedOn', 'sourceAttribution', 'license', 'body'],
  },
  organizations: {
    field: 'organizations',
    query: `query ExportOrganizations($first: Int!, $after: String, $filter: OrganizationFilter) {
      organizations(first: $first, after: $after, filter: $filter) { ${PAGE} edges { node {
        id slug name officialName kind ags parent { slug ags } population { value referenceDate source } areaKm2
        website email phone address { street postalCode city } description people { name role email phone }
        isSample version createdAt updatedAt createdBy updatedBy archivedAt
      } } }
    }`,
    filters: { kind: 'list', parentAgs: 'text', name: 'text', includeArchived: 'boolean' },
    ordered: false,
    columns: [
      ...['id', 'slug', 'name', 'officialName', 'kind', 'ags'].map((name) => column(name)),
      column('parent', (node) => node.parent?.slug ?? null),
      column('parentAgs', (node) => node.parent?.ags ?? null),
      column('population', (node) => node.population?.value ?? null),
      column('populationReferenceDate', (node) => node.population?.referenceDate ?? null),
      column('populationSource', (node) => node.population?.source ?? null),
      ...['areaKm2', 'website', 'email', 'phone'].map((name) => column(name)),
      ...['street', 'postalCode', 'city'].map((name) => nested(`address.${name}`)),
      column('description'),
      {
        // E-mail and phone of contact persons reach signed-in partners only, as in the API.
        name: 'people',
        value: (node) => node.people.map(({ name, role, email, phone }: Node) => ({ name, role, email, phone })),
        cell: (node) => node.people.map(({ name, role, email, phone }: Node) => [name, role && `(${role})`, email && `<${email}>`, phone].filter(Boolean).join(' ')),
      },
      ...audit,
    ],
  },
};

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const SHEET_NAMES: Record<string, string> = { projects: 'Projekte', resources: 'Wissen', organizations: 'Organisationen' };

/** Column widths in characters: long texts wide, keys and dates narrow. */
function columnWidth(name: string): number {
  if (['summary', 'occasion', 'goal', 'implementation', 'financing', 'body', 'description', 'title', 'name'].includes(name)) return 50;
  const kind = columnKind(name);
  if (kind === 'date' || kind === 'number' || kind === 'boolean') return 14;
  if (kind === 'instant') return 20;
  return 24;
}

/** Cell formats: text for AGS (Excel's `@`), German dates, whole numbers or two decimals. */
function cellStyle(name: string): Partial<ExcelJS.Style> {
  switch (columnKind(name)) {
    case 'ags': return { numFmt: '@' };
    case 'date': return { numFmt: 'dd.mm.yyyy' };
    case 'instant': return { numFmt: 'dd.mm.yyyy hh:mm:ss' };
    case 'number': return { numFmt: name === 'areaKm2' ? '#,##0.00' : name === 'cooperatingSince' ? '0' : '#,##0' };
    default: return {};
  }
}

/** A typed cell: numbers as numbers, dates as dates (UTC), AGS and everything else as text; lists joined with `;`. */
function xlsxValue(column: Column, node: Node): ExcelJS.CellValue {
  const value = column.cell ? column.cell(node) : column.value(node);
  if (value == null) return null;
  const kind = columnKind(column.name);
  if (kind === 'number' && typeof value === 'number') return value;
  if (kind === 'boolean' && typeof value === 'boolean') return value;
  if ((kind === 'date' || kind === 'instant') && typeof value === 'string') {
    const date = new Date(kind === 'date' ? `${value.slice(0, 10)}T00:00:00Z` : value);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  // Strings stay text in .xlsx whatever they start with: no cell becomes a formula.
  return Array.isArray(value) ? value.map((item) => String(item ?? '')).join(';') : String(value);
}

/** A request the export cannot serve; answered as GraphQL-shaped JSON like the gateway's other HTTP errors. */
class ExportError extends Error {
  constructor(readonly status: number, message: string, readonly extensions: Record<string, unknown>) {
    super(message);
  }
}

const badParameter = (message: string, parameter: string) => new ExportError(400, message, { code: 'BAD_USER_INPUT', parameter });

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const isCalendarDate = (value: string) => calendarDate(value) !== null;

/**
 * Dates are checked here, not left to the schema: the gateway passes custom scalars through, and a
 * subgraph refusing one is reported as unavailable rather than as a wrong value.
 */
function dateParameter(kind: 'date' | 'instant', value: string, name: string): string {
  if (kind === 'date' || DATE.test(value)) {
    if (!isCalendarDate(value)) throw badParameter(`${name} must be a date as YYYY-MM-DD${kind === 'instant' ? ' or a date-time such as 2026-01-31T12:00:00Z' : ''}`, name);
    return kind === 'date' ? value : `${value}T00:00:00.000Z`;
  }
  if (!INSTANT.test(value) || !isCalendarDate(value.slice(0, 10)) || Number.isNaN(Date.parse(value))) {
    throw badParameter(`${name} must be a date-time such as 2026-01-31T12:00:00Z, or a date as YYYY-MM-DD`, name);
  }
  return new Date(value).toISOString();
}

interface Options {
  variables: { filter: Record<string, unknown>; orderBy?: string };
  separator: ',' | ';';
  decimalComma: boolean;
  pageSize: number;
  /** Header language: `en` (the field names, default in CSV and JSON) or `de` (default in .xlsx). */
  lang: 'en' | 'de';
  /** Sample records (`isSample`): left out unless `includeSamples=true`. */
  includeSamples: boolean;
  /** `all` (default) or `import`: only the columns `npm run import` reads. */
  columns: 'all' | 'import';
}

/** Reads the query string: every parameter must be known; enums, dates and ids are checked by the schema. */
function optionsOf(type: ExportType, format: string, url: string): Options {
  const params = new URL(url, 'http://export').searchParams;
  const options: Options = {
    variables: { filter: {} }, separator: ',', decimalComma: false, pageSize: MAX_PAGE_SIZE, lang: format === 'xlsx' ? 'de' : 'en', includeSamples: false, columns: 'all',
  };
  const known = [
    ...Object.keys(type.filters), ...(type.ordered ? ['orderBy'] : []), 'pageSize', ...(format === 'csv' ? ['separator', 'decimal'] : []),
    ...(format === 'json' ? [] : ['lang']), ...('includeSamples' in type.filters ? [] : ['includeSamples']), ...(type.importColumns ? ['columns'] : []),
  ];
  for (const name of new Set(params.keys())) {
    if (!known.includes(name)) throw badParameter(`Unknown parameter "${name}"; this export takes ${known.join(', ')}`, name);
    // Empty values (blank form fields) mean "no condition".
    const values = params.getAll(name).flatMap((value) => (type.filters[name] === 'list' ? value.split(',') : [value])).map((value) => value.trim()).filter(Boolean);
    if (values.length === 0) continue;
    const kind = type.filters[name];
    if (kind !== 'list' && values.length > 1) throw badParameter(`Give ${name} once`, name);
    const [value] = values;
    if (name === 'includeSamples' && !kind) {
      // Exports whose connection has no such filter leave sample rows out here.
      if (!['true', 'false'].includes(value)) throw badParameter(`${name} must be true or false`, name);
      options.includeSamples = value === 'true';
    } else if (kind === 'list') options.variables.filter[name] = values;
    else if (kind === 'boolean') {
      if (!['true', 'false'].includes(value)) throw badParameter(`${name} must be true or false`, name);
      options.variables.filter[name] = value === 'true';
    } else if (kind === 'date' || kind === 'instant') options.variables.filter[name] = dateParameter(kind, value, name);
    else if (kind === 'text') options.variables.filter[name] = value;
    else if (name === 'orderBy') options.variables.orderBy = value;
    else if (name === 'separator') {
      if (value !== 'comma' && value !== 'semicolon') throw badParameter('separator must be comma or semicolon', name);
      options.separator = value === 'comma' ? ',' : ';';
    } else if (name === 'decimal') {
      if (value !== 'point' && value !== 'comma') throw badParameter('decimal must be point or comma', name);
      options.decimalComma = value === 'comma';
    } else if (name === 'columns') {
      if (value !== 'all' && value !== 'import') throw badParameter('columns must be all or import', name);
      options.columns = value;
    } else if (name === 'lang') {
      if (value !== 'de' && value !== 'en') throw badParameter('lang must be de or en', name);
      options.lang = value;
    } else if (name === 'pageSize') {
      const size = Number(value);
      if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badParameter(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`, name);
      options.pageSize = size;
    }
  }
  return options;
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Node }[];
}

const STATUS_OF_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400, GRAPHQL_VALIDATION_FAILED: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403,
  SUBGRAPH_UNAVAILABLE: 502, DOWNSTREAM_SERVICE_ERROR: 502, SERVICE_UNAVAILABLE: 503,
};

/** The first error of a page as the export's answer: a wrong filter value names its parameter. */
function pageError(type: ExportType, error: { message: string; extensions?: Record<string, unknown> }): ExportError {
  const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const status = Object.hasOwn(STATUS_OF_CODE, code) ? STATUS_OF_CODE[code] : 500;
  if (status === 500) return new ExportError(500, 'Internal server error', { code: 'INTERNAL_SERVER_ERROR' });
  // `Variable "$filter" got invalid value "X" at "filter.status[0]"`, or a subgraph's `field: filter.ags`.
  const named = /"filter\.(\w+)/.exec(error.message)?.[1] ?? /^filter\.(\w+)/.exec(String(error.extensions?.field ?? ''))?.[1]
    ?? (/\$orderBy|^orderBy/.test(`${error.message} ${error.extensions?.field ?? ''}`) ? 'orderBy' : undefined);
  const parameter = named && (named in type.filters || named === 'orderBy') ? named : undefined;
  return new ExportError(status, error.message, { code, ...(parameter ? { parameter } : {}) });
}

function jsonRow(columns: Column[], node: Node): Record<string, unknown> {
  const row: Record<string, any> = {};
  for (const { name, value } of columns) {
    const path = name.split('.');
    const parent = path.slice(0, -1).reduce((object, key) => (object[key] ??= {}), row);
    parent[path[path.length - 1]] = value(node) ?? null;
  }
  return row;
}

/** Every node the export keeps, page by page: the next page is asked for only when the stream wants more. */
async function* exportedNodes(first: Page, next: (after: string) => Promise<Page>, keep: (node: Node) => boolean): AsyncGenerator<Node> {
  for (let current = first; ; current = await next(current.pageInfo.endCursor!)) {
    for (const { node } of current.edges) if (keep(node)) yield node;
    if (!current.pageInfo.hasNextPage || !current.pageInfo.endCursor) return;
  }
}

/**
 * The export router, mounted next to the profiles router. `contextFor` builds the caller's
 * gateway context (its partner token verified), used for every page of one export.
 */
export function createExportRouter<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  contextFor: (req: Request, res: Response) => Promise<Context>,
): express.Router {
  const router = express.Router();
  router.get('/export/:file', async (req, res) => {
    const match = EXPORT_FILE.exec(String(req.params.file));
    let started = false;
    try {
      if (!match) {
        throw new ExportError(404, 'No export here: exports are /export/projects.csv, /export/resources.csv and /export/organizations.csv, or .json', { code: 'NOT_FOUND' });
      }
      const [, name, format] = match;
      const type = EXPORTS[name];
      const options = optionsOf(type, format, req.originalUrl);
      let contextValue: Context;
      try {
        contextValue = await contextFor(req, res);
      } catch (error) {
        // A refused partner token: 401 (or 503 when partners cannot be checked), as on /graphql.
        if (error instanceof GraphQLError) throw pageError(type, error);
        throw error;
      }

      const page = async (after: string | null): Promise<Page> => {
        const response = await apollo.executeOperation<Record<string, Page>>(
          { query: type.query, variables: { ...options.variables, first: options.pageSize, after } },
          { contextValue },
        );
        const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
        // Partial data (a subgraph down) is no export: better no file than a file with holes.
        if (!result || result.errors?.length || !result.data?.[type.field]) {
          throw pageError(type, result?.errors?.[0] ?? { message: 'No answer', extensions: {} });
        }
        return result.data[type.field];
      };

      // The first page is fetched before anything is sent: a wrong filter still gets its 400.
      const first = await page(null);
      started = true;
      res.status(200);
      res.setHeader('content-type', CONTENT_TYPES[format]);
      res.setHeader('content-disposition', `attachment; filename="${name}.${format}"`);
      res.setHeader('x-total-count', String(first.totalCount));
      res.setHeader('cache-control', 'no-store');

      const columns = options.columns === 'import' ? type.importColumns!.map((column) => type.columns.find((candidate) => candidate.name === column)!) : type.columns;
      const header = (column: string) => (options.lang === 'de' ? GERMAN_HEADERS[column] ?? column : column);
      const keep = (node: Node) => options.includeSamples || options.variables.filter.includeSamples === true || !node.isSample;
      const nodes = exportedNodes(first, page, keep);
      if (format === 'xlsx') {
        // Loaded on the first workbook, not at start (about 27 MB resident).
        const { default: Excel } = await import('exceljs');
        const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
        const sheet = workbook.addWorksheet(SHEET_NAMES[name], { views: [{ state: 'frozen', ySplit: 1 }] });
        sheet.columns = columns.map((column) => ({ header: header(column.name), key: column.name, width: columnWidth(column.name), style: cellStyle(column.name) }));
        sheet.getRow(1).font = { bold: true };
        for await (const node of nodes) sheet.addRow(columns.map((column) => xlsxValue(column, node))).commit();
        sheet.commit();
        await workbook.commit();
        return;
      }
      if (format === 'csv') {
        const cell = (column: Column, node: Node) => {
          const value = column.cell ? column.cell(node) : column.value(node);
          return options.lang === 'de' && columnKind(column.name) === 'ags' ? agsText(value) : csvText(value, options.decimalComma);
        };
        async function* rows() {
          yield columns.map((column) => csvText(header(column.name), false));
          for await (const node of nodes) yield columns.map((column) => cell(column, node));
        }
        await pipeline(Readable.from(rows()), csvStringifier(options.separator), res);
        return;
      }
      async function* json() {
        let written = 0;
        yield '[';
        for await (const node of nodes) yield `${written++ === 0 ? '\n' : ',\n'}${JSON.stringify(jsonRow(columns, node))}`;
        yield written ? '\n]\n' : ']\n';
      }
      await pipeline(Readable.from(json()), res);
    } catch (error) {
      // The client went away: nothing to answer, and the pipeline has stopped asking for pages.
      if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
      if (started) {
        // Rows were sent already: break the connection, so that no client takes a cut-off file for a whole one.
        logger.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'export failed after it started');
        res.destroy();
        return;
      }
      const known = error instanceof ExportError ? error : new ExportError(500, 'Internal server error', { code: 'INTERNAL_SERVER_ERROR' });
      if (!(error instanceof ExportError)) logger.error({ err: { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined } }, 'export failed');
      res.status(known.status).json({ errors: [{ message: known.message, extensions: known.extensions }] });
    }
  });
  return router;
}
