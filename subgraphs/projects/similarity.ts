import type { EntityData, EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { assertKeys, searchText } from '../toolkit/search-input.js';
import { inContext } from '../toolkit/sql-page.js';
import { ProjectEntity } from './project.entity.js';

/** A project like a draft or another project, with a score from 0 to 1 and why. */
export interface SimilarProject {
  project: ProjectEntity;
  score: number;
  reasons: string[];
}

export interface ProjectDraft {
  title: string;
  summary?: string | null;
  topicKeys?: string[] | null;
}

/** How much each signal counts; signals the draft does not give are left out of the weighting. */
const WEIGHTS = { title: 0.5, summary: 0.3, topics: 0.2 };
/** Below these, a similarity is no reason worth naming. */
const TITLE_REASON = 0.3;
const SUMMARY_REASON = 0.2;

type Row = EntityData<ProjectEntity> & {
  search_vector?: unknown;
  title_similarity: number;
  summary_similarity: number | null;
  shares_words: boolean;
  shared_topics: string[];
  score: number;
};

/**
 * Existing projects most like `draft`, best first: trigram similarity of the titles (pg_trgm,
 * on the German-folded text), of the summaries, and the overlap of the topics (Jaccard). The
 * candidates come from indexes: a similar title (`%`), a shared topic or a shared summary word.
 * Used by `similarProjects` and by `createProject`'s duplicate check; archived projects and
 * `excludeProjectId` are left out.
 */
export async function findSimilarProjects(
  em: EntityManager,
  draft: ProjectDraft,
  first: number,
  excludeProjectId?: string,
): Promise<SimilarProject[]> {
  const title = searchText(draft.title, 'draft.title');
  if (!title) throw new BadUserInputError('draft.title must not be empty', 'draft.title');
  const summary = searchText(draft.summary, 'draft.summary', 5000);
  const topicKeys = [...new Set(draft.topicKeys ?? [])];
  assertKeys(topicKeys, 'draft.topicKeys');
  // Any word of the summary may find a candidate: "a or b or c" in web search syntax.
  const summaryWords = (summary ?? '').split(/[^\p{L}\p{N}]+/u).filter((word) => word && word.toLowerCase() !== 'or').slice(0, 200).join(' or ');
  const weight = WEIGHTS.title + (summary ? WEIGHTS.summary : 0) + (topicKeys.length ? WEIGHTS.topics : 0);

  const knex = em.getKnex();
  const candidates = knex
    .from({ p: 'project' })
    .select(
      'p.*',
      knex.raw('similarity(fold_german(p.title), fold_german(?::text)) as title_similarity', [title]),
      knex.raw('case when ?::text is null then null else similarity(fold_german(p.summary), fold_german(?::text)) end as summary_similarity', [summary, summary]),
      knex.raw(`p.search_vector @@ websearch_to_tsquery('german', fold_german(?::text)) as shares_words`, [summaryWords]),
      knex.raw('array(select unnest(p.topic_keys) intersect select unnest(?::text[]) order by 1) as shared_topics', [topicKeys]),
      knex.raw('cardinality(array(select unnest(p.topic_keys) union select unnest(?::text[]))) as topic_union', [topicKeys]),
    )
    .whereNull('p.archived_at')
    .whereRaw(
      `(fold_german(p.title) % fold_german(?::text) or p.topic_keys && ?::text[] or p.search_vector @@ websearch_to_tsquery('german', fold_german(?::text)))`,
      [title, topicKeys, summaryWords],
    );
  if (excludeProjectId != null && !isUuid(excludeProjectId)) throw new BadUserInputError('projectId is not a project id', 'projectId');
  if (excludeProjectId) candidates.whereRaw('p.id <> ?::uuid', [excludeProjectId]);

  const ranked = knex
    .from(candidates.as('c'))
    .select(
      'c.*',
      knex.raw(
        `(? * c.title_similarity + ? * coalesce(c.summary_similarity, 0) + ? * coalesce(cardinality(c.shared_topics)::float / nullif(c.topic_union, 0), 0)) / ? as score`,
        [WEIGHTS.title, WEIGHTS.summary, topicKeys.length ? WEIGHTS.topics : 0, weight],
      ),
    )
    .orderByRaw('score desc, c.title asc, c.id asc')
    .limit(first);

  const rows: (Row & { topic_union?: number })[] = await inContext(em, ranked);
  return rows.map(({ search_vector: _vector, title_similarity, summary_similarity, shares_words, shared_topics, topic_union: _union, score, ...columns }) => ({
    project: em.map(ProjectEntity, columns),
    score: Math.round(score * 1000) / 1000,
    reasons: reasonsFor(title_similarity, summary_similarity, shares_words, shared_topics),
  }));
}

function reasonsFor(title: number, summary: number | null, sharesWords: boolean, sharedTopics: string[]): string[] {
  const reasons: string[] = [];
  if (title >= TITLE_REASON) reasons.push(`title similar (${title.toFixed(2)})`);
  if (summary != null && summary >= SUMMARY_REASON) reasons.push(`summary similar (${summary.toFixed(2)})`);
  else if (sharesWords) reasons.push('summary shares words');
  if (sharedTopics.length) {
    reasons.push(`${sharedTopics.length} shared topic${sharedTopics.length === 1 ? '' : 's'} (${sharedTopics.join(', ')})`);
  }
  return reasons;
}
