/**
 * A project profile in the sections of the cooperation's published profile (data/seed-profile-
 * informelle-regionalentwicklung.txt): the one shape the PDF and the HTML renderers both draw.
 */

/** The one GraphQL operation a profile sheet is built from, answered by all three subgraphs. */
export const PROFILE_QUERY = /* GraphQL */ `
  query ProjectProfile($slug: String!) {
    project(slug: $slug) {
      slug title summary keywords distinctions occasion goal implementation financing legalForm cooperatingSince
      sourceAttribution sourceUrl profileUrl updatedAt isSample municipalityAgs
      contact { name street postalCode city phone email website }
      funding { source description amountEur }
      topics { name }
      lead {
        name
        parent { name }
        population { value referenceDate source }
        figures { kind value referenceDate source derived }
      }
      participants { role note organization { name } }
      resources { title isSample }
    }
  }
`;

export interface ProfileData {
  slug: string;
  title: string;
  summary: string;
  keywords: string[];
  distinctions: string[];
  occasion: string | null;
  goal: string | null;
  implementation: string | null;
  financing: string | null;
  legalForm: string | null;
  cooperatingSince: number | null;
  sourceAttribution: string | null;
  sourceUrl: string | null;
  profileUrl: string;
  updatedAt: string;
  isSample: boolean;
  /** Optional so that callers building a sheet by hand may leave it out. */
  municipalityAgs?: string[];
  contact: Record<'name' | 'street' | 'postalCode' | 'city' | 'phone' | 'email' | 'website', string | null>;
  funding: { source: string; description: string; amountEur: number | null }[];
  topics: { name: string }[];
  lead: {
    name: string;
    parent: { name: string } | null;
    population: Figure | null;
    figures: (Figure & { kind: string; derived?: boolean })[];
  } | null;
  participants: { role: string; note: string | null; organization: { name: string } | null }[];
  resources: { title: string; isSample?: boolean }[] | null;
}

interface Figure {
  value: number;
  referenceDate: string;
  source: string;
}

/** A line of a section; `link` marks a web address the renderers may link (http and https only). */
export interface Line {
  text: string;
  link?: string;
}

export interface Section {
  heading: string;
  /** Paragraphs; each a list of lines. */
  paragraphs: Line[][];
}

export interface ProfileSheet {
  title: string;
  /** The partners under the title, as in the published profile. */
  partners: string;
  sections: Section[];
  /** Sources and attribution, printed small at the end. */
  footer: string[];
}

const FUNDING_SOURCES: Record<string, string> = {
  LAND_NRW: 'Land Nordrhein-Westfalen', BUND: 'Bund', EU: 'Europäische Union', KREIS: 'Kreis', KOMMUNE: 'Kommune',
  OWN_FUNDS: 'Eigenmittel', PRIVATE: 'Private Mittel', OTHER: 'Sonstige',
};

const number = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });
const euros = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
/** `2022-05-15` → `15.05.2022`. */
const germanDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('.');
const isWebAddress = (url: string | null | undefined): url is string => !!url && /^https?:\/\/[^\s]+$/i.test(url);

/** Text with blank-line paragraphs; single line breaks stay lines. */
function paragraphs(text: string | null | undefined): Line[][] {
  return (text ?? '').split(/\n\s*\n/).map((block) => block.split('\n').map((line) => ({ text: line.trim() })).filter((line) => line.text)).filter((block) => block.length);
}

function section(heading: string, body: Line[][]): Section[] {
  return body.length ? [{ heading, paragraphs: body }] : [];
}

type LeadFigure = NonNullable<ProfileData['lead']>['figures'][number];
const sameSeries = (a: Figure, b: Figure) => a.source === b.source && a.referenceDate === b.referenceDate;

/**
 * The Kurzprofil's figures, one series at a time: population and area of one source and date
 * (the series of the published profile, e.g. IT.NRW 31.12.2020) where the lead has such a pair,
 * else its most recent figure of each kind; every other population figure (e.g. Zensus 2022)
 * follows on its own dated line and is never mixed into the first.
 */
