import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProjectEntity } from './project.entity.js';

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

/**
 * Existing projects most like `draft` (duplicate check before a project is created), best first.
 * Work in progress: the ranking query follows.
 */
export async function findSimilarProjects(
  _em: EntityManager,
  _draft: ProjectDraft,
  _first: number,
  _excludeProjectId?: string,
): Promise<SimilarProject[]> {
  return [];
}
