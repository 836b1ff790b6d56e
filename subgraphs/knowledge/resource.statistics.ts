import type { EntityManager } from '@mikro-orm/postgresql';
import { inContext } from '../toolkit/sql-page.js';
import type { KnowledgeResourceFilter } from './resource.inputs.js';
import { assertFilterTopics } from './resource.repository.js';
import { resourceQuery } from './resource.search.js';
import type { KnowledgeStatistics } from './statistics.type.js';

/** All figures of `knowledgeStatistics` in one statement: one GROUP BY per figure, as JSON arrays. */
export async function knowledgeStatistics(em: EntityManager, filter?: KnowledgeResourceFilter): Promise<KnowledgeStatistics> {
  const knex = em.getKnex();
  const matches = resourceQuery(em, filter).query.select('r.id', 'r.kind', 'r.topic_keys');
  await assertFilterTopics(filter);
  const statement = knex.with('m', matches).select(knex.raw(`
    (select count(*)::int from m) as "totalCount",
    (select coalesce(json_agg(t order by t.count desc, t.kind), '[]') from (
      select m.kind, count(*)::int as count from m group by m.kind
    ) t) as "byKind",
    (select coalesce(json_agg(t order by t.count desc, t.key), '[]') from (
      select k as key, count(*)::int as count from m cross join unnest(m.topic_keys) k group by k
    ) t) as "byTopic"
  `));
  const [row] = await inContext(em, statement);
  return row as KnowledgeStatistics;
}
