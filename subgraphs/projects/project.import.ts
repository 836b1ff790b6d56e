import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireWriter } from '../../shared/auth.js';
import { checkEveryRow, LINE_DESCRIPTION, MAX_IMPORT_ROWS, uniqueSlugs } from '../toolkit/batch.import.js';
import type { RequestContext } from '../toolkit/context.js';
import { writeTransaction } from '../toolkit/mutations.js';
import { assertMayLead } from './ownership.js';
import { ProjectEntity } from './project.entity.js';
import { newProject } from './project.create.js';
import type { ProjectLoaders } from './project.loader.js';
import { ParticipantInput, ProjectProfileInput } from './project.mutation-inputs.js';
import { Project } from './project.type.js';
import {
  assertMunicipalitiesExist, assertOrganizationsExist, assertProjectPeriod, assertTopicsExist, newParticipants, profileChanges, projectSummary, projectTitle, unknownMunicipalities,
} from './project.validation.js';

/**
 * `importProjects`: many new projects in one transaction (what `npm run import` sends). Every row
 * passes the checks of `createProject`; one bad row refuses the whole batch, naming every bad row.
 */

type Context = RequestContext<ProjectLoaders>;

@InputType({ description: 'One project of an import: the fields of `CreateProjectInput` except `leadOrganizationId` (your organization leads every imported project).' })
export class ImportProjectRow extends ProjectProfileInput {
  @Field(() => Int, { nullable: true, description: LINE_DESCRIPTION })
  line?: number | null;

  @Field(() => String, { description: 'Title: 1 to 499 characters.' })
  title!: string;

  @Field(() => String, { description: 'Short summary; not empty.' })
  summary!: string;

  @Field(() => [ParticipantInput], { nullable: true, description: 'Sonstige Beteiligte: organizations taking part besides the lead.' })
  participants?: ParticipantInput[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Marks an invented record (`isSample`, default false): lists, statistics, coverage and exports leave it out unless asked with `includeSamples`.',
  })
  isSample?: boolean | null;
}

@InputType({ description: 'Projects to import in one transaction.' })
export class ImportProjectsInput {
  @Field(() => [ImportProjectRow], { description: `The projects, 1 to ${MAX_IMPORT_ROWS}.` })
  rows!: ImportProjectRow[];

  @Field(() => Boolean, { nullable: true, description: 'Only check the rows, write nothing (default false).' })
  dryRun?: boolean | null;
}

@ObjectType({ description: 'The result of `importProjects`.' })
export class ImportProjectsPayload {
  @Field(() => Boolean, { description: 'True when the rows were only checked.' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'Rows checked, and written unless this was a dry run.' })
  rowCount!: number;

  @Field(() => [Project], { description: 'The new projects in the order of the rows; empty on a dry run.' })
  projects!: ProjectEntity[];
}

@Resolver()
export class ProjectImportResolver {
  @Mutation(() => ImportProjectsPayload, {
    description: 'Creates many projects led by your organization in one transaction: every row is checked as `createProject` checks its input, and if any row fails, '
      + 'nothing is written and the error names every bad row (`extensions.rows`: line, field, message). No duplicate check: ask `similarProjects` beforehand.',
  })
  async importProjects(@Arg('input', () => ImportProjectsInput, { description: 'What to write (see the fields of `ImportProjectsInput`).' }) input: ImportProjectsInput, @Ctx() { em, partner }: Context): Promise<ImportProjectsPayload> {
    const writer = requireWriter(partner);
    const leadOrganizationId = writer.organizationId;
    assertMayLead(writer, leadOrganizationId);

    // One query for the topics of all rows; only when one is unknown does each row ask for its own, to name the bad rows.
    const allTopicsExist = await assertTopicsExist(em, [...new Set(input.rows.flatMap((row) => row.topicKeys ?? []))]).then(() => true, () => false);
    // One request for the municipalities of all rows; each row then finds its own in the checker's memory.
    await unknownMunicipalities(input.rows.flatMap((row) => row.municipalityAgs ?? []).filter((ags) => /^\d{8}$/.test(ags)));
    const rows = await checkEveryRow(input.rows, async (row) => {
      const title = projectTitle(row.title);
      const summary = projectSummary(row.summary);
      const profile = profileChanges(row);
      assertProjectPeriod(profile);
      const participants = newParticipants(row.participants, leadOrganizationId);
      await assertOrganizationsExist([{ id: leadOrganizationId, field: 'input.leadOrganizationId' }, ...participants.map(({ organizationId, field }) => ({ id: organizationId, field }))]);
      if (!allTopicsExist) await assertTopicsExist(em, profile.topicKeys);
      await assertMunicipalitiesExist(profile.municipalityAgs);
      return { title, summary, profile, participants, isSample: row.isSample === true };
    });
    if (input.dryRun) return { dryRun: true, rowCount: rows.length, projects: [] };

    const projects = await writeTransaction(em, async (tx) => {
      const slugs = await uniqueSlugs(tx, ProjectEntity, rows.map((row) => row.title), 'projekt', 160);
      return rows.map(({ title, summary, profile, participants, isSample }, index) => {
        return newProject(tx, writer, { title, summary, leadOrganizationId, slug: slugs[index], isSample }, profile, participants);
      });
    }, 2);
    return { dryRun: false, rowCount: projects.length, projects };
  }
}
