import type { DatedFigureReference, OrganizationReference } from './project.type.js';

/** A municipality as the organizations subgraph sends it for coverage (`@requires`). */
export type RequiredMunicipality = OrganizationReference & { ags: string; population?: DatedFigureReference | null };

export interface DistrictSplit {
  district: OrganizationReference;
  municipalities: number;
  coveredMunicipalities: number;
}

export interface CoverageSplit {
  covered: RequiredMunicipality[];
  uncovered: RequiredMunicipality[];
  districts: DistrictSplit[];
  coveredPopulation: number | null;
  totalPopulation: number | null;
  populationReferenceDate: string | null;
}

/**
 * Splits the region's municipalities into covered and uncovered by the AGS that projects cover,
 * and groups them by Kreis: the municipality's parent when that is a Kreis (5-digit AGS, a prefix
 * of the municipality's), else the municipality itself (the kreisfreie Stadt Münster).
 */
export function splitCoverage(municipalities: RequiredMunicipality[], coveredAgs: ReadonlySet<string>): CoverageSplit {
  const sorted = [...municipalities].filter((municipality) => municipality.ags).sort((a, b) => a.ags.localeCompare(b.ags));
  const covered = sorted.filter((municipality) => coveredAgs.has(municipality.ags));
  const uncovered = sorted.filter((municipality) => !coveredAgs.has(municipality.ags));

  const districts = new Map<string, DistrictSplit>();
  for (const municipality of sorted) {
    const parent = municipality.parent;
    const district = parent?.ags?.length === 5 && municipality.ags.startsWith(parent.ags) ? parent : municipality;
    const entry = districts.get(district.id) ?? { district: { id: district.id }, municipalities: 0, coveredMunicipalities: 0 };
    entry.municipalities += 1;
    if (coveredAgs.has(municipality.ags)) entry.coveredMunicipalities += 1;
    districts.set(district.id, entry);
  }

  // Inhabitants are only summed within one series: the figures must share their reference date.
  const dates = new Set(sorted.map((municipality) => municipality.population?.referenceDate).filter(Boolean));
  const comparable = dates.size === 1 && sorted.every((municipality) => municipality.population);
  const sum = (list: RequiredMunicipality[]) => list.reduce((total, municipality) => total + municipality.population!.value, 0);
  return {
    covered,
    uncovered,
    districts: [...districts.values()],
    coveredPopulation: comparable ? sum(covered) : null,
    totalPopulation: comparable ? sum(sorted) : null,
    populationReferenceDate: comparable ? String([...dates][0]) : null,
  };
}
