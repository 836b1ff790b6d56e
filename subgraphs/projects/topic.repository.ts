import type { EntityManager } from '@mikro-orm/postgresql';
import { inContext } from '../toolkit/sql-page.js';

/** Topic figures for many topics at once (DataLoader batches): one statement each. */

export interface TopicCoverageRow {
  topic_key: string;
  /** AGS of the municipalities that non-archived projects on the topic cover; sample records (`isSample`) never count. */
  ags: string[];
}

export function coveredAgsOfTopics(em: EntityManager, topicKeys: readonly string[]): Promise<TopicCoverageRow[]> {
  const knex = em.getKnex();
  return inContext(em, knex.raw(`
    select k as topic_key, array_agg(distinct a order by a) as ags
    from project p cross join unnest(p.topic_keys) k cross join unnest(p.municipality_ags) a
    where p.topic_keys && ?::text[] and k = any(?::text[]) and p.archived_at is null and not p.is_sample
    group by k`, [[...topicKeys], [...topicKeys]])).then((result: { rows: TopicCoverageRow[] }) => result.rows);
}

export interface ExperienceRow {
  topic_key: string;
  organization_id: string;
  projects_led: number;
  projects_joined: number;
  projects: number;
}

/** Organizations that led or joined non-archived projects on the topics, most projects first. */
export function experienceOfTopics(em: EntityManager, topicKeys: readonly string[]): Promise<ExperienceRow[]> {
  const knex = em.getKnex();
  return inContext(em, knex.raw(`
    select k as topic_key, x.organization_id,
      (count(distinct x.project_id) filter (where x.lead))::int as projects_led,
      (count(distinct x.project_id) filter (where not x.lead))::int as projects_joined,
      count(distinct x.project_id)::int as projects
    from project p
    cross join unnest(p.topic_keys) k
    cross join lateral (
      select p.lead_organization_id as organization_id, p.id as project_id, true as lead where p.lead_organization_id is not null
      union all
      select pp.organization_id, pp.project_id, false from project_participation pp where pp.project_id = p.id
    ) x
    where p.topic_keys && ?::text[] and k = any(?::text[]) and p.archived_at is null and not p.is_sample
    group by k, x.organization_id
    order by k, projects desc, projects_led desc, x.organization_id`, [[...topicKeys], [...topicKeys]])).then((result: { rows: ExperienceRow[] }) => result.rows);
}
