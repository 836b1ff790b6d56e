import type { EntityManager } from '@mikro-orm/postgresql';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { isoOrNull, trackChild, trackRecord, type EventScope } from '../toolkit/change-events.js';
import { changeEventTypes, HistoryArgs, organizationStubs, recordHistory } from '../toolkit/change-events.type.js';
import type { RequestContext } from '../toolkit/context.js';
import { FundingEntity } from './funding.entity.js';
import { ParticipationEntity } from './participation.entity.js';
import { ProjectEntity } from './project.entity.js';
import type { ProjectLoaders } from './project.loader.js';
import { OrganizationReference, Project } from './project.type.js';

/** What a change event of a project records, and `Project.history`. */

trackRecord<ProjectEntity>({
  entity: ProjectEntity,
  recordType: 'PROJECT',
  label: (project) => project.title,
  fields: (project) => ({
    slug: project.slug,
    title: project.title,
    summary: project.summary,
    keywords: project.keywords,
    occasion: project.occasion ?? null,
    goal: project.goal ?? null,
    implementation: project.implementation ?? null,
    financing: project.financing ?? null,
    legalForm: project.legalForm ?? null,
    cooperatingSince: project.cooperatingSince ?? null,
    status: project.status,
    startDate: project.startDate ?? null,
    endDate: project.endDate ?? null,
    leadOrganizationId: project.leadOrganizationId ?? null,
    topicKeys: project.topicKeys,
    municipalityAgs: project.municipalityAgs,
    ...Object.fromEntries(Object.entries(project.contact ?? {}).map(([key, value]) => [`contact.${key}`, value ?? null])),
    distinctions: project.distinctions,
    sourceAttribution: project.sourceAttribution ?? null,
    sourceUrl: project.sourceUrl ?? null,
    isSample: project.isSample,
    archivedAt: isoOrNull(project.archivedAt),
  }),
  async scopes(em: EntityManager, projects: ProjectEntity[]) {
    const ids = projects.map((project) => project.id);
    const participants = ids.length
      ? await em.execute<{ project_id: string; organization_id: string }[]>(
        `select project_id, organization_id from project_participation where project_id in (${ids.map(() => '?').join(', ')})`, ids)
      : [];
    const result = new Map<string, EventScope>();
    for (const project of projects) {
      const organizationIds = new Set<string>(project.leadOrganizationId ? [project.leadOrganizationId] : []);
      for (const row of participants) if (row.project_id === project.id) organizationIds.add(row.organization_id);
      const ags = new Set<string>();
      for (const code of project.municipalityAgs) ags.add(code).add(code.slice(0, 5));
      result.set(project.id, { organizationIds: [...organizationIds], ags: [...ags], topicKeys: project.topicKeys });
    }
    return result;
  },
});

trackChild<ParticipationEntity, ProjectEntity>({
  entity: ParticipationEntity,
  parent: (participation) => participation.project,
  prefix: 'participants',
  key: (participation) => participation.organizationId,
  fields: (participation) => ({ role: participation.role, note: participation.note ?? null }),
});

trackChild<FundingEntity, ProjectEntity>({
  entity: FundingEntity,
  parent: (funding) => funding.project,
  prefix: 'funding',
  key: (funding) => funding.id,
  fields: (funding) => ({ source: funding.source, description: funding.description, amountEur: funding.amountEur ?? null }),
});

const { ChangeEventConnection } = changeEventTypes(OrganizationReference);

@Resolver(() => Project)
export class ProjectHistoryResolver {
  @FieldResolver(() => ChangeEventConnection, {
    description: 'Every change of this project, newest first: the fields with old and new values, who and when. Stays readable when the project is archived.',
  })
  history(@Root() project: ProjectEntity, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() { em, partner }: RequestContext<ProjectLoaders>) {
    return recordHistory(em, 'projects', 'PROJECT', project.id, args, partner, organizationStubs);
  }
}
