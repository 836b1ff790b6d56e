import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../toolkit/ids.js';
import { loadMany, loadOne } from '../toolkit/loaders.js';
import { FigureEntity } from './figure.entity.js';
import { OrganizationEntity } from './organization.entity.js';
import { PersonEntity } from './person.entity.js';

/** One loader per relation, created for each request. */
export function createOrganizationLoaders(em: EntityManager) {
  return {
    organizationById: loadOne<string, OrganizationEntity>(
      (ids) => em.find(OrganizationEntity, { id: { $in: ids.filter(isUuid) } }),
      (organization) => organization.id,
    ),
    childrenByParentId: loadMany<string, OrganizationEntity>(
      (ids) => em.find(OrganizationEntity, { parent: { $in: [...ids] }, archivedAt: null }, { orderBy: { name: 'asc', id: 'asc' } }),
      (organization) => organization.parent!.id,
    ),
    figuresByOrganizationId: loadMany<string, FigureEntity>(
      (ids) =>
        em.find(FigureEntity, { organization: { $in: [...ids] } }, {
          // Newest first; among figures of the same date an official one before a derived sum.
          orderBy: { referenceDate: 'desc', derived: 'asc', source: 'asc' },
        }),
      (figure) => figure.organization.id,
    ),
    peopleByOrganizationId: loadMany<string, PersonEntity>(
      (ids) => em.find(PersonEntity, { organization: { $in: [...ids] } }, { orderBy: { name: 'asc', id: 'asc' } }),
      (person) => person.organization.id,
    ),
  };
}

export type OrganizationLoaders = ReturnType<typeof createOrganizationLoaders>;
