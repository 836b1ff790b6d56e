import { buildFederatedSchema } from '../toolkit/federation.js';
import { defineSubgraph } from '../toolkit/service.js';
import { migrations } from './migrations/index.js';
import { OrganizationResourcesResolver } from './organization.resolver.js';
import { ProjectResourcesResolver } from './project.resolver.js';
import { KnowledgeResourceEntity } from './resource.entity.js';
import { KnowledgeResourceImportResolver } from './resource.import.js';
import { createKnowledgeLoaders } from './resource.loader.js';
import { KnowledgeResourceMutationResolver } from './resource.mutation.js';
import { resolveKnowledgeResourceReference } from './resource.reference.js';
import { KnowledgeResourceResolver } from './resource.resolver.js';
import { seedKnowledge } from './seed.js';
import { KnowledgeStatisticsResolver } from './statistics.resolver.js';
import { KnowledgeResourceHistoryResolver } from './resource.changes.js';

/**
 * The knowledge subgraph: what the region knows and learned. Owns `KnowledgeResource`; adds
 * resources to `Organization` and `Project`. Only this subgraph's resolvers are named, so the
 * organizations subgraph's `Organization` class never enters this schema.
 */
export const knowledgeSubgraph = defineSubgraph({
  name: 'knowledge',
  entities: [KnowledgeResourceEntity],
  migrations,
  buildSchema: () =>
    buildFederatedSchema(
      { resolvers: [KnowledgeResourceResolver, OrganizationResourcesResolver, ProjectResourcesResolver, KnowledgeStatisticsResolver, KnowledgeResourceMutationResolver, KnowledgeResourceImportResolver, KnowledgeResourceHistoryResolver] },
      // Organization and Project are resolved from their key alone: the representation is the stub.
      { KnowledgeResource: { __resolveReference: resolveKnowledgeResourceReference } },
    ),
  createLoaders: createKnowledgeLoaders,
  seed: seedKnowledge,
});
