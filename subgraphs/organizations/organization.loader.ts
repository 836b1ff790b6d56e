import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid } from '../../shared/ids.js';
import { leanFind } from '../toolkit/lean-read.js';
import { loadMany, loadOne } from '../toolkit/loaders.js';
import { FigureEntity } from './figure.entity.js';
import { OrganizationEntity, OrganizationKind } from './organization.entity.js';
import { PersonEntity } from './person.entity.js';

/** One loader per relation, created for each request. */
export function createOrganizationLoaders(em: EntityManager) {
  return {
    organizationById: loadOne<string, OrganizationEntity>(
      (ids) => leanFind(em, OrganizationEntity, (query) => query.whereIn('t.id', ids.filter(isUuid))),
      (organization) => organization.id,
    ),
    childrenByParentId: loadMany<string, OrganizationEntity>(
      (ids) => leanFind(em, OrganizationEntity, (query) => query.whereIn('t.parent_id', [...ids]).whereNull('t.archived_at').orderBy(['t.name', 't.id'])),
      (organization) => organization.parent!.id,
    ),
    figuresByOrganizationId: loadMany<string, FigureEntity>(
      // Newest first; among figures of the same date an official one before a derived sum.
      (ids) => leanFind(em, FigureEntity, (query) => query.whereIn('t.organization_id', [...ids]).orderBy([
        { column: 't.reference_date', order: 'desc' }, 't.derived', 't.source',
      ])),
      (figure) => figure.organization.id,
    ),
    organizationByAgs: new DataLoader<string, OrganizationEntity | null>((keys) => organizationsByAgs(em, keys)),
    // One key only ('region'): a loader so the list is read once per request, however often asked.
    regionMunicipalities: new DataLoader<'region', OrganizationEntity[]>(async (keys) => {
      const municipalities = await leanFind(em, OrganizationEntity, (query) =>
        query.whereIn('t.kind', MUNICIPALITY_KINDS).whereNotNull('t.ags').whereNull('t.archived_at').orderBy('t.ags'));
      return keys.map(() => municipalities);
    }),
    peopleByOrganizationId: loadMany<string, PersonEntity>(
      (ids) => leanFind(em, PersonEntity, (query) => query.whereIn('t.organization_id', [...ids]).orderBy(['t.name', 't.id'])),
      (person) => person.organization.id,
    ),
  };
}

const MUNICIPALITY_KINDS = [OrganizationKind.KREISFREIE_STADT, OrganizationKind.STADT, OrganizationKind.GEMEINDE];
const AGS = /^\d{2,8}$/;

/**
 * Organizations by AGS in one statement. A kreisfreie Stadt is a Kreis and a municipality at once:
 * a 5-digit key without its own record finds the 8-digit one ("05515" → Münster, 05515000).
 */
async function organizationsByAgs(em: EntityManager, keys: readonly string[]): Promise<(OrganizationEntity | null)[]> {
  const valid = keys.filter((key) => AGS.test(key));
  const candidates = [...new Set(valid.flatMap((key) => (key.length === 5 ? [key, `${key}000`] : [key])))];
  const found = candidates.length ? await leanFind(em, OrganizationEntity, (query) => query.whereIn('t.ags', candidates)) : [];
  const byAgs = new Map(found.map((organization) => [organization.ags!, organization]));
  return keys.map((key) => byAgs.get(key) ?? (key.length === 5 ? byAgs.get(`${key}000`) : undefined) ?? null);
}

export type OrganizationLoaders = ReturnType<typeof createOrganizationLoaders>;
