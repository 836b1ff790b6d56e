import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import { slugify, stableId } from './ids.js';
import { REPO_ROOT } from './paths.js';

/**
 * The public reference data in `data/` (sources in data/SOURCES.md). Every subgraph seed reads the
 * same files, so ids and slugs agree across subgraphs without any SQL between their databases.
 */
export const DATA_DIR = path.join(REPO_ROOT, 'data');

export function readCsv<Row>(file: string): Row[] {
  return parse(fs.readFileSync(path.join(DATA_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Row[];
}

export interface MunicipalityRow {
  ags: string;
  name: string;
  kind: 'kreisfreie Stadt' | 'Stadt' | 'Gemeinde';
  district_ags: string;
  district_name: string;
  population: string;
  population_date: string;
  area_km2: string;
}

export interface DistrictRow {
  ags: string;
  name: string;
  kind: 'Kreis' | 'kreisfreie Stadt';
  seat: string;
  population: string;
  population_date: string;
  area_km2: string;
}

export interface LeaderRegionRow {
  region: string;
  period: string;
  member_names: string;
  member_ags: string;
  members_outside_area: string;
  note: string;
  source: string;
}

/** "Stadt Münster", "Stadt Borken", "Gemeinde Heek": the name a municipality is known by as a partner. */
export function municipalityTitle(row: Pick<MunicipalityRow, 'name' | 'kind'>): string {
  return `${row.kind === 'Gemeinde' ? 'Gemeinde' : 'Stadt'} ${row.name}`;
}

export const organizationId = (slug: string) => stableId('organization', slug);
export const municipalitySlug = (row: Pick<MunicipalityRow, 'name' | 'kind'>) => slugify(municipalityTitle(row));

/** Slugs of the partners every seed refers to. */
export const PARTNER_SLUGS = {
  land: 'land-nordrhein-westfalen',
  regierungsbezirk: 'regierungsbezirk-muenster',
  muensterland: 'muensterland-e-v',
  borken: 'kreis-borken',
  coesfeld: 'kreis-coesfeld',
  steinfurt: 'kreis-steinfurt',
  warendorf: 'kreis-warendorf',
  muenster: 'stadt-muenster',
} as const;

export const projectId = (slug: string) => stableId('project', slug);

/** The cooperation of the seed profile: the first record the system holds. */
export const COOPERATION_SLUG = 'informelle-regionalentwicklung-im-muensterland';

/** Topics (owned by the projects subgraph) that the seeds of several subgraphs refer to. */
export const TOPIC_KEYS = {
  regionalDevelopment: 'regionalentwicklung',
  interMunicipal: 'interkommunale-zusammenarbeit',
  knowledgeTransfer: 'wissenstransfer',
  leader: 'leader',
  economicDevelopment: 'wirtschaftsfoerderung',
} as const;
