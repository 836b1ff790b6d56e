/**
 * A project profile in the sections of the cooperation's published profile (data/seed-profile-
 * informelle-regionalentwicklung.txt): the one shape the PDF and the HTML renderers both draw.
 */

/** The one GraphQL operation a profile sheet is built from, answered by all three subgraphs. */
export const PROFILE_QUERY = /* GraphQL */ `
  query ProjectProfile($slug: String!) {
    project(slug: $slug) {
      slug title summary keywords distinctions occasion goal implementation financing legalForm cooperatingSince
      sourceAttribution sourceUrl profileUrl updatedAt isSample
      contact { name street postalCode city phone email website }
      funding { source description amountEur }
      topics { name }
      lead {
        name
        parent { name }
        population { value referenceDate source }
        figures { kind value referenceDate source }
      }
      participants { role note organization { name } }
      resources { title }
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
  contact: Record<'name' | 'street' | 'postalCode' | 'city' | 'phone' | 'email' | 'website', string | null>;
  funding: { source: string; description: string; amountEur: number | null }[];
  topics: { name: string }[];
  lead: {
    name: string;
    parent: { name: string } | null;
    population: Figure | null;
    figures: (Figure & { kind: string })[];
  } | null;
  participants: { role: string; note: string | null; organization: { name: string } | null }[];
  resources: { title: string }[] | null;
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
const ROLES: Record<string, string> = { PARTNER: 'Partner', MEMBER: 'Mitglied', SUPPORTER: 'Unterstützer' };

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

export function profileSheet(project: ProfileData): ProfileSheet {
  const participants = project.participants.filter((participant) => participant.organization);
  const lead = project.lead;
  const area = lead?.figures.find((figure) => figure.kind === 'AREA_KM2');

  const kurzprofil: Line[] = lead ? [
    { text: lead.name },
    ...(lead.parent ? [{ text: lead.parent.name }] : []),
    ...(lead.population ? [{ text: `Einwohner: ${number.format(lead.population.value)} (${lead.population.source}, ${germanDate(lead.population.referenceDate)})` }] : []),
    ...(area ? [{ text: `Fläche: ${number.format(area.value)} km² (${area.source}, ${germanDate(area.referenceDate)})` }] : []),
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

  const footer = [
    project.sourceAttribution,
    isWebAddress(project.sourceUrl) && `Veröffentlicht unter ${project.sourceUrl}`,
    ...(lead?.population ? [`Einwohnerzahl: ${lead.population.source}, Stichtag ${germanDate(lead.population.referenceDate)}`] : []),
    ...(area ? [`Fläche: ${area.source}, Stichtag ${germanDate(area.referenceDate)}`] : []),
    project.isSample ? 'Beispieldatensatz zur Demonstration, keine echten Daten.' : null,
    `Stand: ${germanDate(project.updatedAt)} · ${project.profileUrl}`,
  ].filter((text): text is string => !!text);

  return {
    title: project.title,
    partners: [lead?.name, ...participants.map((participant) => participant.organization!.name)].filter(Boolean).join(', '),
    sections: [
      ...section('Stichworte', [
        ...(project.keywords.length ? [[{ text: project.keywords.join(', ') }]] : []),
        ...(project.distinctions.length ? [project.distinctions.map((text) => ({ text }))] : []),
      ]),
      ...section('Hauptverantwortlich', lead ? [[{ text: lead.name }]] : []),
      ...section('Sonstige Beteiligte', participants.length ? [participants.map((participant) => ({
        text: `${participant.organization!.name} (${ROLES[participant.role] ?? participant.role})${participant.note ? `: ${participant.note}` : ''}`,
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
      ...section('Wissen', project.resources?.length ? [project.resources.map((resource) => ({ text: resource.title }))] : []),
    ],
    footer,
  };
}
