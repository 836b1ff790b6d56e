import type { Partner } from '../../shared/auth.js';
import type { EntityManager } from '../toolkit/database.js';
import { createdBy, definedOnly } from '../toolkit/mutations.js';
import { ParticipationEntity } from './participation.entity.js';
import { ProjectEntity, ProjectStatus } from './project.entity.js';
import type { newParticipants } from './project.validation.js';

// Its own module, not the resolver's: importing a resolver file from another one would change the
// order in which type-graphql registers them, and with it the order of the printed schema.

/** A new project (ACTIVE unless the input names a status) with its participants: what `createProject` and `importProjects` write. */
export function newProject(
  tx: EntityManager, writer: Partner, fields: Pick<ProjectEntity, 'title' | 'summary' | 'slug'> & { leadOrganizationId: string; isSample?: boolean },
  profile: Partial<ProjectEntity>, participants: ReturnType<typeof newParticipants>,
): ProjectEntity {
  const project = tx.create(ProjectEntity, { status: ProjectStatus.ACTIVE, ...definedOnly(profile), ...fields, ...createdBy(writer) });
  // One millisecond apart: participants are listed in the order given.
  const addedAt = Date.now();
  participants.forEach(({ organizationId, role, note }, index) => {
    tx.create(ParticipationEntity, { project, organizationId, role, note, ...createdBy(writer), createdAt: new Date(addedAt + index) });
  });
  return project;
}
