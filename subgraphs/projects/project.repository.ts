import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { paginate, type PageArgs } from '../toolkit/connection.js';
import { BadUserInputError } from '../toolkit/errors.js';
import { isUuid } from '../toolkit/ids.js';
import type { ProjectFilter, ProjectLookupArgs } from './project.inputs.js';
import { ProjectEntity } from './project.entity.js';

export async function findProject(em: EntityManager, args: ProjectLookupArgs): Promise<ProjectEntity | null> {
  if ((args.id == null) === (args.slug == null)) throw new BadUserInputError('Give exactly one of id or slug', 'id');
  if (args.id != null) return isUuid(args.id) ? em.findOne(ProjectEntity, { id: args.id }) : null;
  return em.findOne(ProjectEntity, { slug: args.slug!.toLowerCase() });
}

export async function listProjects(em: EntityManager, filter: ProjectFilter = {}, page: PageArgs) {
  const where: FilterQuery<ProjectEntity>[] = [];
  if (!filter.includeArchived) where.push({ archivedAt: null });
  if (filter.status?.length) where.push({ status: { $in: filter.status } });
  if (filter.topicKeys?.length) where.push({ topicKeys: { $overlap: filter.topicKeys } });
  if (filter.organizationId != null) {
    if (!isUuid(filter.organizationId)) throw new BadUserInputError('filter.organizationId is not an organization id', 'filter.organizationId');
    where.push({ $or: [{ leadOrganizationId: filter.organizationId }, { participations: { $some: { organizationId: filter.organizationId } } }] });
  }
  return paginate(em, ProjectEntity, { $and: where }, page, { title: 'asc' });
}
