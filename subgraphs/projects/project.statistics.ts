import type { EntityManager } from '@mikro-orm/postgresql';
import { inContext } from '../toolkit/sql-page.js';
import type { ProjectFilter } from './project.inputs.js';
import { projectQuery } from './project.search.js';
import { assertTopicsExist } from './project.validation.js';
import type { ProjectStatistics } from './statistics.type.js';

/**
 * All figures of `projectStatistics` in one statement: the matching projects once (`m`), then
 * one GROUP BY per figure, each returned as a JSON array. No project row leaves the database.
 */
export async function projectStatistics(em: EntityManager, filter?: ProjectFilter): Promise<ProjectStatistics> {
  const knex = em.getKnex();
  const matches = projectQuery(em, filter).query.select('p.id', 'p.status', 'p.topic_keys', 'p.municipality_ags', 'p.lead_organization_id');
  await assertTopicsExist(em, filter?.topicKeys, 'filter.topicKeys');
  const statement = knex.with('m', matches).select(knex.raw(`
    (select count(*)::int from m) as "totalCount",
    (select coalesce(json_agg(t order by t.count desc, t.key), '[]') from (
      select t.key, count(*)::int as count from m cross join unnest(m.topic_keys) k join topic t on t.key = k group by t.key
    ) t) as "byTopic",
    (select coalesce(json_agg(t order by t.count desc, t.status), '[]') from (
      select m.status, count(*)::int as count from m group by m.status
    ) t) as "byStatus",
    (select coalesce(json_agg(t order by t.count desc, t.ags), '[]') from (
      select d as ags, count(*)::int as count from m cross join unnest(district_ags(m.municipality_ags)) d group by d
    ) t) as "byDistrict",
    (select coalesce(json_agg(t order by t."amountEur" desc nulls last, t.count desc, t.source), '[]') from (
      select f.source, sum(f.amount_eur) as "amountEur", count(*)::int as count, (count(*) - count(f.amount_eur))::int as "withoutAmount"
      from project_funding f join m on m.id = f.project_id group by f.source
    ) t) as "fundingBySource",
    (select coalesce(json_agg(t order by t."projectsLed" + t."projectsJoined" desc, t."projectsLed" desc, t."organizationId"), '[]') from (
      select x.organization_id as "organizationId",
        (count(distinct x.project_id) filter (where x.lead))::int as "projectsLed",
        (count(distinct x.project_id) filter (where not x.lead))::int as "projectsJoined"
      from (
        select m.lead_organization_id as organization_id, m.id as project_id, true as lead from m where m.lead_organization_id is not null
        union all
        select pp.organization_id, pp.project_id, false from project_participation pp join m on m.id = pp.project_id
      ) x group by x.organization_id
    ) t) as "byOrganization"
  `));
  const [row] = await inContext(em, statement);
  return row as ProjectStatistics;
}
