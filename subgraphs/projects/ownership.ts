import { isRegionalAdmin, type Partner } from '../../shared/auth.js';
import { ForbiddenError } from '../../shared/errors.js';
import type { ParticipationEntity } from './participation.entity.js';
import type { ProjectEntity } from './project.entity.js';

/**
 * Who may change what in the projects subgraph. A project belongs to its lead organization; an
 * organization taking part owns its own participation; an admin of the Münsterland e.V. may
 * correct anything. The caller has already been checked to be a writer (`requireWriter`).
 */

const ADMIN_HINT = 'or an admin of the Münsterland e.V.';

/** A project's lead organization may change it. */
export function assertMayEditProject(partner: Partner, project: ProjectEntity): void {
  if (isRegionalAdmin(partner) || project.leadOrganizationId === partner.organizationId) return;
  throw new ForbiddenError(
    project.leadOrganizationId
      ? `Only the lead organization of "${project.title}" (${ADMIN_HINT}) may change it; your token is for ${partner.organizationSlug}`
      : `"${project.title}" has no lead organization: only an admin of the Münsterland e.V. may change it`,
  );
}

/** An editor names its own organization as lead of a new or handed-over project. */
export function assertMayLead(partner: Partner, leadOrganizationId: string): void {
  if (isRegionalAdmin(partner) || leadOrganizationId === partner.organizationId) return;
  throw new ForbiddenError(`You may make only your own organization (${partner.organizationSlug}) the lead of a project, ${ADMIN_HINT} any`);
}

/** The lead manages every participation of its project; an organization its own. */
export function assertMayManageParticipation(partner: Partner, project: ProjectEntity, participation: Pick<ParticipationEntity, 'organizationId'>): void {
  if (isRegionalAdmin(partner) || project.leadOrganizationId === partner.organizationId) return;
  if (participation.organizationId === partner.organizationId) return;
  throw new ForbiddenError(
    `Only the lead organization of "${project.title}" (${ADMIN_HINT}) manages its participants; ${partner.organizationSlug} may add or change only its own participation`,
  );
}
