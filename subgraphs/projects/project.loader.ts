import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid } from '../../shared/ids.js';
import { leanFind } from '../toolkit/lean-read.js';
import { loadMany, loadOne } from '../toolkit/loaders.js';
import { KEY } from '../toolkit/search-input.js';
import { FundingEntity } from './funding.entity.js';
import { ParticipationEntity } from './participation.entity.js';
import { ProjectEntity } from './project.entity.js';
import { TopicEntity } from './topic.entity.js';
import { coveredAgsOfTopics, experienceOfTopics, type ExperienceRow } from './topic.repository.js';

/** One loader per relation, created for each request. */
export function createProjectLoaders(em: EntityManager) {
  return {
    projectById: loadOne<string, ProjectEntity>(
      (ids) => leanFind(em, ProjectEntity, (query) => query.whereIn('t.id', ids.filter(isUuid))),
      (project) => project.id,
    ),
    topicByKey: loadOne<string, TopicEntity>(
      (keys) => leanFind(em, TopicEntity, (query) => query.whereIn('t.key', keys.filter((key) => KEY.test(key)))),
      (topic) => topic.key,
    ),
    participantsByProjectId: loadMany<string, ParticipationEntity>(
      (ids) => leanFind(em, ParticipationEntity, (query) => query.whereIn('t.project_id', [...ids]).orderBy(['t.role', 't.created_at', 't.id'])),
      (participation) => participation.project.id,
    ),
    fundingByProjectId: loadMany<string, FundingEntity>(
      (ids) => leanFind(em, FundingEntity, (query) => query.whereIn('t.project_id', [...ids]).orderBy(['t.created_at', 't.id'])),
      (funding) => funding.project.id,
    ),
    projectsByLeadId: loadMany<string, ProjectEntity>(
      (ids) =>
        leanFind(em, ProjectEntity, (query) => query.whereIn('t.lead_organization_id', ids.filter(isUuid)).whereNull('t.archived_at').orderBy(['t.title', 't.id'])),
      (project) => project.leadOrganizationId!,
    ),
    participationsByOrganizationId: loadMany<string, ParticipationEntity>(
      (ids) =>
        em.find(ParticipationEntity, { organizationId: { $in: ids.filter(isUuid) }, project: { archivedAt: null } }, {
          populate: ['project'],
          orderBy: { project: { title: 'asc' }, id: 'asc' },
        }),
      (participation) => participation.organizationId,
    ),
    coveredAgsByTopicKey: new DataLoader<string, string[]>(async (keys) => {
      const rows = await coveredAgsOfTopics(em, keys);
      return keys.map((key) => rows.find((row) => row.topic_key === key)?.ags ?? []);
    }),
    experienceByTopicKey: loadMany<string, ExperienceRow>((keys) => experienceOfTopics(em, keys), (row) => row.topic_key),
  };
}

export type ProjectLoaders = ReturnType<typeof createProjectLoaders>;
