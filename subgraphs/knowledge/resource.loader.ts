import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { ConnectionShape } from '../toolkit/connection.js';
import { isUuid } from '../../shared/ids.js';
import { leanFind } from '../toolkit/lean-read.js';
import { loadMany, loadOne } from '../toolkit/loaders.js';
import { KnowledgeResourceEntity } from './resource.entity.js';
import { recommendResources, type RecommendationRequest } from './resource.recommend.js';
import { firstResourcesOfAuthors, resourcesOfProjects } from './resource.repository.js';

type AuthorPage = ConnectionShape<KnowledgeResourceEntity> & { key: string };

/** Key of an author's first page: the page size is part of it, since fields may ask for different sizes. */
export const authorPageKey = (first: number, authorId: string) => `${first}:${authorId}`;

/** Fetches the first pages for keys made by `authorPageKey`: one statement per distinct page size. */
async function fetchAuthorPages(em: EntityManager, keys: readonly string[]): Promise<AuthorPage[]> {
  const bySize = new Map<number, string[]>();
  for (const key of keys) {
    const separator = key.indexOf(':'); // the id comes from a client and may hold ':' itself
    const size = Number(key.slice(0, separator));
    if (!bySize.has(size)) bySize.set(size, []);
    bySize.get(size)!.push(key.slice(separator + 1));
  }
  const pages: AuthorPage[] = [];
  for (const [first, authorIds] of bySize) {
    const found = await firstResourcesOfAuthors(em, authorIds, first);
    for (const [authorId, page] of found) pages.push({ ...page, key: authorPageKey(first, authorId) });
  }
  return pages;
}

/** One loader per relation, created for each request. */
export function createKnowledgeLoaders(em: EntityManager) {
  return {
    resourceById: loadOne<string, KnowledgeResourceEntity>(
      (ids) => leanFind(em, KnowledgeResourceEntity, (query) => query.whereIn('t.id', ids.filter(isUuid))),
      (resource) => resource.id,
    ),
    resourcesByProjectId: loadMany<string, KnowledgeResourceEntity>(
      (ids) => resourcesOfProjects(em, ids),
      (resource) => resource.projectIds,
    ),
    firstResourcesByAuthorPage: loadOne<string, AuthorPage>(
      (keys) => fetchAuthorPages(em, keys),
      (page) => page.key,
    ),
    // Keyed by page size and project: the request carries the project's topics and Stichworte.
    recommendedResources: new DataLoader<RecommendationRequest, KnowledgeResourceEntity[], string>(
      async (requests) => {
        const found = await recommendResources(em, requests);
        return requests.map((request) => found.get(`${request.first}:${request.projectId}`) ?? []);
      },
      { cacheKeyFn: (request) => `${request.first}:${request.projectId}` },
    ),
  };
}

export type KnowledgeLoaders = ReturnType<typeof createKnowledgeLoaders>;
