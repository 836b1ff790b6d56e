import { isRegionalAdmin, type Viewer } from '../toolkit/auth.js';
import { ForbiddenError } from '../toolkit/errors.js';
import type { KnowledgeResourceEntity } from './resource.entity.js';

/**
 * Who may change what in the knowledge subgraph: a resource belongs to the organization that
 * authored it (a project's participants add resources as their own); an admin of the
 * Münsterland e.V. may correct anything. The caller has already been checked to be a writer.
 */

/** The author organization may change a resource. */
export function assertMayEditResource(viewer: Viewer, resource: KnowledgeResourceEntity): void {
  if (isRegionalAdmin(viewer) || resource.authorOrganizationId === viewer.organizationId) return;
  throw new ForbiddenError(
    resource.authorOrganizationId
      ? `Only the organization that authored "${resource.title}" (or an admin of the Münsterland e.V.) may change it; your token is for ${viewer.organizationSlug}`
      : `"${resource.title}" has no author organization: only an admin of the Münsterland e.V. may change it`,
  );
}

/** An editor publishes resources as its own organization. */
export function assertMayAuthor(viewer: Viewer, authorOrganizationId: string): void {
  if (isRegionalAdmin(viewer) || authorOrganizationId === viewer.organizationId) return;
  throw new ForbiddenError(`You may publish resources only as your own organization (${viewer.organizationSlug}), or as an admin of the Münsterland e.V. for any`);
}
