import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireWriter } from '../../shared/auth.js';
import type { RequestContext } from '../toolkit/context.js';
import {
  applyChanges, expectNotArchived, expectVersion, lockRecord, uniqueSlug, writeTransaction,
} from '../toolkit/mutations.js';
import { requiredId } from '../toolkit/validation.js';
import { assertMayEditProject, assertMayLead } from './ownership.js';
import { ProjectEntity } from './project.entity.js';
import { newProject } from './project.create.js';
import type { ProjectLoaders } from './project.loader.js';
import { ArchiveProjectInput, CreateProjectInput, UpdateProjectInput } from './project.mutation-inputs.js';
import { ArchiveProjectPayload, CreateProjectPayload, UpdateProjectPayload } from './project.payloads.js';
import {
  assertMunicipalitiesExist, assertOrganizationsExist, assertProjectPeriod, assertTopicsExist, newParticipants, profileChanges, projectSummary, projectTitle,
} from './project.validation.js';
import { findSimilarProjects } from './similarity.js';

type Context = RequestContext<ProjectLoaders>;

const DUPLICATE_CANDIDATES = 5;
const DUPLICATE_CHECK_SUMMARY = 5000;

@Resolver()
export class ProjectMutationResolver {
  @Mutation(() => CreateProjectPayload, {
    description: 'Creates a project led by your organization (an admin of the Münsterland e.V. may name any lead) and lists existing projects that look like it.',
  })
  async createProject(@Arg('input', () => CreateProjectInput, { description: 'What to write (see the fields of `CreateProjectInput`).' }) input: CreateProjectInput, @Ctx() { em, partner }: Context): Promise<CreateProjectPayload> {
    const writer = requireWriter(partner);
    const title = projectTitle(input.title);
    const summary = projectSummary(input.summary);
    const profile = profileChanges(input);
    assertProjectPeriod(profile);
    const leadOrganizationId = input.leadOrganizationId == null ? writer.organizationId : requiredId(input.leadOrganizationId, 'input.leadOrganizationId');
    assertMayLead(writer, leadOrganizationId);
    const participants = newParticipants(input.participants, leadOrganizationId);
    await assertOrganizationsExist([{ id: leadOrganizationId, field: 'input.leadOrganizationId' }, ...participants.map(({ organizationId, field }) => ({ id: organizationId, field }))]);

    await assertTopicsExist(em, profile.topicKeys);
    await assertMunicipalitiesExist(profile.municipalityAgs);
    // The duplicate check runs on the draft, before the project exists; the caller decides what to do with the candidates.
    const draft = { title, summary: summary.slice(0, DUPLICATE_CHECK_SUMMARY), topicKeys: profile.topicKeys };
    const duplicateCandidates = await findSimilarProjects(em, draft, DUPLICATE_CANDIDATES);

    const project = await writeTransaction(em, async (tx) => {
      const slug = await uniqueSlug(tx, ProjectEntity, title, 'projekt', 160);
      return newProject(tx, writer, { title, summary, leadOrganizationId, slug }, profile, participants);
    }, 2);

    return { project, duplicateCandidates };
  }

  @Mutation(() => UpdateProjectPayload, { description: 'Changes a project your organization leads. Name the version you read: a stale one gets CONFLICT.' })
  async updateProject(@Arg('input', () => UpdateProjectInput, { description: 'What to write (see the fields of `UpdateProjectInput`).' }) input: UpdateProjectInput, @Ctx() { em, partner }: Context): Promise<UpdateProjectPayload> {
    const writer = requireWriter(partner);
    const changes: Partial<ProjectEntity> = {
      ...profileChanges(input),
      title: input.title === undefined ? undefined : projectTitle(input.title),
      summary: input.summary === undefined ? undefined : projectSummary(input.summary),
    };
    await assertMunicipalitiesExist(changes.municipalityAgs);
    if (input.leadOrganizationId !== undefined) {
      changes.leadOrganizationId = requiredId(input.leadOrganizationId ?? '', 'input.leadOrganizationId');
      await assertOrganizationsExist([{ id: changes.leadOrganizationId, field: 'input.leadOrganizationId' }]);
    }

    const project = await writeTransaction(em, async (tx) => {
      const stored = await lockRecord(tx, ProjectEntity, input.id, 'project');
      assertMayEditProject(writer, stored);
      if (changes.leadOrganizationId) assertMayLead(writer, changes.leadOrganizationId);
      expectVersion(stored, input.version, 'project');
      expectNotArchived(stored, 'project');
      await assertTopicsExist(tx, changes.topicKeys);
      applyChanges(stored, changes, writer);
      assertProjectPeriod(stored);
      return stored;
    });
    return { project };
  }

  @Mutation(() => ArchiveProjectPayload, {
    description: 'Archives a project your organization leads: it leaves the lists (`includeArchived` shows it) and stays readable by id or slug with `archivedAt`.',
  })
  async archiveProject(@Arg('input', () => ArchiveProjectInput, { description: 'What to write (see the fields of `ArchiveProjectInput`).' }) input: ArchiveProjectInput, @Ctx() { em, partner }: Context): Promise<ArchiveProjectPayload> {
    const writer = requireWriter(partner);
    const project = await writeTransaction(em, async (tx) => {
      const stored = await lockRecord(tx, ProjectEntity, input.id, 'project');
      assertMayEditProject(writer, stored);
      expectVersion(stored, input.version, 'project');
      expectNotArchived(stored, 'project');
      applyChanges(stored, { archivedAt: new Date() }, writer);
      return stored;
    });
    return { project };
  }
}
