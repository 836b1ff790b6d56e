import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireWriter } from '../../shared/auth.js';
import type { RequestContext } from '../toolkit/context.js';
import { BadUserInputError } from '../../shared/errors.js';
import {
  applyChanges, createdBy, definedOnly, expectNotArchived, expectVersion, lockRecord, uniqueSlug, writeTransaction,
} from '../toolkit/mutations.js';
import { requiredId } from '../toolkit/validation.js';
import { assertMayAuthor, assertMayEditResource, assertMayRelate } from './ownership.js';
import { KnowledgeResourceEntity } from './resource.entity.js';
import type { KnowledgeLoaders } from './resource.loader.js';
import { ArchiveKnowledgeResourceInput, CreateKnowledgeResourceInput, UpdateKnowledgeResourceInput } from './resource.mutation-inputs.js';
import { KnowledgeResourcePayload } from './resource.payloads.js';
import { assertReferencesExist, projectMembers, resourceChanges, resourceSummary, resourceTitle } from './resource.validation.js';

type Context = RequestContext<KnowledgeLoaders>;

@Resolver()
export class KnowledgeResourceMutationResolver {
  @Mutation(() => KnowledgeResourcePayload, { description: 'Publishes a knowledge resource as your organization (an admin of the Münsterland e.V. may name any author).' })
  async createKnowledgeResource(
    @Arg('input', () => CreateKnowledgeResourceInput, { description: 'What to write (see the fields of `CreateKnowledgeResourceInput`).' }) input: CreateKnowledgeResourceInput,
    @Ctx() { em, partner }: Context,
  ): Promise<KnowledgeResourcePayload> {
    const writer = requireWriter(partner);
    const title = resourceTitle(input.title);
    const authorOrganizationId = input.authorOrganizationId == null ? writer.organizationId : requiredId(input.authorOrganizationId, 'input.authorOrganizationId');
    assertMayAuthor(writer, authorOrganizationId);
    const fields = { ...definedOnly(resourceChanges(input)), title, summary: resourceSummary(input.summary), kind: input.kind, authorOrganizationId };
    await assertReferencesExist(fields);
    assertMayRelate(writer, authorOrganizationId, await projectMembers(fields.projectIds ?? []));

    const knowledgeResource = await writeTransaction(em, async (tx) =>
      tx.create(KnowledgeResourceEntity, {
        ...fields,
        slug: await uniqueSlug(tx, KnowledgeResourceEntity, title, 'ressource', 120),
        ...createdBy(writer),
      }), 2);
    return { knowledgeResource };
  }

  @Mutation(() => KnowledgeResourcePayload, { description: 'Changes a resource your organization authored. Name the version you read: a stale one gets CONFLICT.' })
  async updateKnowledgeResource(
    @Arg('input', () => UpdateKnowledgeResourceInput, { description: 'What to write (see the fields of `UpdateKnowledgeResourceInput`).' }) input: UpdateKnowledgeResourceInput,
    @Ctx() { em, partner }: Context,
  ): Promise<KnowledgeResourcePayload> {
    const writer = requireWriter(partner);
    if (input.kind === null) throw new BadUserInputError('input.kind cannot be null', 'input.kind');
    const changes: Partial<KnowledgeResourceEntity> = {
      ...resourceChanges(input),
      title: input.title === undefined ? undefined : resourceTitle(input.title),
      summary: input.summary === undefined ? undefined : resourceSummary(input.summary),
      kind: input.kind,
    };
    await assertReferencesExist(changes);
    // Asked before the transaction (no row stays locked during a request to another service).
    const members = await projectMembers(changes.projectIds ?? []);

    const knowledgeResource = await writeTransaction(em, async (tx) => {
      const stored = await lockRecord(tx, KnowledgeResourceEntity, input.id, 'knowledge resource');
      assertMayEditResource(writer, stored);
      expectVersion(stored, input.version, 'knowledge resource');
      expectNotArchived(stored, 'knowledge resource');
      // Only newly related projects need the author's membership; existing relations stay.
      assertMayRelate(writer, stored.authorOrganizationId ?? '', members.filter((project) => !stored.projectIds.includes(project.id)));
      applyChanges(stored, changes, writer);
      return stored;
    });
    return { knowledgeResource };
  }

  @Mutation(() => KnowledgeResourcePayload, {
    description: 'Archives a resource your organization authored: it leaves the lists (`includeArchived` shows it) and stays readable by id or slug with `archivedAt`.',
  })
  async archiveKnowledgeResource(
    @Arg('input', () => ArchiveKnowledgeResourceInput, { description: 'What to write (see the fields of `ArchiveKnowledgeResourceInput`).' }) input: ArchiveKnowledgeResourceInput,
    @Ctx() { em, partner }: Context,
  ): Promise<KnowledgeResourcePayload> {
    const writer = requireWriter(partner);
    const knowledgeResource = await writeTransaction(em, async (tx) => {
      const stored = await lockRecord(tx, KnowledgeResourceEntity, input.id, 'knowledge resource');
      assertMayEditResource(writer, stored);
      expectVersion(stored, input.version, 'knowledge resource');
      expectNotArchived(stored, 'knowledge resource');
      applyChanges(stored, { archivedAt: new Date() }, writer);
      return stored;
    });
    return { knowledgeResource };
  }
}
