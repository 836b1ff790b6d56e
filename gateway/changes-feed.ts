import type { ApolloServer, BaseContext } from '@apollo/server';
import express, { type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { envString } from '../shared/config.js';
import { serviceLogger } from '../shared/logger.js';

/**
 * `GET /feeds/changes.atom?types=PROJECT&organizationId=…&ags=05554&topicKeys=leader&limit=50`:
 * the newest change events as an Atom feed (RFC 4287) for people who read feeds. It runs the
 * supergraph's `changes(last:, filter:)` with the caller's own context, so anonymous readers see
 * personal data masked, and wrong parameters get the GraphQL error's code with HTTP 400.
 */

const logger = serviceLogger('gateway');
const MAX_ENTRIES = 500;
const RECORD_TYPES = ['PROJECT', 'KNOWLEDGE_RESOURCE', 'ORGANIZATION'];
const PARAMETERS = ['types', 'organizationId', 'ags', 'topicKeys', 'limit'];

const QUERY = `query AtomChanges($last: Int!, $filter: ChangeFilter) {
  changes(last: $last, filter: $filter) { edges { node {
    id recordType recordId recordTitle operation version changedAt requestId
    changedFields { field oldValue newValue masked }
    changedBy { organization { slug name } role }
  } } }
}`;

interface ChangeNode {
  id: string;
  recordType: string;
  recordId: string;
  recordTitle: string;
  operation: string;
  version: number;
  changedAt: string;
  changedFields: { field: string; oldValue: unknown; newValue: unknown; masked: boolean }[];
  changedBy: { organization: { slug: string; name: string } | null; role: string };
}

class FeedError extends Error {
  constructor(readonly status: number, message: string, readonly extensions: Record<string, unknown>) {
    super(message);
  }
}

const STATUS_OF_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400, GRAPHQL_VALIDATION_FAILED: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403,
  SUBGRAPH_UNAVAILABLE: 502, DOWNSTREAM_SERVICE_ERROR: 502, SERVICE_UNAVAILABLE: 503,
};

function feedError(error: { message: string; extensions?: Record<string, unknown> }): FeedError {
  const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const status = STATUS_OF_CODE[code] ?? 500;
  if (status === 500) return new FeedError(500, 'Internal server error', { code: 'INTERNAL_SERVER_ERROR' });
  const named = /filter\.(\w+)/.exec(`${error.message} ${String(error.extensions?.field ?? '')}`)?.[1];
  return new FeedError(status, error.message, { code, ...(named && PARAMETERS.includes(named) ? { parameter: named } : {}) });
}

const bad = (message: string, parameter: string) => new FeedError(400, message, { code: 'BAD_USER_INPUT', parameter });

/** The query string as `changes` variables: unknown parameters and wrong values are refused here. */
function variablesOf(url: string): { last: number; filter: Record<string, unknown> } {
  const params = new URL(url, 'http://feed').searchParams;
  const filter: Record<string, unknown> = {};
  let last = 50;
  for (const name of new Set(params.keys())) {
    if (!PARAMETERS.includes(name)) throw bad(`Unknown parameter "${name}"; this feed takes ${PARAMETERS.join(', ')}`, name);
    const values = params.getAll(name).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
    if (values.length === 0) continue;
    if (name === 'types') {
      const wrong = values.find((value) => !RECORD_TYPES.includes(value));
      if (wrong) throw bad(`types must be among ${RECORD_TYPES.join(', ')}; got "${wrong.slice(0, 40)}"`, name);
      filter.types = values;
    } else if (name === 'topicKeys') filter.topicKeys = values;
    else if (values.length > 1) throw bad(`Give ${name} once`, name);
    else if (name === 'limit') {
      last = Number(values[0]);
      if (!Number.isInteger(last) || last < 1 || last > MAX_ENTRIES) throw bad(`limit must be a whole number from 1 to ${MAX_ENTRIES}`, name);
    } else filter[name] = values[0];
  }
  return { last, filter };
}

