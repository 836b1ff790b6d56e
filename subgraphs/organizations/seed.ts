import type { EntityManager } from '@mikro-orm/postgresql';
import {
  PARTNER_SLUGS, municipalitySlug, organizationId, readCsv, type DistrictRow, type MunicipalityRow,
} from '../../shared/reference-data.js';
import { slugify } from '../../shared/ids.js';
import { FigureEntity, FigureKind } from './figure.entity.js';
import { OrganizationEntity, OrganizationKind } from './organization.entity.js';

const ZENSUS = 'Zensus 2022, Statistische Ämter des Bundes und der Länder (Tabelle 1000A-0000)';
const ZENSUS_URL = 'https://ergebnisse.zensus2022.de/';
const GV_ISYS = 'Destatis Gemeindeverzeichnis GV-ISys (Gebietsstand 31.12.2020)';
const GV_ISYS_URL = 'https://www.destatis.de/DE/Themen/Laender-Regionen/Regionales/Gemeindeverzeichnis/_inhalt.html';

type OrganizationSeed = Omit<Partial<OrganizationEntity>, 'parent'> & { slug: string; name: string; kind: OrganizationKind; parentSlug?: string };
type FigureSeed = { slug: string; kind: FigureKind; value: number; referenceDate: string; source: string; sourceUrl?: string; derived?: boolean; note?: string };

/** The region's organizations and their dated figures, from data/ (see data/SOURCES.md). */
export function referenceOrganizations(): { organizations: OrganizationSeed[]; figures: FigureSeed[] } {
  const municipalities = readCsv<MunicipalityRow>('municipalities.csv');
  const districts = readCsv<DistrictRow>('districts.csv');
  const officialNames = new Map(
    readCsv<{ ags: string; name_destatis_gv: string }>('municipalities_source_comparison.csv').map((row) => [row.ags, row.name_destatis_gv]),
  );

  const organizations: OrganizationSeed[] = [
    { slug: PARTNER_SLUGS.land, name: 'Land Nordrhein-Westfalen', kind: OrganizationKind.LAND, ags: '05', website: 'https://www.land.nrw' },
    {
      slug: PARTNER_SLUGS.regierungsbezirk, name: 'Regierungsbezirk Münster', kind: OrganizationKind.REGIERUNGSBEZIRK, ags: '055',
      parentSlug: PARTNER_SLUGS.land, website: 'https://www.bezreg-muenster.de',
    },
    {
      slug: PARTNER_SLUGS.muensterland, name: 'Münsterland e.V.', kind: OrganizationKind.VEREIN, website: 'https://www.muensterland.com',
      description: 'Regionalmarketing-Verein des Münsterlandes; Partner der informellen Regionalentwicklung im Münsterland.',
    },
  ];
  const figures: FigureSeed[] = [];
  const districtSlugs = new Map<string, string>();

  for (const district of districts.filter((row) => row.kind === 'Kreis')) {
    const slug = slugify(district.name);
    districtSlugs.set(district.ags, slug);
    organizations.push({
      slug, name: district.name, kind: OrganizationKind.KREIS, ags: district.ags, parentSlug: PARTNER_SLUGS.regierungsbezirk,
      description: `Kreis mit Sitz in ${district.seat}.`,
    });
    const sumNote = 'Sum of the municipal figures of the Kreis.';
    figures.push(
      { slug, kind: FigureKind.POPULATION, value: Number(district.population), referenceDate: district.population_date, source: ZENSUS, sourceUrl: ZENSUS_URL, derived: true, note: sumNote },
      { slug, kind: FigureKind.AREA_KM2, value: Number(district.area_km2), referenceDate: '2020-12-31', source: GV_ISYS, sourceUrl: GV_ISYS_URL, derived: true, note: `${sumNote} Each municipal area is rounded to 0.01 km².` },
    );
  }

  for (const municipality of municipalities) {
    const kreisfrei = municipality.kind === 'kreisfreie Stadt';
    const slug = municipalitySlug(municipality);
    organizations.push({
      slug,
      name: kreisfrei ? `Stadt ${municipality.name}` : municipality.name,
      officialName: officialNames.get(municipality.ags) ?? null,
      kind: kreisfrei ? OrganizationKind.KREISFREIE_STADT : municipality.kind === 'Stadt' ? OrganizationKind.STADT : OrganizationKind.GEMEINDE,
      ags: municipality.ags,
      parentSlug: kreisfrei ? PARTNER_SLUGS.regierungsbezirk : districtSlugs.get(municipality.district_ags),
    });
    figures.push(
      { slug, kind: FigureKind.POPULATION, value: Number(municipality.population), referenceDate: municipality.population_date, source: ZENSUS, sourceUrl: ZENSUS_URL },
      { slug, kind: FigureKind.AREA_KM2, value: Number(municipality.area_km2), referenceDate: '2020-12-31', source: GV_ISYS, sourceUrl: GV_ISYS_URL },
    );
  }

  // The seed profile's "Kurzprofil" of Kreis Borken: the older series (Fortschreibung on the 2011
  // census base), kept beside Zensus 2022. The two series must not be mixed.
  Object.assign(organizations.find((organization) => organization.slug === PARTNER_SLUGS.borken)!, {
    address: { street: 'Burloer Str. 93', postalCode: '46325', city: 'Borken' }, phone: '02861 681 100', email: 'info@kreis-borken.de',
    website: 'https://www.kreis-borken.de',
  });
  const profileNote = 'Kurzprofil of the project profile "Informelle Regionalentwicklung im Münsterland" (source: Kreis Borken).';
  figures.push(
    { slug: PARTNER_SLUGS.borken, kind: FigureKind.POPULATION, value: 371_898, referenceDate: '2020-12-31', source: 'IT.NRW', sourceUrl: 'https://www.it.nrw', note: `Fortschreibung on the 2011 census base. ${profileNote}` },
    { slug: PARTNER_SLUGS.borken, kind: FigureKind.AREA_KM2, value: 1_420.98, referenceDate: '2020-12-31', source: 'IT.NRW', sourceUrl: 'https://www.it.nrw', note: profileNote },
  );
  return { organizations, figures };
}

/** Inserts what is missing; a second run changes nothing, and nothing a partner changed is overwritten. */
export async function seedOrganizations(em: EntityManager): Promise<void> {
  const { organizations, figures } = referenceOrganizations();
  const existing = new Set((await em.find(OrganizationEntity, {}, { fields: ['slug'] })).map((organization) => organization.slug));
  for (const { parentSlug, ...seed } of organizations) {
    if (existing.has(seed.slug)) continue;
    em.create(OrganizationEntity, {
      ...seed,
      id: organizationId(seed.slug),
      parent: parentSlug ? em.getReference(OrganizationEntity, organizationId(parentSlug)) : null,
    });
  }
  await em.flush();

  const known = new Set(
    (await em.find(FigureEntity, {}, { fields: ['kind', 'referenceDate', 'source', 'organization'] }))
      .map((figure) => `${figure.organization.id}|${figure.kind}|${figure.referenceDate}|${figure.source}`),
  );
  for (const { slug, ...figure } of figures) {
    const organizationIdOfFigure = organizationId(slug);
    if (known.has(`${organizationIdOfFigure}|${figure.kind}|${figure.referenceDate}|${figure.source}`)) continue;
    em.create(FigureEntity, { ...figure, derived: figure.derived ?? false, organization: em.getReference(OrganizationEntity, organizationIdOfFigure) });
  }
  await em.flush();
}
