import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { assertKeys, searchText } from '../toolkit/search-input.js';
import { TSQUERY_SQL } from '../toolkit/search-sql.js';
import type { KnowledgeResourceFilter } from './resource.inputs.js';

/** A resource filter as SQL over `knowledge_resource r`, shared by the list and the statistics. */
export interface ResourceQuery {
  query: Knex.QueryBuilder;
  /** The checked search text, when the filter searches. */
  text: string | null;
}

function assertUuid(value: string, field: string): void {
  if (!isUuid(value)) throw new BadUserInputError(`${field} is not a valid id`, field);
}

const LANGUAGE = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,3}$/;

export function resourceQuery(em: EntityManager, filter: KnowledgeResourceFilter = {}): ResourceQuery {
  const query = em.getKnex().from({ r: 'knowledge_resource' });
  const text = searchText(filter.text, 'filter.text');
  if (text) query.whereRaw(`r.search_vector @@ ${TSQUERY_SQL}`, [text]);
  if (!filter.includeArchived) query.whereNull('r.archived_at');
  if (!filter.includeSamples) query.where('r.is_sample', false);
  if (filter.kind?.length) query.whereRaw('r.kind = any(?::resource_kind[])', [filter.kind]);
  if (filter.topicKey != null) {
    assertKeys([filter.topicKey], 'filter.topicKey');
    query.whereRaw('r.topic_keys @> array[?]::text[]', [filter.topicKey]);
  }
  if (filter.topicKeys?.length) {
    assertKeys(filter.topicKeys, 'filter.topicKeys');
    query.whereRaw('r.topic_keys && ?::text[]', [filter.topicKeys]);
  }
  if (filter.projectId != null) {
    assertUuid(filter.projectId, 'filter.projectId');
    query.whereRaw('r.project_ids @> array[?]::uuid[]', [filter.projectId]);
  }
  if (filter.authorOrganizationId != null) {
    assertUuid(filter.authorOrganizationId, 'filter.authorOrganizationId');
    query.where('r.author_organization_id', filter.authorOrganizationId);
  }
  if (filter.language != null) {
    if (!LANGUAGE.test(filter.language)) throw new BadUserInputError('filter.language must be a BCP 47 language tag such as "de"', 'filter.language');
    query.where('r.language', filter.language);
  }
  if (filter.modifiedSince != null) query.where('r.updated_at', '>=', filter.modifiedSince);
  return { query, text };
}
