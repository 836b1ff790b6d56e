import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid } from '../../shared/ids.js';
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
      (ids) => em.find(ProjectEntity, { id: { $in: ids.filter(isUuid) } }),
      (project) => project.id,
    ),
    topicByKey: loadOne<string, TopicEntity>(
      (keys) => em.find(TopicEntity, { key: { $in: keys.filter((key) => KEY.test(key)) } }),
      (topic) => topic.key,
    ),
    participantsByProjectId: loadMany<string, ParticipationEntity>(
      (ids) => em.find(ParticipationEntity, { project: { $in: [...ids] } }, { orderBy: { role: 'asc', createdAt: 'asc', id: 'asc' } }),
      (participation) => participation.project.id,
    ),
    fundingByProjectId: loadMany<string, FundingEntity>(
      (ids) => em.find(FundingEntity, { project: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      (funding) => funding.project.id,
    ),
    projectsByLeadId: loadMany<string, ProjectEntity>(
      (ids) =>
        em.find(ProjectEntity, { leadOrganizationId: { $in: ids.filter(isUuid) }, archivedAt: null }, { orderBy: { title: 'asc', id: 'asc' } }),
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
