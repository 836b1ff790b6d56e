import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../shared/reference-data.js';
import { escapeHtml } from '../shared/html.js';
import type { SheetMap } from './profile-pdf.js';

/**
 * Coverage maps of the Münsterland's 66 municipalities from the BKG's VG5000 boundaries
 * (data/municipalities-vg5000.geojson, data/districts-vg5000.geojson; data/SOURCES.md). The
 * coordinates (WGS 84) are projected equirectangularly with the region's mean latitude, which at
 * this size is indistinguishable from a conformal projection.
 */

export const ATTRIBUTION = '© GeoBasis-DE / BKG (2021)';
const COVERED = '#2a7f62';
const UNCOVERED = '#f2d6a2';
const BORDER = '#ffffff';
const DISTRICT_BORDER = '#1f2d3d';

type Ring = [number, number][];
interface Feature { properties: { AGS: string; GEN: string; BEZ: string }; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: Ring[] | Ring[][] } }

let boundaries: { municipalities: Feature[]; districts: Feature[] } | undefined;
function loadBoundaries() {
  const read = (file: string) => (JSON.parse(fs.readFileSync(path.join(DATA_DIR, file), 'utf8')) as { features: Feature[] }).features;
  return (boundaries ??= { municipalities: read('municipalities-vg5000.geojson'), districts: read('districts-vg5000.geojson') });
}

const polygons = (feature: Feature): Ring[][] => (feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates as Ring[]] : (feature.geometry.coordinates as Ring[][]));

/** The map's frame: width in user units, the height follows from the region's shape. */
const WIDTH = 600;
const PAD = 10;

function projection() {
  const { municipalities } = loadBoundaries();
  const points = municipalities.flatMap((feature) => polygons(feature).flat(2));
  const lons = points.map(([lon]) => lon);
  const lats = points.map(([, lat]) => lat);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = (WIDTH - 2 * PAD) / ((maxLon - minLon) * kx);
  const height = Math.ceil((maxLat - minLat) * scale + 2 * PAD);
  const project = ([lon, lat]: [number, number]): [number, number] => [PAD + (lon - minLon) * kx * scale, PAD + (maxLat - lat) * scale];
  return { project, height };
}

function pathData(feature: Feature, project: (point: [number, number]) => [number, number]): string {
  return polygons(feature).flatMap((rings) => rings.map((ring) => `M${ring.map((point) => project(point).map((value) => value.toFixed(1)).join(' ')).join('L')}Z`)).join('');
}