export function kurzprofilFigures(figures: LeadFigure[], fallbackPopulation: Figure | null): { lines: Line[]; footer: string[] } {
  const populations = figures.filter((figure) => figure.kind === 'POPULATION');
  const areas = figures.filter((figure) => figure.kind === 'AREA_KM2');
  const paired = populations.find((population) => areas.some((area) => sameSeries(area, population)));
  const population = paired ?? populations[0] ?? fallbackPopulation ?? undefined;
  const area = paired ? areas.find((candidate) => sameSeries(candidate, paired)) : areas[0];
  const dated = (figure: Figure) => `${figure.source}, ${germanDate(figure.referenceDate)}`;
  const otherSeries = populations.filter((other) => population && !sameSeries(other, population));
  // A short name for a source: "Zensus 2022, Statistische Ämter …" → "Zensus 2022"; the full name goes to the footer.
  const shortName = (source: string) => source.split(/,|\(/)[0].trim();
  const lines: Line[] = [
    ...(population ? [{ text: `Einwohner: ${number.format(population.value)} (${dated(population)})` }] : []),
    ...(area ? [{ text: `Fläche: ${number.format(area.value)} km² (${dated(area)})` }] : []),
    ...otherSeries.map((other) => ({
      text: `Einwohner nach ${shortName(other.source)}: ${number.format(other.value)} (Stichtag ${germanDate(other.referenceDate)}, eigene Zählreihe)`,
    })),
  ];
  const footer = [
    ...(population ? [`Einwohnerzahl: ${population.source}, Stichtag ${germanDate(population.referenceDate)}`] : []),
    ...(area ? [`Fläche: ${area.source}, Stichtag ${germanDate(area.referenceDate)}`] : []),
    ...otherSeries.map((other) => `Einwohner nach ${shortName(other.source)}: ${other.source}, Stichtag ${germanDate(other.referenceDate)}`),
  ];
  return { lines, footer };
}

export function profileSheet(project: ProfileData, options: { includeSamples?: boolean } = {}): ProfileSheet {
  const participants = project.participants.filter((participant) => participant.organization);
  // As in the published profile: partners stand under the title beside the lead, the others are "Sonstige Beteiligte".
  const partners = participants.filter((participant) => participant.role === 'PARTNER');
  const others = participants.filter((participant) => participant.role !== 'PARTNER');
  const lead = project.lead;
  const figures = lead ? kurzprofilFigures(lead.figures, lead.population) : { lines: [], footer: [] };
  const resources = (project.resources ?? []).filter((resource) => options.includeSamples || !resource.isSample);

  const kurzprofil: Line[] = lead ? [
    { text: lead.name },
    ...(lead.parent ? [{ text: lead.parent.name }] : []),
    ...figures.lines,
  ] : [];
  const contact = project.contact;
  const kontakt: Line[] = [
    contact.name, contact.street, [contact.postalCode, contact.city].filter(Boolean).join(' '),
    contact.phone && `Telefon: ${contact.phone}`, contact.email && `E-Mail: ${contact.email}`,
  ].filter((text): text is string => !!text).map((text) => ({ text }));
  if (isWebAddress(contact.website)) kontakt.push({ text: contact.website, link: contact.website });

  const funding: Line[] = project.funding.map((entry) => ({
    text: `${FUNDING_SOURCES[entry.source] ?? entry.source}${entry.amountEur != null ? `: ${euros.format(entry.amountEur)}` : ''} – ${entry.description}`,
  }));
  // The published profile repeats the financing text as the only source: print it once.
  const financingText = paragraphs(project.financing);
  const fundingLines = funding.filter((line) => !financingText.flat().some((text) => line.text.endsWith(text.text)));

  // What the regional graph adds to a published profile is marked as added, so that no reader takes it for the source's.
  const added = ['Kurzbeschreibung', ...(project.topics.length ? ['Themen'] : []), ...(resources.length ? ['Wissen'] : []), ...(project.municipalityAgs?.length ? ['die Karte'] : [])];
  const footer = [
    project.sourceAttribution,
    project.sourceAttribution && `Ergänzt im regionalen Graphen, nicht aus dieser Quelle: ${added.join(', ').replace(/, ([^,]*)$/, ' und $1')}.`,
    isWebAddress(project.sourceUrl) && `Veröffentlicht unter ${project.sourceUrl}`,
    ...figures.footer,
    project.isSample ? 'Beispieldatensatz zur Demonstration, keine echten Daten.' : null,
    `Stand: ${germanDate(project.updatedAt)} · ${project.profileUrl}`,
  ].filter((text): text is string => !!text);

  return {
    title: project.title,
    partners: [lead?.name, ...partners.map((participant) => participant.organization!.name)].filter(Boolean).join(', '),
    sections: [
      ...section('Stichworte', [
        ...(project.keywords.length ? [[{ text: project.keywords.join(', ') }]] : []),
        ...(project.distinctions.length ? [project.distinctions.map((text) => ({ text }))] : []),
      ]),
      ...section('Hauptverantwortlich', lead ? [[{ text: lead.name }]] : []),
      ...section('Sonstige Beteiligte', others.length ? [others.map((participant) => ({
        text: `${participant.organization!.name}${participant.role === 'MEMBER' ? ' (Mitglied)' : ''}${participant.note ? `: ${participant.note}` : ''}`,
      }))] : []),
      ...section('Kurzprofil', kurzprofil.length ? [kurzprofil] : []),
      ...section('Kurzbeschreibung', paragraphs(project.summary)),
      ...section('Anlass', paragraphs(project.occasion)),
      ...section('Ziel', paragraphs(project.goal)),
      ...section('Umsetzung', paragraphs(project.implementation)),
      ...section('Finanzierung', [...financingText, ...(fundingLines.length ? [fundingLines] : [])]),
      ...section('Rechtsform', [[{ text: project.legalForm || 'keine Angabe' }]]),
      ...section('Zusammenarbeit seit', project.cooperatingSince ? [[{ text: String(project.cooperatingSince) }]] : []),
      ...section('Kontakt', kontakt.length ? [kontakt] : []),
      ...section('Themen', project.topics.length ? [[{ text: project.topics.map((topic) => topic.name).join(', ') }]] : []),
      ...section('Wissen', resources.length ? [resources.map((resource) => ({ text: resource.title }))] : []),
    ],
    footer,
  };
}
