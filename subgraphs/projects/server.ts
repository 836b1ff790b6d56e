import { buildFederatedSchema } from '../toolkit/federation.js';
import { TopicCoverageResolver } from './coverage.resolver.js';
import { defineSubgraph } from '../toolkit/service.js';
import { FundingEntity } from './funding.entity.js';
import { migrations } from './migrations/index.js';
import { OrganizationProjectsResolver } from './organization.resolver.js';
import { ParticipantMutationResolver } from './participant.mutation.js';
import { ParticipantResolver } from './participant.resolver.js';
import { ParticipationEntity } from './participation.entity.js';
import { ProjectEntity } from './project.entity.js';
import { ProjectImportResolver } from './project.import.js';
import { createProjectLoaders } from './project.loader.js';
import { ProjectMutationResolver } from './project.mutation.js';
import { projectReferences } from './project.reference.js';
import { ProjectResolver } from './project.resolver.js';
import { seedProjects } from './seed.js';
import { ProjectStatisticsFieldsResolver, ProjectStatisticsResolver } from './statistics.resolver.js';
import { TopicEntity } from './topic.entity.js';
import { TopicResolver } from './topic.resolver.js';
import { ProjectHistoryResolver } from './project.changes.js';

/** The projects subgraph: what runs in the region and who takes part. Owns `Project` and `Topic`. */
export const projectsSubgraph = defineSubgraph({
  name: 'projects',
  entities: [ProjectEntity, TopicEntity, ParticipationEntity, FundingEntity],
  migrations,
  buildSchema: () =>
    buildFederatedSchema({ resolvers: [ProjectResolver, TopicResolver, ParticipantResolver, OrganizationProjectsResolver, ProjectStatisticsResolver, ProjectStatisticsFieldsResolver, TopicCoverageResolver, ProjectMutationResolver, ParticipantMutationResolver, ProjectImportResolver, ProjectHistoryResolver] }, projectReferences),
  createLoaders: createProjectLoaders,
  seed: seedProjects,
});