/** A point inside the shape for its label: the centre of its largest ring's bounding box, good enough for these compact shapes. */
function labelPoint(feature: Feature, project: (point: [number, number]) => [number, number]): [number, number] {
  const ring = polygons(feature).map((rings) => rings[0]).sort((a, b) => b.length - a.length)[0].map(project);
  const xs = ring.map(([x]) => x);
  const ys = ring.map(([, y]) => y);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

export interface CoverageMapInput {
  /** Heading, e.g. "Flächendeckung: LEADER-Regionen". */
  title: string;
  /** AGS of the covered municipalities. */
  coveredAgs: ReadonlySet<string>;
  /** Legend lines under the map (shares with their reference date, sources). */
  legend: string[];
  /** Names the uncovered municipalities on the map itself (not only in their shapes' titles). */
  labelUncovered?: boolean;
  /** The same summary in English, as a second description for readers of other languages. */
  descriptionEn?: string;
  coveredLabel?: string;
  uncoveredLabel?: string;
}

export interface ShapeOfMap { ags: string; name: string; covered: boolean; path: string; }

/** The shapes of a coverage map in the box (0, 0)–(WIDTH, height): municipalities, then the Kreis borders. */
export function coverageShapes(coveredAgs: ReadonlySet<string>) {
  const { municipalities, districts } = loadBoundaries();
  const { project, height } = projection();
  return {
    width: WIDTH,
    height,
    municipalities: municipalities.map((feature) => ({
      ags: feature.properties.AGS, name: feature.properties.GEN, covered: coveredAgs.has(feature.properties.AGS), path: pathData(feature, project),
      label: labelPoint(feature, project),
    })),
    districts: districts.map((feature) => ({ ags: feature.properties.AGS, name: feature.properties.GEN, path: pathData(feature, project) })),
    colours: { covered: COVERED, uncovered: UNCOVERED, border: BORDER, district: DISTRICT_BORDER },
  };
}

/** The map as a standalone SVG document; every name from the data is escaped. */
export function coverageSvg(input: CoverageMapInput): string {
  const shapes = coverageShapes(input.coveredAgs);
  const coveredLabel = input.coveredLabel ?? 'abgedeckt';
  const uncoveredLabel = input.uncoveredLabel ?? 'nicht abgedeckt';
  const legendTop = shapes.height + 16;
  const lines = [input.title, ...input.legend, `Verwaltungsgrenzen: ${ATTRIBUTION}, dl-de/by-2-0`];
  const height = legendTop + 44 + lines.length * 16;
  const municipalityPaths = shapes.municipalities.map((municipality) =>
    `<path d="${municipality.path}" fill="${municipality.covered ? COVERED : UNCOVERED}" stroke="${BORDER}" stroke-width="0.6" data-ags="${municipality.ags}" data-covered="${municipality.covered}">`
    + `<title>${escapeHtml(municipality.name)} (${municipality.ags}): ${municipality.covered ? coveredLabel : uncoveredLabel}</title></path>`).join('\n    ');
  const districtPaths = shapes.districts.map((district) => `<path d="${district.path}" fill="none" stroke="${DISTRICT_BORDER}" stroke-width="1.6" stroke-linejoin="round" data-ags="${district.ags}"><title>${escapeHtml(district.name)}</title></path>`).join('\n    ');
  const labels = input.labelUncovered === false ? '' : shapes.municipalities.filter((municipality) => !municipality.covered).map(({ name, label: [x, y] }) =>
    `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="middle" dominant-baseline="middle" class="label">${escapeHtml(name)}</text>`).join('\n    ');
  const legend = lines.map((line, index) => `<text x="${PAD}" y="${legendTop + 44 + index * 16}"${index === 0 ? ' class="heading"' : ''}>${escapeHtml(line)}</text>`).join('\n    ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="map-title map-desc" lang="de">
  <title id="map-title">${escapeHtml(input.title)}</title>
  <desc id="map-desc">${escapeHtml([...input.legend, `Nicht abgedeckt: ${shapes.municipalities.filter((m) => !m.covered).map((m) => m.name).join(', ') || 'keine'}.`].join(' '))}</desc>
${input.descriptionEn ? `  <desc lang="en">${escapeHtml(input.descriptionEn)}</desc>\n` : ''}  <style>
    text { font-family: 'DejaVu Sans', Verdana, sans-serif; font-size: 12px; fill: #1f2d3d; }
    .heading { font-size: 14px; font-weight: bold; }
    .label { font-size: 10px; font-weight: bold; paint-order: stroke; stroke: #ffffff; stroke-width: 2.5px; }
  </style>
  <rect width="100%" height="100%" fill="#ffffff"/>
  <g id="municipalities">
    ${municipalityPaths}
  </g>
  <g id="districts">
    ${districtPaths}
  </g>
  <g id="labels">
    ${labels}
  </g>
  <g id="legend">
    <rect x="${PAD}" y="${legendTop}" width="16" height="12" fill="${COVERED}"/><text x="${PAD + 22}" y="${legendTop + 10}">${escapeHtml(coveredLabel)}</text>
    <rect x="${PAD + 150}" y="${legendTop}" width="16" height="12" fill="${UNCOVERED}"/><text x="${PAD + 172}" y="${legendTop + 10}">${escapeHtml(uncoveredLabel)}</text>
    <line x1="${PAD + 320}" y1="${legendTop + 6}" x2="${PAD + 340}" y2="${legendTop + 6}" stroke="${DISTRICT_BORDER}" stroke-width="1.6"/><text x="${PAD + 346}" y="${legendTop + 10}">Kreisgrenze</text>
    ${legend}
  </g>
</svg>
`;
}

/** The municipalities a project covers, for its profile sheet: the map for the PDF and the same map as SVG for the web page. */
export function projectCoverageMap(municipalityAgs: readonly string[]): { pdf: SheetMap; svg: string } | null {
  const covered = new Set(municipalityAgs);
  const shapes = coverageShapes(covered);
  const names = shapes.municipalities.filter((municipality) => municipality.covered).map((municipality) => municipality.name);
  if (names.length === 0) return null;
  const total = shapes.municipalities.length;
  const share = `${names.length} von ${total} Gemeinden des Münsterlandes`;
  const caption = [`Gebiet des Projekts: ${share}.`, `Verwaltungsgrenzen: ${ATTRIBUTION}, dl-de/by-2-0`];
  const alt = `Karte der ${total} Gemeinden des Münsterlandes mit den Kreisgrenzen. Das Projekt deckt ${names.length === total ? 'alle' : `${names.length}`} ab${names.length === total ? '' : `: ${names.join(', ')}`}.`;
  return {
    pdf: {
      width: shapes.width,
      height: shapes.height,
      alt,
      caption,
      shapes: [
        ...shapes.municipalities.map((municipality) => ({ path: municipality.path, fill: municipality.covered ? shapes.colours.covered : shapes.colours.uncovered, stroke: shapes.colours.border, strokeWidth: 0.6 })),
        ...shapes.districts.map((district) => ({ path: district.path, fill: 'none', stroke: shapes.colours.district, strokeWidth: 1.6 })),
      ],
    },
    svg: coverageSvg({ title: 'Gebiet des Projekts', coveredAgs: covered, legend: [`Abgedeckt: ${share}`], labelUncovered: false, coveredLabel: 'im Projektgebiet', uncoveredLabel: 'nicht im Projektgebiet' })
      .replace(/^<\?xml[^>]*>\s*/, ''),
  };
}
