import { buildFederatedSchema } from '../toolkit/federation.js';
import { contributionReferences, DistrictProjectCountContributionResolver, TopicCoverageContributionResolver } from './contributions.resolver.js';
import { DistrictProjectCountContribution, TopicCoverageContribution } from './contributions.type.js';
import { defineSubgraph } from '../toolkit/service.js';
import { FigureEntity } from './figure.entity.js';
import { migrations } from './migrations/index.js';
import { OrganizationEntity } from './organization.entity.js';
import { createOrganizationLoaders } from './organization.loader.js';
import { OrganizationMutationResolver } from './organization.mutation.js';
import { resolveOrganizationReference } from './organization.reference.js';
import { OrganizationResolver } from './organization.resolver.js';
import { PersonEntity } from './person.entity.js';
import { ContactPersonMutationResolver } from './person.mutation.js';
import { ContactPersonResolver } from './person.resolver.js';
import { seedOrganizations } from './seed.js';
import { ChangeFeedResolver } from './organization.changes.js';
import { WebhookResolver } from './webhook.resolver.js';
import { envBool } from '../../shared/config.js';
import { startWebhookDispatcher } from '../toolkit/webhook-dispatcher.js';

/** The organizations subgraph: who is who in the region. Owns `Organization`. */
export const organizationsSubgraph = defineSubgraph({
  name: 'organizations',
  entities: [OrganizationEntity, FigureEntity, PersonEntity],
  migrations,
  buildSchema: () =>
    buildFederatedSchema(
      {
        resolvers: [OrganizationResolver, TopicCoverageContributionResolver, DistrictProjectCountContributionResolver, ContactPersonResolver, OrganizationMutationResolver, ContactPersonMutationResolver, ChangeFeedResolver, WebhookResolver],
        // Reached only through the gateway (`_entities`), never from this subgraph's own fields.
        orphanedTypes: [TopicCoverageContribution, DistrictProjectCountContribution],
      },
      { Organization: { __resolveReference: resolveOrganizationReference }, ...contributionReferences },
    ),
  createLoaders: createOrganizationLoaders,
  seed: seedOrganizations,
  // The hub of change events: merges the feed and delivers webhooks (WEBHOOKS_ENABLED=false turns deliveries off).
  background: (database, databaseUrl) => (envBool('WEBHOOKS_ENABLED', true) ? startWebhookDispatcher(database, databaseUrl) : Promise.resolve({ stop: async () => undefined })),
});
