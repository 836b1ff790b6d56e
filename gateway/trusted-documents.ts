import { addKnownOperationNames } from '../shared/metrics.js';
import type { Request, RequestHandler, Response } from 'express';
import {
  GraphQLError, Kind, parse, print, visit,
  type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode,
} from 'graphql';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { introspectionOf } from './introspection.js';

/**
 * Trusted documents (persisted documents): operations a partner app registered ahead of time,
 * sent by id instead of by text. Manifests are in the format of Apollo's persisted query
 * manifest (`@apollo/generate-persisted-query-manifest`), written by `npm run persist`; the
 * gateway reads every `*.json` manifest of `TRUSTED_DOCUMENTS_DIR` at start.
 *
 * Requests name a document the GraphQL-over-HTTP way (`documentId: "sha256:<hex>"`, in a POST
 * body or a GET query string). The middleware below turns the id into the document's text
 * before Apollo sees the request, so the admission step (limits, cost, read or write) checks
 * it exactly like text sent by a client.
 */
export interface ManifestOperation {
  /** sha256 of `body`, hex. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * One manifest entry per named operation of the given sources: the operation and the fragments
 * it uses (sorted by name), printed by graphql-js, so the same operation always has the same id.
 */
export function manifestOf(sources: { name: string; text: string }[]): PersistedQueryManifest {
  const operations: OperationDefinitionNode[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const source of sources) {
    let document: DocumentNode;
    try {
      document = parse(source.text);
    } catch (error) {
      throw new Error(`${source.name}: ${error instanceof Error ? error.message : error}`);
    }
    for (const definition of document.definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) {
        if (!definition.name) throw new Error(`${source.name}: every operation needs a name (it labels the operation's metrics and logs)`);
        operations.push(definition);
      } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        if (fragments.has(definition.name.value)) throw new Error(`${source.name}: fragment ${definition.name.value} is defined twice`);
        fragments.set(definition.name.value, definition);
      } else {
        throw new Error(`${source.name}: only operations and fragments belong in a trusted document`);
      }
    }
  }
  const names = new Set<string>();
  const entries = operations.map((operation) => {
    const name = operation.name!.value;
    if (names.has(name)) throw new Error(`Operation ${name} is defined twice`);
    names.add(name);
    const used = new Map<string, FragmentDefinitionNode>();
    const collect = (node: DefinitionNode) =>
      visit(node, {
        FragmentSpread(spread) {
          const fragment = fragments.get(spread.name.value);
          if (!fragment) throw new Error(`Operation ${name} uses the unknown fragment ${spread.name.value}`);
          if (!used.has(spread.name.value)) {
            used.set(spread.name.value, fragment);
            collect(fragment);
          }
        },
      });
    collect(operation);
    const definitions = [operation, ...[...used.values()].sort((a, b) => a.name.value.localeCompare(b.name.value))];
    const body = print({ kind: Kind.DOCUMENT, definitions });
    return { id: sha256(body), name, type: operation.operation, body } satisfies ManifestOperation;
  });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: entries.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** The trusted documents a gateway serves, by id. */
export class TrustedDocuments {
  private byId = new Map<string, string>();
  private source?: { dir: string; extraBodies: readonly string[]; stamp: string; checkedAt: number };
  /** Names of every operation in the trusted documents: the bounded set metrics may label by. */
  readonly operationNames = new Set<string>();

  add(body: string): string {
    const id = sha256(body);
    this.byId.set(id, body);
    for (const definition of parse(body).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) this.operationNames.add(definition.name.value);
    }
    // Names from manifests the operators wrote: a bounded set that metrics may use as labels.
    addKnownOperationNames(this.operationNames);
    return id;
  }

  get(id: string): string | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * Reads every `*.json` manifest of a folder (none when it does not exist). A manifest in
   * another format, or an entry whose id is not the sha256 of its body, stops the start: a
   * gateway must not serve a document under an id that names another text.
   */
  static load(dir: string, extraBodies: readonly string[] = []): TrustedDocuments {
    const documents = new TrustedDocuments();
    for (const body of extraBodies) documents.add(body);
    documents.source = { dir, extraBodies, stamp: manifestStamp(dir), checkedAt: Date.now() };
    if (!fs.existsSync(dir)) return documents;
    for (const file of manifestFiles(dir)) {
      const where = path.join(dir, file);
      const manifest = JSON.parse(fs.readFileSync(where, 'utf8')) as PersistedQueryManifest;
      if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
        throw new Error(`${where} is not an Apollo persisted query manifest (format "apollo-persisted-query-manifest", version 1)`);
      }
      for (const operation of manifest.operations) {
        if (typeof operation.body !== 'string' || operation.id !== sha256(operation.body)) {
          throw new Error(`${where}: the id of operation ${operation.name} is not the sha256 of its body; run npm run persist again`);
        }
        documents.add(operation.body);
      }
    }
    return documents;
  }

  /**
   * Reads the manifests again when they changed since they were read (checked at most once a
   * second), so a developer's `npm run persist` works without restarting the gateway. A manifest
   * that does not load keeps the documents as they were.
   */
  refresh(): void {
    const source = this.source;
    if (!source || Date.now() - source.checkedAt < 1000) return;
    source.checkedAt = Date.now();
    const stamp = manifestStamp(source.dir);
    if (stamp === source.stamp) return;
    let fresh: TrustedDocuments;
    try {
      fresh = TrustedDocuments.load(source.dir, source.extraBodies);
    } catch {
      return;
    }
    this.byId = fresh.byId;
    for (const name of fresh.operationNames) this.operationNames.add(name);
    this.source = fresh.source;
  }
}

