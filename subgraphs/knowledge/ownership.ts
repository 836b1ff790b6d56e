import { isRegionalAdmin, type Partner } from '../../shared/auth.js';
import { ForbiddenError } from '../../shared/errors.js';
import type { KnowledgeResourceEntity } from './resource.entity.js';
import type { ProjectMembers } from './resource.validation.js';

/**
 * Who may change what in the knowledge subgraph: a resource belongs to the organization that
 * authored it, and it may be related only to projects its author leads or takes part in (so a
 * project's participants add their own resources to it, outsiders none); an admin of the
 * Münsterland e.V. may correct anything. The caller has already been checked to be a writer.
 */

/** The author organization may change a resource. */
export function assertMayEditResource(partner: Partner, resource: KnowledgeResourceEntity): void {
  if (isRegionalAdmin(partner) || resource.authorOrganizationId === partner.organizationId) return;
  throw new ForbiddenError(
    resource.authorOrganizationId
      ? `Only the organization that authored "${resource.title}" (or an admin of the Münsterland e.V.) may change it; your token is for ${partner.organizationSlug}`
      : `"${resource.title}" has no author organization: only an admin of the Münsterland e.V. may change it`,
  );
}

/** An editor publishes resources as its own organization. */
export function assertMayAuthor(partner: Partner, authorOrganizationId: string): void {
  if (isRegionalAdmin(partner) || authorOrganizationId === partner.organizationId) return;
  throw new ForbiddenError(`You may publish resources only as your own organization (${partner.organizationSlug}), or as an admin of the Münsterland e.V. for any`);
}

/** The author leads or takes part in every project the resource is related to. */
export function assertMayRelate(partner: Partner, authorOrganizationId: string, projects: ProjectMembers[]): void {
  if (isRegionalAdmin(partner)) return;
  const foreign = projects.find((project) => !project.organizationIds.includes(authorOrganizationId));
  if (foreign) {
    throw new ForbiddenError(`Only organizations that lead or take part in "${foreign.title}" may relate their resources to it; ${partner.organizationSlug} does not (add your participation first)`);
  }
}
