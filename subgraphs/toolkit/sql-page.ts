import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { pageSize, type ConnectionShape, type PageArgs } from './connection.js';
import { BadUserInputError } from '../../shared/errors.js';

/**
 * Pages of lists queried with hand-written SQL (search ranks, snippets, array filters), with
 * opaque cursors of two kinds: keyset cursors (the sort key of the last edge) where the order is
 * a stable key, and offset cursors for relevance order, whose rank is a float computed per query.
 * Our own: MikroORM's cursors page entity queries only, and no paging library knows a rank that
 * PostgreSQL computes per search.
 */
export interface SqlOrder {
  /** Name of the order (the GraphQL enum value); a cursor only works with the order it came from. */
  name: string;
  /** SQL ORDER BY, ending in the primary key so the order is total. */
  orderBy: string;
  /** Absent: offset cursors. */
  keyset?: {
    /** The sort key as a SQL row, e.g. `(p.title, p.id)`; its parts all sort in one direction. */
    key: string;
    descending: boolean;
    /** SQL of each key part as text, selected into the cursor. */
    parts: string[];
    /** SQL row of the cursor values with casts, e.g. `(?, ?::uuid)`. */
    placeholders: string;
    /** Checks of each cursor value: a forged cursor is a BAD_USER_INPUT and never reaches SQL. */
    valid: ((value: string) => boolean)[];
  };
}

type Position = { offset: number } | { key: string[] };

const MAX_CURSOR_LENGTH = 2048;

function encodeCursor(order: SqlOrder, position: Position): string {
  return Buffer.from(JSON.stringify({ o: order.name, ...position })).toString('base64url');
}

function decodeCursor(cursor: string, order: SqlOrder): Position {
  let value: any;
  try {
    value = cursor.length <= MAX_CURSOR_LENGTH ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    value = undefined;
  }
  const keyset = order.keyset;
  if (value?.o === order.name) {
    if (!keyset && Number.isSafeInteger(value.offset) && value.offset >= 0) return { offset: value.offset };
    if (keyset && Array.isArray(value.key) && value.key.length === keyset.valid.length
      && value.key.every((part: unknown, index: number) => typeof part === 'string' && keyset.valid[index](part))) {
      return { key: value.key };
    }
  }
  throw new BadUserInputError('after is not a cursor of this list in this order', 'after');
}

export interface SqlPageOptions<T, Row> {
  /** `from` and `where` of the list; the page adds its own select, order and limit. */
  query: Knex.QueryBuilder;
  /** Columns to select (the node's and any extras such as rank and snippet). */
  columns: (string | Knex.Raw)[];
  order: SqlOrder;
  args: PageArgs;
  /** Turns a result row (without the cursor columns) into an edge. */
  edge: (row: Row) => { node: T; rank?: number | null; snippet?: string | null };
}

/** One page and the total count of a SQL list: two statements. */
export async function sqlPage<T, Row extends Record<string, unknown>>(em: EntityManager, options: SqlPageOptions<T, Row>) {
  const { query, columns, order, args } = options;
  const knex = em.getKnex();
  const first = pageSize(args.first);
  const position = args.after == null ? undefined : decodeCursor(args.after, order);
  const keyset = order.keyset;

  const page = query.clone().select(columns).orderByRaw(order.orderBy).limit(first + 1);
  if (keyset) page.select(keyset.parts.map((part, index) => knex.raw(`${part} as cursor_${index}`)));
  if (position && 'key' in position) page.whereRaw(`${keyset!.key} ${keyset!.descending ? '<' : '>'} ${keyset!.placeholders}`, position.key);
  const offset = position && 'offset' in position ? position.offset : 0;
  if (offset) page.offset(offset);

  const rows: Row[] = await inContext(em, page);
  const [{ count }]: { count: string }[] = await inContext(em, query.clone().count({ count: '*' }));

  const edges = rows.slice(0, first).map((row, index) => {
    const key = keyset?.parts.map((_part, part) => String(row[`cursor_${part}`]));
    for (const part of keyset?.parts.keys() ?? []) delete row[`cursor_${part}`];
    const cursor = encodeCursor(order, key ? { key } : { offset: offset + index + 1 });
    return { cursor, ...options.edge(row) };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: position !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: Number(count),
  } satisfies ConnectionShape<T> & { edges: { rank?: number | null; snippet?: string | null }[] };
}

/**
 * Runs a knex query with real bind parameters (`em.execute` would inline them into the SQL text),
 * inside the EntityManager's transaction when it has one.
 */
export function inContext<T extends Knex.QueryBuilder | Knex.Raw>(em: EntityManager, query: T): T {
  const transaction = em.getTransactionContext<Knex.Transaction>();
  return transaction ? (query.transacting(transaction) as T) : query;
}

/** Cursor value checks. */
export const UUID_PART = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
/** A timestamp as microseconds since 1970 (exact, unlike a JavaScript Date's milliseconds). */
export const MICROS_PART = (value: string) => /^-?\d{1,18}$/.test(value);
export const TEXT_PART = (max: number) => (value: string) => value.length <= max;

/** SQL of a timestamp column as microseconds since 1970, and back. */
export const microsOf = (column: string) => `(extract(epoch from ${column}) * 1000000)::bigint::text`;
export const MICROS_PLACEHOLDER = `(timestamptz 'epoch' + ?::bigint * interval '1 microsecond')`;
