import type { RequestContext } from '../toolkit/context.js';
import type { OrganizationLoaders } from './organization.loader.js';
import type { Organization } from './organization.type.js';

/** Resolves `Organization` representations from other subgraphs, batched per request. */
export function resolveOrganizationReference(reference: Pick<Organization, 'id'>, { loaders }: RequestContext<OrganizationLoaders>) {
  return loaders.organizationById.load(reference.id);
}
