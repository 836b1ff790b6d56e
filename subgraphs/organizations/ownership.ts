import { isRegionalAdmin, type Partner } from '../../shared/auth.js';
import { ForbiddenError } from '../../shared/errors.js';
import type { OrganizationEntity } from './organization.entity.js';

/**
 * Who may change what in the organizations subgraph: an organization's own editors change its
 * contact data and contact persons; an admin of the Münsterland e.V. may correct anything. The
 * caller has already been checked to be a writer.
 */
export function assertMayEditOrganization(partner: Partner, organization: Pick<OrganizationEntity, 'id' | 'name'>): void {
  if (isRegionalAdmin(partner) || organization.id === partner.organizationId) return;
  throw new ForbiddenError(
    `Only ${organization.name} itself (or an admin of the Münsterland e.V.) may change its data and contact persons; your token is for ${partner.organizationSlug}`,
  );
}
