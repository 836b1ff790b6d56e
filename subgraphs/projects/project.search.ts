import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { assertKeys, searchText } from '../toolkit/search-input.js';
import { TSQUERY_SQL } from '../toolkit/search-sql.js';
import type { ProjectFilter } from './project.inputs.js';

/** A project filter as SQL over `project p`, shared by the list and the statistics. */
export interface ProjectQuery {
  query: Knex.QueryBuilder;
  /** The checked search text, when the filter searches. */
  text: string | null;
}

const AGS = /^(\d{5}|\d{8})$/;

export function projectQuery(em: EntityManager, filter: ProjectFilter = {}): ProjectQuery {
  const query = em.getKnex().from({ p: 'project' });
  const text = searchText(filter.text, 'filter.text');
  if (text) query.whereRaw(`p.search_vector @@ ${TSQUERY_SQL}`, [text]);
  if (!filter.includeArchived) query.whereNull('p.archived_at');
  if (!filter.includeSamples) query.where('p.is_sample', false);
  if (filter.status?.length) query.whereRaw('p.status = any(?::project_status[])', [filter.status]);
  if (filter.topicKeys?.length) {
    assertKeys(filter.topicKeys, 'filter.topicKeys');
    query.whereRaw('p.topic_keys && ?::text[]', [filter.topicKeys]);
  }
  if (filter.organizationId != null) {
    if (!isUuid(filter.organizationId)) throw new BadUserInputError('filter.organizationId is not an organization id', 'filter.organizationId');
    query.whereRaw(
      '(p.lead_organization_id = ? or exists (select 1 from project_participation pp where pp.project_id = p.id and pp.organization_id = ?))',
      [filter.organizationId, filter.organizationId],
    );
  }
  if (filter.ags != null) {
    if (!AGS.test(filter.ags)) throw new BadUserInputError('filter.ags must be an AGS of 8 digits (municipality) or 5 (Kreis)', 'filter.ags');
    // A Kreis: any of its municipalities (the first five digits of their AGS); served by GIN indexes.
    if (filter.ags.length === 5) query.whereRaw('district_ags(p.municipality_ags) @> array[?]::text[]', [filter.ags]);
    else query.whereRaw('p.municipality_ags @> array[?]::text[]', [filter.ags]);
  }
  if (filter.activeOn != null) query.whereRaw(`daterange(p.start_date, p.end_date, '[]') @> ?::date`, [isoDate(filter.activeOn)]);
  if (filter.modifiedSince != null) query.where('p.updated_at', '>=', filter.modifiedSince);
  if (filter.createdSince != null) query.where('p.created_at', '>=', filter.createdSince);
  return { query, text };
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
