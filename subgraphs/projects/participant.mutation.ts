import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireWriter } from '../../shared/auth.js';
import type { RequestContext } from '../toolkit/context.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { applyChanges, createdBy, expectNotArchived, expectVersion, lockRecord, writeTransaction } from '../toolkit/mutations.js';
import { optionalText, requiredId } from '../toolkit/validation.js';
import { assertMayManageParticipation } from './ownership.js';
import { ParticipationEntity } from './participation.entity.js';
import { ProjectEntity } from './project.entity.js';
import type { ProjectLoaders } from './project.loader.js';
import { AddParticipantInput, RemoveParticipantInput, UpdateParticipantInput } from './project.mutation-inputs.js';
import { ParticipantPayload, RemoveParticipantPayload } from './project.payloads.js';
import { assertOrganizationsExist } from './project.validation.js';

type Context = RequestContext<ProjectLoaders>;

/**
 * Participations change under their project's lock, so a participant added while the lead
 * archives the project, say, sees the archive and is refused.
 */
@Resolver()
export class ParticipantMutationResolver {
  @Mutation(() => ParticipantPayload, { description: 'Adds an organization to a project: its lead adds anyone, an organization may add itself.' })
  async addParticipant(@Arg('input', () => AddParticipantInput, { description: 'What to write (see the fields of `AddParticipantInput`).' }) input: AddParticipantInput, @Ctx() { em, partner }: Context): Promise<ParticipantPayload> {
    const writer = requireWriter(partner);
    const projectId = requiredId(input.projectId, 'input.projectId');
    const organizationId = requiredId(input.organizationId, 'input.organizationId');
    const note = optionalText(input.note, 'input.note', 1000) ?? null;
    await assertOrganizationsExist([{ id: organizationId, field: 'input.organizationId' }]);

    const participant = await writeTransaction(em, async (tx) => {
      const project = await lockRecord(tx, ProjectEntity, projectId, 'project');
      assertMayManageParticipation(writer, project, { organizationId });
      expectNotArchived(project, 'project');
      if (project.leadOrganizationId === organizationId) throw new BadUserInputError('This organization leads the project and takes part anyway', 'input.organizationId');
      if (await tx.count(ParticipationEntity, { project, organizationId })) throw new ConflictError('This organization takes part in the project already');
      return tx.create(ParticipationEntity, { project, organizationId, role: input.role, note, ...createdBy(writer) });
    });
    return { participant };
  }

  @Mutation(() => ParticipantPayload, { description: 'Changes the role or note of a participation: the project\'s lead changes any, an organization its own.' })
  async updateParticipant(@Arg('input', () => UpdateParticipantInput, { description: 'What to write (see the fields of `UpdateParticipantInput`).' }) input: UpdateParticipantInput, @Ctx() { em, partner }: Context): Promise<ParticipantPayload> {
    const writer = requireWriter(partner);
    if (input.role === null) throw new BadUserInputError('input.role cannot be null', 'input.role');
    const note = optionalText(input.note, 'input.note', 1000);
    const participant = await writeTransaction(em, async (tx) => {
      const stored = await lockParticipation(tx, input.id);
      assertMayManageParticipation(writer, stored.project, stored);
      expectVersion(stored, input.version, 'participation');
      expectNotArchived(stored.project, 'project');
      applyChanges(stored, { role: input.role ?? undefined, note }, writer);
      return stored;
    });
    return { participant };
  }

  @Mutation(() => RemoveParticipantPayload, { description: 'Ends a participation: the project\'s lead ends any, an organization its own.' })
  async removeParticipant(@Arg('input', () => RemoveParticipantInput, { description: 'What to write (see the fields of `RemoveParticipantInput`).' }) input: RemoveParticipantInput, @Ctx() { em, partner }: Context): Promise<RemoveParticipantPayload> {
    const writer = requireWriter(partner);
    const project = await writeTransaction(em, async (tx) => {
      const stored = await lockParticipation(tx, input.id);
      assertMayManageParticipation(writer, stored.project, stored);
      expectVersion(stored, input.version, 'participation');
      expectNotArchived(stored.project, 'project');
      tx.remove(stored);
      return stored.project;
    });
    return { removedParticipantId: input.id, project };
  }
}

/** The participation and its project, both locked: the project first, as everywhere, so writers never deadlock. */
async function lockParticipation(em: EntityManager, id: string): Promise<ParticipationEntity> {
  const found = isUuid(id) ? await em.findOne(ParticipationEntity, { id }) : null;
  if (!found) throw new NotFoundError(`There is no participation with id ${id}`);
  await lockRecord(em, ProjectEntity, found.project.id, 'project');
  return lockRecord(em, ParticipationEntity, id, 'participation');
}
