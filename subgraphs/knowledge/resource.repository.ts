import { Cursor, QueryOrder, type EntityData, type EntityManager, type FilterQuery, type QueryOrderMap } from '@mikro-orm/postgresql';
import { paginate, type ConnectionShape, type PageArgs } from '../toolkit/connection.js';
import { BadUserInputError } from '../toolkit/errors.js';
import { isUuid } from '../toolkit/ids.js';
import { KnowledgeResourceEntity } from './resource.entity.js';
import type { KnowledgeResourceFilter, KnowledgeResourceLookupArgs } from './resource.inputs.js';

type ResourcePage = ConnectionShape<KnowledgeResourceEntity>;

/**
 * Order of every resource connection, newest record first (`paginate` appends `id asc`). Not by
 * publication date: MikroORM cursors cannot page over a nullable column (a null offset throws,
 * and `desc nulls last` is read as ascending).
 */
export const LIST_ORDER: QueryOrderMap<KnowledgeResourceEntity> = { createdAt: QueryOrder.DESC };

/** Order of the plain lists (a project's resources): newest publication first, undated last. */
const PUBLICATION_ORDER: QueryOrderMap<KnowledgeResourceEntity> = {
  publishedOn: QueryOrder.DESC_NULLS_LAST,
  title: QueryOrder.ASC,
  id: QueryOrder.ASC,
};

function assertUuid(value: string, field: string): void {
  if (!isUuid(value)) throw new BadUserInputError(`${field} is not a valid id`, field);
}

function assertLength(value: string, max: number, field: string): void {
  if (value.length > max) throw new BadUserInputError(`${field} is longer than ${max} characters`, field);
}

export async function findResource(em: EntityManager, args: KnowledgeResourceLookupArgs): Promise<KnowledgeResourceEntity | null> {
  const given = (['id', 'slug'] as const).filter((key) => args[key] != null);
  if (given.length !== 1) throw new BadUserInputError('Give exactly one of id or slug', given[1] ?? 'id');
  if (args.id != null) return isUuid(args.id) ? em.findOne(KnowledgeResourceEntity, { id: args.id }) : null;
  assertLength(args.slug!, 120, 'slug');
  return em.findOne(KnowledgeResourceEntity, { slug: args.slug!.toLowerCase() });
}

export async function listResources(em: EntityManager, filter: KnowledgeResourceFilter = {}, page: PageArgs): Promise<ResourcePage> {
  const where: FilterQuery<KnowledgeResourceEntity>[] = [];
  if (!filter.includeArchived) where.push({ archivedAt: null });
  if (filter.kind?.length) where.push({ kind: { $in: filter.kind } });
  if (filter.topicKey != null) {
    assertLength(filter.topicKey, 120, 'filter.topicKey');
    where.push({ topicKeys: { $contains: [filter.topicKey] } });
  }
  if (filter.projectId != null) {
    assertUuid(filter.projectId, 'filter.projectId');
    where.push({ projectIds: { $contains: [filter.projectId] } });
  }
  if (filter.authorOrganizationId != null) {
    assertUuid(filter.authorOrganizationId, 'filter.authorOrganizationId');
    where.push({ authorOrganizationId: filter.authorOrganizationId });
  }
  if (filter.language != null) {
    assertLength(filter.language, 16, 'filter.language');
    where.push({ language: filter.language });
  }
  return paginate(em, KnowledgeResourceEntity, { $and: where }, page, LIST_ORDER);
}

/** Non-archived resources related to any of the projects, in one statement (`project_ids && '{…}'`). */
export async function resourcesOfProjects(em: EntityManager, projectIds: readonly string[]): Promise<KnowledgeResourceEntity[]> {
  const ids = projectIds.filter(isUuid);
  if (ids.length === 0) return [];
  return em.find(KnowledgeResourceEntity, { projectIds: { $overlap: ids }, archivedAt: null }, { orderBy: PUBLICATION_ORDER });
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
