import { buildFederatedSchema } from '../toolkit/federation.js';
import { defineSubgraph } from '../toolkit/service.js';
import { FigureEntity } from './figure.entity.js';
import { migrations } from './migrations/index.js';
import { OrganizationEntity } from './organization.entity.js';
import { createOrganizationLoaders } from './organization.loader.js';
import { resolveOrganizationReference } from './organization.reference.js';
import { OrganizationResolver } from './organization.resolver.js';
import { PersonEntity } from './person.entity.js';
import { seedOrganizations } from './seed.js';

/** The organizations subgraph: who is who in the region. Owns `Organization`. */
export const organizationsSubgraph = defineSubgraph({
  name: 'organizations',
  entities: [OrganizationEntity, FigureEntity, PersonEntity],
  migrations,
  buildSchema: () =>
    buildFederatedSchema(
      { resolvers: [OrganizationResolver] },
      { Organization: { __resolveReference: resolveOrganizationReference } },
    ),
  createLoaders: createOrganizationLoaders,
  seed: seedOrganizations,
});
