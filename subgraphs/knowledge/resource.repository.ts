import { Cursor, QueryOrder, type EntityData, type EntityManager, type Knex, type QueryOrderMap } from '@mikro-orm/postgresql';
import { paginate, type ConnectionShape, type PageArgs } from '../toolkit/connection.js';
import { BadUserInputError } from '../../shared/errors.js';
import { isUuid, looksLikeSlug } from '../../shared/ids.js';
import { slugGivenAsId } from '../toolkit/validation.js';
import { leanColumns, leanFind, leanRow } from '../toolkit/lean-read.js';
import { KEY } from '../toolkit/search-input.js';
import { HEADLINE_OPTIONS, HEADLINE_TSQUERY_SQL, headlineParams, highlight, TSQUERY_SQL } from '../toolkit/search-sql.js';
import { MICROS_PART, MICROS_PLACEHOLDER, microsOf, sqlPage, TEXT_PART, UUID_PART, type SqlOrder } from '../toolkit/sql-page.js';
import { KnowledgeResourceEntity } from './resource.entity.js';
import { KnowledgeResourceOrder, type KnowledgeResourceFilter, type KnowledgeResourceLookupArgs } from './resource.inputs.js';
import { resourceQuery } from './resource.search.js';
import { assertFilterTopicsExist } from './resource.validation.js';

type ResourcePage = ConnectionShape<KnowledgeResourceEntity>;

/**
 * Order of an organization's resources (`Organization.resources`), newest record first (`paginate` appends `id asc`). Not by
 * publication date: MikroORM cursors cannot page over a nullable column (a null offset throws,
 * and `desc nulls last` is read as ascending).
 */
export const LIST_ORDER: QueryOrderMap<KnowledgeResourceEntity> = { createdAt: QueryOrder.DESC };

function assertLength(value: string, max: number, field: string): void {
  if (value.length > max) throw new BadUserInputError(`${field} is longer than ${max} characters`, field);
}

export async function findResource(em: EntityManager, args: KnowledgeResourceLookupArgs): Promise<KnowledgeResourceEntity | null> {
  const given = (['id', 'slug'] as const).filter((key) => args[key] != null);
  if (given.length !== 1) throw new BadUserInputError('Give exactly one of id or slug', given[1] ?? 'id');
  if (args.id != null && looksLikeSlug(args.id)) throw slugGivenAsId(args.id, 'id', 'knowledgeResource');
  if (args.id != null) return isUuid(args.id) ? em.findOne(KnowledgeResourceEntity, { id: args.id }) : null;
  assertLength(args.slug!, 120, 'slug');
  const slug = args.slug!.toLowerCase();
  return KEY.test(slug) ? em.findOne(KnowledgeResourceEntity, { slug }) : null; // no resource has such a slug
}

/** Each order of `knowledgeResources`, with the index that serves it (see the search migration). */
const ORDERS: Record<KnowledgeResourceOrder, SqlOrder> = {
  [KnowledgeResourceOrder.RELEVANCE]: { name: KnowledgeResourceOrder.RELEVANCE, orderBy: 'search_rank desc, r.created_at desc, r.id desc' },
  [KnowledgeResourceOrder.CREATED_AT]: {
    name: KnowledgeResourceOrder.CREATED_AT,
    orderBy: 'r.created_at desc, r.id desc',
    keyset: {
      key: '(r.created_at, r.id)', descending: true, parts: [microsOf('r.created_at'), 'r.id::text'],
      placeholders: `(${MICROS_PLACEHOLDER}, ?::uuid)`, valid: [MICROS_PART, UUID_PART],
    },
  },
  [KnowledgeResourceOrder.UPDATED_AT]: {
    name: KnowledgeResourceOrder.UPDATED_AT,
    orderBy: 'r.updated_at desc, r.id desc',
    keyset: {
      key: '(r.updated_at, r.id)', descending: true, parts: [microsOf('r.updated_at'), 'r.id::text'],
      placeholders: `(${MICROS_PLACEHOLDER}, ?::uuid)`, valid: [MICROS_PART, UUID_PART],
    },
  },
  [KnowledgeResourceOrder.TITLE]: {
    name: KnowledgeResourceOrder.TITLE,
    orderBy: 'r.title asc, r.id asc',
    keyset: { key: '(r.title, r.id)', descending: false, parts: ['r.title', 'r.id::text'], placeholders: '(?, ?::uuid)', valid: [TEXT_PART(300), UUID_PART] },
  },
};

type SearchRow = EntityData<KnowledgeResourceEntity> & { search_rank?: number; search_snippet?: string };

export async function assertFilterTopics(filter: KnowledgeResourceFilter = {}): Promise<void> {
  if (filter.topicKey != null) await assertFilterTopicsExist([filter.topicKey], 'filter.topicKey');
  if (filter.topicKeys?.length) await assertFilterTopicsExist(filter.topicKeys, 'filter.topicKeys');
}

