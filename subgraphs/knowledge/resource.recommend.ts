import type { EntityData, EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../../shared/ids.js';
import { inContext } from '../toolkit/sql-page.js';
import { KnowledgeResourceEntity } from './resource.entity.js';

/** What a recommendation starts from: a project's topics and Stichworte (from the projects subgraph). */
export interface RecommendationRequest {
  projectId: string;
  first: number;
  topicKeys: string[];
  keywords: string[];
}

type Row = EntityData<KnowledgeResourceEntity> & { recommended_for: string; search_vector?: unknown; score?: number };

/**
 * Resources for many projects in one statement ("voneinander Lernen"): per project, the
 * non-archived resources sharing a topic or matching a Stichwort (full text), the project's own
 * left out; more shared topics and a better keyword match first.
 */
export async function recommendResources(em: EntityManager, requests: readonly RecommendationRequest[]): Promise<Map<string, KnowledgeResourceEntity[]>> {
  const projects = requests.filter((request) => isUuid(request.projectId)).map((request) => ({
    id: request.projectId,
    first: request.first,
    topic_keys: request.topicKeys,
    // Each Stichwort a phrase, any of them may match: `"a b" or "c"` in web search syntax.
    keywords: request.keywords.map((keyword) => `"${keyword.replace(/["\u0000]/g, ' ')}"`).join(' or '),
  }));
  const byProject = new Map<string, KnowledgeResourceEntity[]>(requests.map((request) => [`${request.first}:${request.projectId}`, []]));
  if (projects.length === 0) return byProject;

  const result: { rows: Row[] } = await inContext(em, em.getKnex().raw(`
    select p.id as recommended_for, p.first as recommended_first, r.*
    from jsonb_to_recordset(?::jsonb) as p(id uuid, first int, topic_keys text[], keywords text)
    cross join lateral (
      select r.*,
        cardinality(array(select unnest(r.topic_keys) intersect select unnest(p.topic_keys)))
          + ts_rank(r.search_vector, websearch_to_tsquery('german', fold_german(p.keywords))) as score
      from knowledge_resource r
      where r.archived_at is null and not (r.project_ids @> array[p.id])
        and (r.topic_keys && p.topic_keys or r.search_vector @@ websearch_to_tsquery('german', fold_german(p.keywords)))
      order by score desc, r.published_on desc nulls last, r.id
      limit p.first
    ) r`, [JSON.stringify(projects)]));

  for (const { recommended_for: projectId, recommended_first: first, search_vector: _vector, score: _score, ...columns } of result.rows as (Row & { recommended_first: number })[]) {
    byProject.get(`${first}:${projectId}`)?.push(em.map(KnowledgeResourceEntity, columns));
  }
  return byProject;
}
