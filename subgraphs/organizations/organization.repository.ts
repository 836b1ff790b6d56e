import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { paginate, type PageArgs } from '../toolkit/connection.js';
import { BadUserInputError } from '../../shared/errors.js';
import { isUuid, looksLikeSlug } from '../../shared/ids.js';
import { KEY, searchText } from '../toolkit/search-input.js';
import { slugGivenAsId } from '../toolkit/validation.js';
import { OrganizationEntity } from './organization.entity.js';
import type { OrganizationFilter, OrganizationLookupArgs } from './organization.inputs.js';

const AGS = /^\d{2,8}$/;

export function assertAgs(ags: string, field: string): void {
  if (!AGS.test(ags)) throw new BadUserInputError(`${field} must be an Amtlicher Gemeindeschlüssel of 2 to 8 digits`, field);
}

/** LIKE pattern that matches `text` literally, whatever `%`, `_` or `\` it holds. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export async function findOrganization(em: EntityManager, args: OrganizationLookupArgs): Promise<OrganizationEntity | null> {
  const given = (['id', 'slug', 'ags'] as const).filter((key) => args[key] != null);
  if (given.length !== 1) throw new BadUserInputError('Give exactly one of id, slug or ags', given[1] ?? 'id');
  if (args.id != null && looksLikeSlug(args.id)) throw slugGivenAsId(args.id, 'id', 'organization');
  if (args.id != null) return isUuid(args.id) ? em.findOne(OrganizationEntity, { id: args.id }) : null;
  if (args.slug != null) {
    const slug = args.slug.toLowerCase();
    // No organization has a slug outside lowercase words joined by hyphens: no odd byte (NUL…) reaches SQL.
    return slug.length > 160 || !KEY.test(slug) ? null : em.findOne(OrganizationEntity, { slug });
  }
  const ags = args.ags!;
  assertAgs(ags, 'ags');
  // A kreisfreie Stadt is a Kreis and a municipality at once: "05515" finds Münster (05515000).
  return em.findOne(OrganizationEntity, { ags: { $in: ags.length === 5 ? [ags, `${ags}000`] : [ags] } }, { orderBy: { ags: 'asc' } });
}

export async function listOrganizations(em: EntityManager, filter: OrganizationFilter = {}, page: PageArgs) {
  const where: FilterQuery<OrganizationEntity>[] = [];
  if (!filter.includeArchived) where.push({ archivedAt: null });
  if (filter.kind?.length) where.push({ kind: { $in: filter.kind } });
  // Like search text: control characters (NUL, which PostgreSQL text cannot hold …) become spaces.
  const name = searchText(filter.name, 'filter.name', 200);
  if (name != null) where.push({ name: { $ilike: containsPattern(name) } });
  if (filter.parentAgs != null) {
    assertAgs(filter.parentAgs, 'filter.parentAgs');
    where.push({ parent: { ags: filter.parentAgs } });
  }
  return paginate(em, OrganizationEntity, { $and: where }, page, { name: 'asc' });
}
