import type { RequestContext } from '../toolkit/context.js';
import type { OrganizationLoaders } from './organization.loader.js';
import type { Organization } from './organization.type.js';

/**
 * Resolves `Organization` representations from other subgraphs, batched per request: by id, or by
 * AGS (`@key(fields: "ags")`) for subgraphs that know a Kreis or municipality only by its AGS.
 */
export function resolveOrganizationReference(
  reference: Partial<Pick<Organization, 'id' | 'ags'>>,
  { loaders }: RequestContext<OrganizationLoaders>,
) {
  if (typeof reference.id === 'string') return loaders.organizationById.load(reference.id);
  if (typeof reference.ags === 'string') return loaders.organizationByAgs.load(reference.ags);
  return null;
}
