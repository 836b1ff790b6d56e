import { Cursor, type EntityManager, type EntityName, type FilterQuery, type QueryOrderMap } from '@mikro-orm/postgresql';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { BadUserInputError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { CONTROL_CHARACTER } from './validation.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

// Every subgraph has connections: PageInfo is the same type in all of them.
@Directive('@shareable')
@ObjectType({ description: 'Relay page information of a connection.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether a page follows this one.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether a page precedes this one.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge of this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 0 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return the edges after this cursor (`pageInfo.endCursor`).' })
  after?: string;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * A Relay connection type for `nodeType`: `<Name>Connection` with `<Name>Edge`s. Subclass it as
 * `@ObjectType() class ProjectConnection extends Connection(Project) {}`.
 * Our own few lines rather than a Relay library: MikroORM's `findByCursor` already pages in SQL
 * with opaque cursors; libraries such as graphql-relay slice arrays held in memory.
 */
export function Connection<T extends object>(nodeType: ClassType<T>) {
  const name = nodeType.name;

  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this edge.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  return ConnectionOver<Edge>(Edge);
}

/** The connection fields over a given edge type; `SearchableConnection` brings edges of its own. */
export function ConnectionOver<E extends object>(edgeType: ClassType<E>) {
  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [edgeType], { description: 'The edges of this page, in the stable order of the list.' })
    edges!: E[];

    @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter, on all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

export function pageSize(first: number | undefined | null): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 0 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return size;
}

/**
 * One page of `entity` matching `where`, in `orderBy` order (the primary key is appended so the
 * order is stable). Costs two statements: the page and its count.
 */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  args: PageArgs,
  orderBy: QueryOrderMap<T>,
): Promise<ConnectionShape<T>> {
  const first = pageSize(args.first);
  const order = { ...orderBy, id: 'asc' } as QueryOrderMap<T>;
  if (args.after != null) assertCursor(args.after, Object.keys(order).length);
  const page = await em.findByCursor(entity, where, { first, after: args.after ?? undefined, orderBy: order, includeCount: true });
  return {
    edges: page.items.map((node) => ({ cursor: page.from(node), node: node as T })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPrevPage,
      startCursor: page.startCursor,
      endCursor: page.endCursor,
    },
    totalCount: page.totalCount,
  };
}

function assertCursor(cursor: string, length: number): void {
  let values: unknown;
  try {
    values = cursor.length <= 1024 ? Cursor.decode(cursor) : undefined;
  } catch {
    values = undefined;
  }
  // The order always ends with the id: a forged cursor (a non-UUID id, objects, NUL …) never reaches SQL.
  const valid = Array.isArray(values) && values.length === length && isUuid(String(values[length - 1]))
    && values.every((value) => value === null || typeof value === 'number' || (typeof value === 'string' && !CONTROL_CHARACTER.test(value)));
  if (!valid) {
    throw new BadUserInputError('after is not a cursor of this list', 'after');
  }
}
