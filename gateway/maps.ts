import type { ApolloServer, BaseContext } from '@apollo/server';
import express, { type Request, type Response } from 'express';
import { createHash } from 'node:crypto';
import { coverageSvg } from './maps-svg.js';

/** A topic key (as `Topic.key`: lowercase ASCII words joined by hyphens) and a format. */
const MAP_FILE = /^(?=[a-z0-9-]{1,60}\.)([a-z0-9]+(?:-[a-z0-9]+)*)\.(svg|png)$/;

/** The one GraphQL operation a coverage map is built from. */
export const COVERAGE_MAP_QUERY = /* GraphQL */ `
  query CoverageMap($topicKey: String!) {
    topicCoverage(topicKey: $topicKey) {
      topicKey
      topic { name }
      municipalityShare populationShare populationReferenceDate
      coveredMunicipalities { ags name population { source } }
      uncoveredMunicipalities { ags name }
    }
  }
`;

interface CoverageData {
  topicKey: string;
  topic: { name: string } | null;
  municipalityShare: number;
  populationShare: number | null;
  populationReferenceDate: string | null;
  coveredMunicipalities: { ags: string; name: string; population: { source: string } | null }[];
  uncoveredMunicipalities: { ags: string; name: string }[];
}

const percentDe = new Intl.NumberFormat('de-DE', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percentEn = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** `0.924` → `92,4 %` (German, with the narrow space DIN 5008 asks for written as a plain space). */
export const germanPercent = (share: number) => percentDe.format(share).replace(/\s/g, ' ');
const englishPercent = (share: number) => percentEn.format(share).replace('%', ' %');
const germanDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('.');

/** The legend lines: the municipality share, the population share with its source and reference date. */
export function coverageLegend(coverage: CoverageData): { de: string[]; en: string } {
  const covered = coverage.coveredMunicipalities.length;
  const total = covered + coverage.uncoveredMunicipalities.length;
  const source = coverage.coveredMunicipalities.find((municipality) => municipality.population)?.population?.source.split(/,|\(/)[0].trim();
  const populationLine = coverage.populationShare != null && coverage.populationReferenceDate
    ? `Einwohneranteil: ${germanPercent(coverage.populationShare)} (${source ? `${source}, ` : ''}Stichtag ${germanDate(coverage.populationReferenceDate)})`
    : 'Einwohneranteil: nicht berechenbar (Einwohnerzahlen fehlen oder haben verschiedene Stichtage)';
  return {
    de: [`Gemeindeanteil: ${covered} von ${total} Gemeinden (${germanPercent(coverage.municipalityShare)})`, populationLine],
    en: `${covered} of ${total} municipalities covered (${englishPercent(coverage.municipalityShare)})`
      + (coverage.populationShare != null && coverage.populationReferenceDate
        ? `; ${englishPercent(coverage.populationShare)} of the inhabitants (reference date ${coverage.populationReferenceDate.slice(0, 10)}).` : '.'),
  };
}

/** SVG to PNG, with @resvg/resvg-js (prebuilt per platform in the npm package, loaded only when a PNG is asked for). */
export async function svgToPng(svg: string, width = 1200): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const fontFile = (await import('node:module')).createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
  const bold = fontFile.replace('DejaVuSans.ttf', 'DejaVuSans-Bold.ttf');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { fontFiles: [fontFile, bold], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

/**
 * Rendering a PNG takes a CPU for about a second; the SVG is cheap. The PNGs of the last few SVGs
 * are kept: the same coverage gives the same SVG, and a changed one a new entry.
 */
const PNG_CACHE_ENTRIES = 16;
const pngCache = new Map<string, Promise<Buffer>>();
function cachedPng(svg: string): Promise<Buffer> {
  const key = createHash('sha256').update(svg).digest('hex');
  let png = pngCache.get(key);
  if (!png) {
    png = svgToPng(svg);
    png.catch(() => pngCache.delete(key));
    pngCache.set(key, png);
    if (pngCache.size > PNG_CACHE_ENTRIES) pngCache.delete(pngCache.keys().next().value!);
  }
  return png;
}

/**
 * `GET /maps/coverage/<topicKey>.svg` and `.png`: the coverage ("Flächendeckung") of a topic over
 * the 66 municipalities of the Münsterland, covered and uncovered in two colours, Kreis borders,
 * the uncovered municipalities named, a legend with both shares and the attribution of the
 * boundaries. Built from one GraphQL operation run by this gateway with the caller's context.
 */
export function createMapsRouter<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  contextFor: (req: Request, res: Response) => Promise<Context>,
): express.Router {
  const router = express.Router();
  router.get('/maps/coverage/:file', async (req, res, next) => {
    try {
      const match = MAP_FILE.exec(String(req.params.file));
      if (!match) return notFound(res, 'No map here: coverage maps are at /maps/coverage/<topicKey>.svg or /maps/coverage/<topicKey>.png.');
      const [, topicKey, format] = match;
      const response = await apollo.executeOperation<{ topicCoverage: CoverageData | null }>(
        { query: COVERAGE_MAP_QUERY, variables: { topicKey }, operationName: 'CoverageMap' },
        { contextValue: await contextFor(req, res) },
      );
      const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
      const coverage = result?.data?.topicCoverage;
      if (!coverage) {
        if (result?.data && result.data.topicCoverage === null) return notFound(res, `No topic with the key "${topicKey}" (see the \`topics\` query).`);
        res.status(502).type('text/plain; charset=utf-8').send('The map could not be built: a part of the regional graph did not answer. Try again later.\n');
        return;
      }
      const legend = coverageLegend(coverage);
      const svg = coverageSvg({
        title: `Flächendeckung: ${coverage.topic?.name ?? topicKey}`,
        coveredAgs: new Set(coverage.coveredMunicipalities.map((municipality) => municipality.ags)),
        legend: legend.de,
        descriptionEn: legend.en,
      });
      res.setHeader('cache-control', 'public, max-age=60');
      if (format === 'png') {
        res.type('image/png').send(await cachedPng(svg));
      } else {
        res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
        res.type('image/svg+xml; charset=utf-8').send(svg);
      }
    } catch (error) {
      next(error);
    }
  });
  return router;
}

function notFound(res: Response, message: string): void {
  res.status(404).type('text/plain; charset=utf-8').send(`${message}\n`);
}