/** The `knowledgeResources` connection: filtered, searched and ordered in SQL; rank and snippet per edge. */
/** `snippets: false` when nobody reads them: the page then skips ts_headline, the costliest part of a search. */
export async function listResources(em: EntityManager, filter: KnowledgeResourceFilter = {}, page: PageArgs, orderBy?: KnowledgeResourceOrder, { snippets = true } = {}) {
  const knex = em.getKnex();
  const { query, text } = resourceQuery(em, filter);
  await assertFilterTopics(filter);
  const order = orderBy ?? (text ? KnowledgeResourceOrder.RELEVANCE : KnowledgeResourceOrder.CREATED_AT);
  if (order === KnowledgeResourceOrder.RELEVANCE && !text) throw new BadUserInputError('orderBy RELEVANCE needs filter.text', 'orderBy');

  // The entity's own columns, not the stored search_vector.
  const columns: (string | Knex.Raw)[] = [...leanColumns(em, KnowledgeResourceEntity, 'r')];
  if (text) {
    columns.push(knex.raw(`ts_rank(r.search_vector, ${TSQUERY_SQL}) as search_rank`, [text]));
    if (snippets) {
      columns.push(knex.raw(`ts_headline('german', concat_ws(' ', r.summary, r.body), ${HEADLINE_TSQUERY_SQL}, ?) as search_snippet`, [...headlineParams(text), HEADLINE_OPTIONS]));
    }
  }
  return sqlPage(em, {
    query,
    columns,
    order: ORDERS[order],
    args: page,
    edge: ({ search_rank: rank, search_snippet: snippet, ...row }: SearchRow) => ({
      node: leanRow(em, KnowledgeResourceEntity, row, 'r'),
      rank: rank ?? null,
      snippet: highlight(snippet),
    }),
  });
}

/** Non-archived resources related to any of the projects, in one statement (`project_ids && '{…}'`). */
export async function resourcesOfProjects(em: EntityManager, projectIds: readonly string[]): Promise<KnowledgeResourceEntity[]> {
  const ids = projectIds.filter(isUuid);
  if (ids.length === 0) return [];
  return leanFind(em, KnowledgeResourceEntity, (query) =>
    query.whereRaw('t.project_ids && ?::uuid[]', [ids]).whereNull('t.archived_at').orderByRaw('t.published_on desc nulls last, t.title asc, t.id asc'));
}

/** A later page of one author's resources: after a cursor, the page is asked for one author at a time. */
export function resourcesOfAuthor(em: EntityManager, authorId: string, page: PageArgs): Promise<ResourcePage> {
  if (!isUuid(authorId)) return paginate(em, KnowledgeResourceEntity, { id: { $in: [] } }, page, LIST_ORDER);
  return paginate(em, KnowledgeResourceEntity, { authorOrganizationId: authorId, archivedAt: null }, page, LIST_ORDER);
}

type RankedRow = EntityData<KnowledgeResourceEntity> & { page_position: number; author_total: string };

/**
 * The first `first` resources of each author, with each author's total, in one statement: a window
 * function numbers each author's rows in LIST_ORDER. Cursors are those `paginate` gives, so the
 * next page continues with `resourcesOfAuthor`.
 */
export async function firstResourcesOfAuthors(em: EntityManager, authorIds: readonly string[], first: number): Promise<Map<string, ResourcePage>> {
  const ids = [...new Set(authorIds.filter(isUuid))];
  const rows = ids.length === 0 ? [] : await em.execute<RankedRow[]>(
    `select * from (
       select r.*,
         row_number() over (partition by r.author_organization_id order by r.created_at desc, r.id asc) as page_position,
         count(*) over (partition by r.author_organization_id) as author_total
       from knowledge_resource r
       where r.author_organization_id in (?) and r.archived_at is null
     ) ranked
     where page_position <= ?
     order by author_organization_id, page_position`,
    [ids, first + 1], // one row more than the page tells whether a next page exists
  );

  const order = { ...LIST_ORDER, id: QueryOrder.ASC };
  const meta = em.getMetadata().get(KnowledgeResourceEntity.name);
  const grouped = new Map<string, { resources: KnowledgeResourceEntity[]; total: number }>();
  for (const { page_position: _position, author_total: total, ...columns } of rows) {
    const resource = em.map(KnowledgeResourceEntity, columns);
    const group = grouped.get(resource.authorOrganizationId!) ?? { resources: [], total: Number(total) };
    group.resources.push(resource);
    grouped.set(resource.authorOrganizationId!, group);
  }

  const pages = new Map<string, ResourcePage>();
  for (const authorId of authorIds) {
    const { resources, total } = grouped.get(authorId) ?? { resources: [], total: 0 };
    const edges = resources.slice(0, first).map((node) => ({ cursor: Cursor.for(meta, node, order), node }));
    pages.set(authorId, {
      edges,
      pageInfo: {
        hasNextPage: resources.length > first,
        hasPreviousPage: false,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount: total,
    });
  }
  return pages;
}
