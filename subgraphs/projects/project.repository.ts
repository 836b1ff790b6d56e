import type { EntityData, EntityManager } from '@mikro-orm/postgresql';
import type { PageArgs } from '../toolkit/connection.js';
import { BadUserInputError } from '../../shared/errors.js';
import { isUuid, looksLikeSlug } from '../../shared/ids.js';
import { slugGivenAsId } from '../toolkit/validation.js';
import { leanColumns, leanFind, leanRow } from '../toolkit/lean-read.js';
import { KEY } from '../toolkit/search-input.js';
import { HEADLINE_OPTIONS, HEADLINE_TSQUERY_SQL, headlineParams, highlight, TSQUERY_SQL } from '../toolkit/search-sql.js';
import { MICROS_PART, MICROS_PLACEHOLDER, microsOf, sqlPage, TEXT_PART, UUID_PART, type SqlOrder } from '../toolkit/sql-page.js';
import { ProjectEntity } from './project.entity.js';
import { ProjectOrder, type ProjectFilter, type ProjectLookupArgs } from './project.inputs.js';
import { projectQuery } from './project.search.js';
import { assertTopicsExist } from './project.validation.js';

export async function findProject(em: EntityManager, args: ProjectLookupArgs): Promise<ProjectEntity | null> {
  if ((args.id == null) === (args.slug == null)) throw new BadUserInputError('Give exactly one of id or slug', 'id');
  if (args.id != null && looksLikeSlug(args.id)) throw slugGivenAsId(args.id, 'id', 'project');
  if (args.id != null) return isUuid(args.id) ? leanOne(em, 't.id', args.id) : null;
  const slug = args.slug!.toLowerCase();
  if (slug.length > 160 || !KEY.test(slug)) return null; // no project has such a slug
  return leanOne(em, 't.slug', slug);
}

async function leanOne(em: EntityManager, column: string, value: string): Promise<ProjectEntity | null> {
  const [project] = await leanFind(em, ProjectEntity, (query) => query.where(column, value).limit(1));
  return project ?? null;
}

/** Each order with the index that serves it (see the search migration). */
const ORDERS: Record<ProjectOrder, SqlOrder> = {
  [ProjectOrder.RELEVANCE]: { name: ProjectOrder.RELEVANCE, orderBy: 'search_rank desc, p.title asc, p.id asc' },
  [ProjectOrder.TITLE]: {
    name: ProjectOrder.TITLE,
    orderBy: 'p.title asc, p.id asc',
    keyset: { key: '(p.title, p.id)', descending: false, parts: ['p.title', 'p.id::text'], placeholders: '(?, ?::uuid)', valid: [TEXT_PART(500), UUID_PART] },
  },
  [ProjectOrder.UPDATED_AT]: {
    name: ProjectOrder.UPDATED_AT,
    orderBy: 'p.updated_at desc, p.id desc',
    keyset: {
      key: '(p.updated_at, p.id)', descending: true, parts: [microsOf('p.updated_at'), 'p.id::text'],
      placeholders: `(${MICROS_PLACEHOLDER}, ?::uuid)`, valid: [MICROS_PART, UUID_PART],
    },
  },
  [ProjectOrder.CREATED_AT]: {
    name: ProjectOrder.CREATED_AT,
    orderBy: 'p.created_at desc, p.id desc',
    keyset: {
      key: '(p.created_at, p.id)', descending: true, parts: [microsOf('p.created_at'), 'p.id::text'],
      placeholders: `(${MICROS_PLACEHOLDER}, ?::uuid)`, valid: [MICROS_PART, UUID_PART],
    },
  },
};

type ProjectRow = EntityData<ProjectEntity> & { search_rank?: number; search_snippet?: string };

/** The `projects` connection: filtered, searched and ordered in SQL; rank and snippet per edge. */
/** `snippets: false` when nobody reads them: the page then skips ts_headline, the costliest part of a search. */
export async function listProjects(em: EntityManager, filter: ProjectFilter = {}, page: PageArgs, orderBy?: ProjectOrder, { snippets = true } = {}) {
  const knex = em.getKnex();
  const { query, text } = projectQuery(em, filter);
  // An unknown key is a mistake to name, not a reason for an empty list.
  await assertTopicsExist(em, filter.topicKeys, 'filter.topicKeys');
  const order = orderBy ?? (text ? ProjectOrder.RELEVANCE : ProjectOrder.TITLE);
  if (order === ProjectOrder.RELEVANCE && !text) throw new BadUserInputError('orderBy RELEVANCE needs filter.text', 'orderBy');

  // The entity's own columns. Not `p.*`: that also sends the stored `search_vector` (about 40 % of
  // a row's bytes), which PostgreSQL serialises and the subgraph parses only to drop it.
  const columns = [...leanColumns(em, ProjectEntity, 'p')] as (string | ReturnType<typeof knex.raw>)[];
  if (text) {
    columns.push(
      knex.raw(`ts_rank(p.search_vector, ${TSQUERY_SQL}) as search_rank`, [text]),
    );
    if (snippets) {
      columns.push(knex.raw(
        `ts_headline('german', concat_ws(' ', p.summary, array_to_string(p.keywords, ', '), p.occasion, p.goal, p.implementation, p.financing), ${HEADLINE_TSQUERY_SQL}, ?) as search_snippet`,
        [...headlineParams(text), HEADLINE_OPTIONS],
      ));
    }
  }
  return sqlPage(em, {
    query,
    columns,
    order: ORDERS[order],
    args: page,
    edge: ({ search_rank: rank, search_snippet: snippet, ...row }: ProjectRow) => ({
      node: leanRow(em, ProjectEntity, row, 'p'),
      rank: rank ?? null,
      snippet: highlight(snippet),
    }),
  });
}