// XML 1.0 allows neither most control characters nor lone surrogates: they are dropped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xml = (value: string) => value.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const KIND: Record<string, string> = { PROJECT: 'Projekt', KNOWLEDGE_RESOURCE: 'Wissensressource', ORGANIZATION: 'Organisation' };
const OPERATION: Record<string, string> = { CREATED: 'angelegt', UPDATED: 'geändert', ARCHIVED: 'archiviert', DELETED: 'gelöscht' };

const show = (value: unknown) => (value == null ? '–' : typeof value === 'string' ? value : JSON.stringify(value));
const clip = (text: string, length = 300) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

function entry(node: ChangeNode): string {
  const label = node.recordTitle;
  const who = node.changedBy.organization ? `${node.changedBy.organization.name} (${node.changedBy.role})` : 'Stammdaten (seed)';
  const lines = node.changedFields.map((field) => `${field.field}: ${clip(show(field.oldValue))} → ${clip(show(field.newValue))}${field.masked ? ' (persönliche Daten nur für angemeldete Partner)' : ''}`);
  return `  <entry>
    <id>urn:uuid:${xml(node.id)}</id>
    <title>${xml(`${KIND[node.recordType] ?? node.recordType} ${OPERATION[node.operation] ?? node.operation}: ${label}`)}</title>
    <updated>${xml(node.changedAt)}</updated>
    <author><name>${xml(who)}</name></author>
    <category term="${xml(node.recordType)}"/>
    <category term="${xml(node.operation)}"/>
    <summary type="text">${xml(`Version ${node.version}, ${node.changedFields.length} Feld(er)`)}</summary>
    <content type="text">${xml(lines.join('\n'))}</content>
  </entry>`;
}

export function createChangesFeedRouter<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  contextFor: (req: Request, res: Response) => Promise<Context>,
): express.Router {
  const router = express.Router();
  router.get('/feeds/changes.atom', async (req, res) => {
    try {
      const variables = variablesOf(req.originalUrl);
      let contextValue: Context;
      try {
        contextValue = await contextFor(req, res);
      } catch (error) {
        if (error instanceof GraphQLError) throw feedError(error);
        throw error;
      }
      const response = await apollo.executeOperation<{ changes: { edges: { node: ChangeNode }[] } }>({ query: QUERY, variables }, { contextValue });
      const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
      if (!result || result.errors?.length || !result.data?.changes) throw feedError(result?.errors?.[0] ?? { message: 'No answer', extensions: {} });

      const base = envString('PUBLIC_URL', 'http://localhost:4000').replace(/\/+$/, '');
      const nodes = result.data.changes.edges.map((edge) => edge.node).reverse(); // newest first, as feed readers expect
      const self = `${base}${req.originalUrl}`;
      const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <id>${xml(`${base}/feeds/changes.atom`)}</id>
  <title>Münsterland regional graph: Änderungen</title>
  <subtitle>Neue und geänderte Projekte, Wissensressourcen und Organisationen der Region</subtitle>
  <updated>${xml(nodes[0]?.changedAt ?? new Date().toISOString())}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(self)}"/>
  <author><name>Münsterland regional graph</name></author>
  <generator>muensterland-regional-graph</generator>
${nodes.map((node) => entry(node)).join('\n')}
</feed>
`;
      res.status(200).setHeader('content-type', 'application/atom+xml; charset=utf-8').setHeader('cache-control', 'no-store').send(body);
    } catch (error) {
      const failure = error instanceof FeedError ? error : new FeedError(500, 'Internal server error', { code: 'INTERNAL_SERVER_ERROR' });
      if (failure.status === 500) logger.error({ err: (error as Error).message }, 'change feed failed');
      res.status(failure.status).json({ errors: [{ message: failure.message, extensions: failure.extensions }] });
    }
  });
  return router;
}