const manifestFiles = (dir: string) => fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort();

/** Names, sizes and modification times of the manifests: what changes when one is written. */
function manifestStamp(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  return manifestFiles(dir)
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return `${name}:${stat.size}:${stat.mtimeMs}`;
    })
    .join('|');
}

let loaded = new TrustedDocuments();

/** The operation names of the trusted documents this gateway loaded (metrics label by these, others as `other`). */
export const trustedOperationNames = (): ReadonlySet<string> => loaded.operationNames;

/** Loads the trusted documents for this process (see `TrustedDocuments.load`). */
export function loadTrustedDocuments(dir: string, extraBodies: readonly string[] = []): TrustedDocuments {
  loaded = TrustedDocuments.load(dir, extraBodies);
  return loaded;
}

const HEX_ID = /^[0-9a-f]{64}$/;

/** `sha256:<hex>` (GraphQL over HTTP) or a bare hex id (Apollo's clients): the hex, else null. */
export function parseDocumentId(documentId: string): string | null {
  const hex = documentId.startsWith('sha256:') ? documentId.slice('sha256:'.length) : documentId;
  return HEX_ID.test(hex) ? hex : null;
}

function refuse(res: Response, code: string, message: string, extensions: Record<string, unknown> = {}) {
  res.status(400).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

export interface TrustedDocumentOptions {
  /** `PERSISTED_ONLY=true`: anonymous callers may send only trusted documents (and introspection). */
  persistedOnly: boolean;
  isSignedIn: (req: Request) => Promise<boolean>;
}

/**
 * Express middleware in front of the admission step and Apollo: a `documentId` becomes the
 * trusted document's text (an unknown id is a 400 `PERSISTED_QUERY_NOT_FOUND`); with
 * `persistedOnly`, text from anonymous callers is refused (400 `PERSISTED_QUERY_REQUIRED`)
 * unless it is a trusted document itself (the playground's saved operations) or only reads the
 * schema (the playground's docs, code generators).
 */
export function trustedDocumentRequests(documents: TrustedDocuments, options: TrustedDocumentOptions): RequestHandler {
  return async (req, res, next) => {
    const get = req.method === 'GET';
    const params: Record<string, unknown> | undefined = get ? (req.query as Record<string, unknown>) : req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : undefined;
    if (!params) return next(); // batches and non-JSON bodies: the next steps answer them
    const documentId = params.documentId;
    if (documentId !== undefined) {
      if (typeof documentId !== 'string') return refuse(res, 'BAD_REQUEST', 'documentId must be a string such as "sha256:<64 hex digits>"');
      if (params.query !== undefined) return refuse(res, 'BAD_REQUEST', 'Send either documentId or query, not both');
      const id = parseDocumentId(documentId);
      if (id && !documents.has(id)) documents.refresh();
      const body = id ? documents.get(id) : undefined;
      if (!body) {
        return refuse(res, 'PERSISTED_QUERY_NOT_FOUND', `No trusted document has the id ${JSON.stringify(documentId.slice(0, 80))}; register the operation with npm run persist`);
      }
      if (get) {
        // Apollo reads a GET request's parameters from the URL: the id becomes `query` there.
        const [pathname, search = ''] = req.url.split(/\?(.*)/s);
        const searchParams = new URLSearchParams(search);
        searchParams.delete('documentId');
        searchParams.set('query', body);
        req.url = `${pathname}?${searchParams}`;
      } else {
        delete params.documentId;
        params.query = body;
      }
      return next();
    }
    if (!options.persistedOnly) return next();

    const query = params.query;
    const apqHash = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
    if (typeof query !== 'string' && typeof apqHash !== 'string') return next(); // nothing to run: Apollo says what is missing
    if (typeof query === 'string' && documents.has(sha256(query))) return next();
    if (typeof query !== 'string' && typeof apqHash === 'string' && documents.has(apqHash)) {
      params.query = documents.get(apqHash);
      return next();
    }
    if (typeof query === 'string' && isOnlyIntrospection(query, params.operationName)) return next();
    if (await options.isSignedIn(req)) return next();
    refuse(
      res,
      'PERSISTED_QUERY_REQUIRED',
      'This gateway runs only registered operations for anonymous callers: send a trusted document by documentId ("sha256:<hex>", see npm run persist), or sign in with a partner token (npm run -s token -- --org <slug> --role viewer)',
    );
  };
}

function isOnlyIntrospection(query: string, operationName: unknown): boolean {
  try {
    return introspectionOf(parse(query, { noLocation: true, maxTokens: 5000 }), typeof operationName === 'string' ? operationName : null).only;
  } catch (error) {
    if (error instanceof GraphQLError) return false;
    throw error;
  }
}
