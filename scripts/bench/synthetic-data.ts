import { slugify, stableId } from '../../shared/ids.js';
import {
  COOPERATION_SLUG, PARTNER_SLUGS, TOPIC_KEYS, municipalitySlug, organizationId, projectId, readCsv,
  type DistrictRow, type MunicipalityRow,
} from '../../shared/reference-data.js';

/**
 * Synthetic but plausible records for `npm run seed:scale`: German titles and texts composed from
 * word lists, spread over the real municipalities and Kreise of data/. A seeded generator makes
 * every run produce the same rows, so bench figures of two runs compare the same data.
 * Every row is marked `is_sample`; contact addresses use example.org.
 */

export type Random = ReturnType<typeof createRandom>;

/** mulberry32: small, fast and good enough to spread test data. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  /** `count` distinct items (fewer when the list is shorter). */
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const chosen = new Set<T>();
    while (chosen.size < Math.min(count, items.length)) chosen.add(pick(items));
    return [...chosen];
  };
  return { next, int, pick, sample, chance: (p: number) => next() < p };
}

interface Theme {
  key: string;
  name: string;
  /** Subjects for titles ("Mobilstationen", "Glasfaserausbau"). */
  subjects: string[];
  /** Anlass: why the project started. */
  occasions: string[];
  /** Ziel. */
  goals: string[];
  /** Umsetzung: what is done. */
  measures: string[];
  keywords: string[];
}

/** Topics of the scale data; the first five are the seeded reference topics. */
const THEMES: Theme[] = [
  {
    key: 'mobilitaet', name: 'Mobilität',
    subjects: ['Mobilstationen', 'Bürgerbus', 'Schnellbuslinie', 'Carsharing im ländlichen Raum', 'On-Demand-Verkehr', 'Pendlerparkplätze'],
    occasions: ['die schlechte Anbindung der Ortsteile an den öffentlichen Nahverkehr', 'lange Pendelwege in die Oberzentren', 'der Wegfall von Buslinien am Abend und am Wochenende'],
    goals: ['Wege zur Arbeit, zur Schule und zum Einkauf ohne eigenes Auto zu ermöglichen', 'Bus, Bahn, Rad und Carsharing an einem Ort zu verknüpfen', 'den Anteil des Umweltverbunds am Verkehr deutlich zu erhöhen'],
    measures: ['Es wurden Standorte für Mobilstationen geprüft und die ersten Stationen gebaut', 'Ehrenamtliche Fahrerinnen und Fahrer werden geschult und in einem Dienstplan koordiniert', 'Fahrgastzahlen werden ausgewertet und das Angebot jährlich angepasst'],
    keywords: ['ÖPNV', 'Nahverkehr', 'Pendler', 'Verkehrswende'],
  },
  {
    key: 'radverkehr', name: 'Radverkehr',
    subjects: ['Radwegenetz', 'Radschnellweg', 'Lückenschluss im Radwegenetz', 'Fahrradparken an Bahnhöfen', 'Pättkes-Beschilderung'],
    occasions: ['Lücken im regionalen Radwegenetz zwischen den Gemeinden', 'die stark gestiegene Nutzung von Pedelecs', 'unsichere Querungen an Kreisstraßen'],
    goals: ['ein durchgängiges, sicheres Radwegenetz im Münsterland zu schaffen', 'den Alltagsradverkehr zwischen Wohnort und Arbeitsplatz zu stärken'],
    measures: ['Gemeinsam mit Straßen.NRW wurden Netzlücken erfasst und nach Dringlichkeit geordnet', 'Die Beschilderung wird nach einheitlichem Standard erneuert', 'Abstellanlagen mit Lademöglichkeit werden an Knotenpunkten errichtet'],
    keywords: ['Fahrrad', 'Pedelec', 'Radwege', 'Alltagsradverkehr'],
  },
  {
    key: 'digitalisierung', name: 'Digitalisierung',
    subjects: ['Digitales Rathaus', 'Open Data', 'Smart City', 'Digitale Schule', 'Onlinezugang zu Verwaltungsleistungen', 'Digitale Dorfplattform'],
    occasions: ['die Vorgaben des Onlinezugangsgesetzes', 'der Wunsch vieler Bürgerinnen und Bürger nach Behördengängen von zu Hause', 'fehlende digitale Kompetenzen in kleinen Verwaltungen'],
    goals: ['Verwaltungsleistungen vollständig digital anzubieten', 'Daten der Kommunen offen und maschinenlesbar bereitzustellen', 'digitale Lösungen einmal zu entwickeln und gemeinsam zu nutzen'],
    measures: ['Ein gemeinsamer Prozesskatalog wurde erarbeitet und priorisiert', 'Pilotkommunen testen die Anwendungen und geben ihre Erfahrungen weiter', 'Schulungen für Beschäftigte der Verwaltungen werden regelmäßig angeboten'],
    keywords: ['Verwaltungsdigitalisierung', 'OZG', 'E-Government', 'Open Data'],
  },
  {
    key: 'breitband', name: 'Breitbandausbau',
    subjects: ['Glasfaserausbau', 'Breitband für Gewerbegebiete', 'Gigabit-Schulen', 'Mobilfunklücken'],
    occasions: ['weiße Flecken in der Breitbandversorgung der Außenbereiche', 'langsame Anschlüsse in Gewerbegebieten'],
    goals: ['jeden Haushalt und jedes Unternehmen mit Glasfaser zu versorgen', 'die Förderprogramme von Bund und Land gemeinsam zu nutzen'],
    measures: ['Eine Markterkundung wurde gemeinsam ausgeschrieben', 'Die Breitbandkoordination berät Kommunen zu Förderanträgen'],
    keywords: ['Glasfaser', 'Gigabit', 'Breitband', 'Außenbereiche'],
  },
  {
    key: 'klimaschutz', name: 'Klimaschutz',
    subjects: ['Kommunale Wärmeplanung', 'Klimaschutzkonzept', 'Photovoltaik auf kommunalen Dächern', 'Energieberatung für Hausbesitzer', 'Klimaanpassung'],
    occasions: ['das Ziel der Klimaneutralität bis 2045', 'steigende Energiekosten der kommunalen Liegenschaften', 'Starkregenereignisse und Hitzesommer der letzten Jahre'],
    goals: ['die Treibhausgasemissionen der Region messbar zu senken', 'die Wärmeversorgung auf erneuerbare Energien umzustellen', 'Städte und Gemeinden auf Starkregen und Hitze vorzubereiten'],
    measures: ['Eine Energie- und Treibhausgasbilanz wurde für alle beteiligten Kommunen erstellt', 'Klimaschutzmanagerinnen und -manager tauschen sich in einem regionalen Netzwerk aus', 'Bürgerinnen und Bürger werden in Quartiersversammlungen beteiligt'],
    keywords: ['Klimaneutralität', 'Energiewende', 'Wärmeplanung', 'CO2'],
  },
  {
    key: 'wasserstoff', name: 'Wasserstoff',
    subjects: ['Wasserstoff-Tankstelle', 'Wasserstoff-Modellregion', 'Elektrolyseur für Gewerbe', 'Wasserstoff im Nutzfahrzeugverkehr'],
    occasions: ['die Nachfrage von Logistikunternehmen nach klimaneutralen Antrieben', 'große Überschüsse aus Windenergie im nördlichen Münsterland'],
    goals: ['eine regionale Wasserstoffwirtschaft aufzubauen', 'grünen Wasserstoff aus Windstrom vor Ort zu erzeugen und zu nutzen'],
    measures: ['Eine Machbarkeitsstudie hat Standorte und Abnehmer untersucht', 'Unternehmen, Stadtwerke und Hochschulen arbeiten in einem Konsortium zusammen'],
    keywords: ['Wasserstoff', 'Elektrolyse', 'Windenergie', 'Logistik'],
  },
  {
    key: 'fachkraefte', name: 'Fachkräftesicherung',
    subjects: ['Fachkräfteallianz', 'Ausbildungsmesse', 'Willkommensagentur', 'Pflegeausbildung', 'Duales Studium im Mittelstand'],
    occasions: ['der wachsende Fachkräftemangel in Handwerk, Industrie und Pflege', 'viele unbesetzte Ausbildungsplätze', 'die Abwanderung junger Menschen in die Großstädte'],
    goals: ['Fachkräfte für die Region zu gewinnen und zu halten', 'Jugendliche früh mit regionalen Unternehmen in Kontakt zu bringen', 'internationale Fachkräfte willkommen zu heißen'],
    measures: ['Unternehmen stellen sich in Schulen und auf gemeinsamen Messen vor', 'Eine Willkommensagentur begleitet Zugezogene bei Behördengängen und Wohnungssuche', 'Die Kammern und Arbeitsagenturen stimmen ihre Angebote ab'],
    keywords: ['Fachkräftemangel', 'Ausbildung', 'Mittelstand', 'Arbeitsmarkt'],
  },
  {
    key: 'tourismus', name: 'Tourismus',
    subjects: ['100-Schlösser-Route', 'Radtourismus', 'Naturerlebnispfade', 'Hofcafés und Landgenuss', 'Wanderwege und Pättkes'],
    occasions: ['rückläufige Übernachtungszahlen außerhalb der Saison', 'der Wunsch der Gäste nach digitalen Tourenangeboten'],
    goals: ['das Münsterland als Radreiseregion bekannter zu machen', 'Gäste länger in der Region zu halten', 'touristische Angebote gemeinsam zu vermarkten'],
    measures: ['Die Touren wurden digitalisiert und in die Tourenplattform des Münsterland e.V. übernommen', 'Gastgeber werden zu Qualitätsstandards geschult', 'Eine gemeinsame Kampagne wirbt in den Niederlanden und im Ruhrgebiet'],
    keywords: ['Radreiseregion', 'Gastgeber', 'Naherholung', 'Marketing'],
  },
  {
    key: 'ehrenamt', name: 'Ehrenamt',
    subjects: ['Ehrenamtsbörse', 'Ehrenamtskarte', 'Engagementförderung', 'Dorfmoderation', 'Vereinsberatung'],
    occasions: ['sinkende Mitgliederzahlen in Vereinen', 'die Überlastung der Vorstände durch Bürokratie'],
    goals: ['bürgerschaftliches Engagement sichtbar zu machen und zu würdigen', 'Vereine bei Verwaltung und Nachwuchsgewinnung zu entlasten'],
    measures: ['Eine Online-Börse vermittelt Engagierte an Vereine und Initiativen', 'Dorfmoderatorinnen und -moderatoren werden ausgebildet'],
    keywords: ['Engagement', 'Vereine', 'Bürgerbeteiligung', 'Dorfentwicklung'],
  },
  {
    key: 'daseinsvorsorge', name: 'Daseinsvorsorge',
    subjects: ['Hausärztliche Versorgung', 'Dorfladen', 'Gemeindeschwester', 'Nahversorgung in Ortsteilen', 'Pflege im Quartier'],
    occasions: ['die Schließung von Hausarztpraxen und Lebensmittelgeschäften in kleinen Orten', 'eine älter werdende Bevölkerung'],
    goals: ['die Grundversorgung auch in kleinen Ortsteilen zu sichern', 'älteren Menschen ein selbstständiges Leben im Dorf zu ermöglichen'],
    measures: ['Ein Bürgerverein betreibt den Dorfladen mit hauptamtlicher Unterstützung', 'Medizinische Versorgungszentren werden interkommunal geplant'],
    keywords: ['Nahversorgung', 'Gesundheit', 'demografischer Wandel', 'ländlicher Raum'],
  },
  {
    key: 'innenstadt', name: 'Innenstadtentwicklung',
    subjects: ['Leerstandsmanagement', 'Zukunft Innenstadt', 'Pop-up-Stores', 'Stadtmarketing', 'Marktplatzgestaltung'],
    occasions: ['zunehmende Leerstände in den Ortskernen', 'der wachsende Onlinehandel'],
    goals: ['lebendige Ortskerne mit Handel, Gastronomie und Kultur zu erhalten', 'Leerstände mit neuen Nutzungen zu füllen'],
    measures: ['Ein Leerstandskataster wurde aufgebaut', 'Gründerinnen und Gründer erhalten Ladenlokale zu vergünstigten Mieten auf Zeit'],
    keywords: ['Ortskern', 'Einzelhandel', 'Leerstand', 'Stadtentwicklung'],
  },
  {
    key: 'naturschutz', name: 'Natur und Landschaft',
    subjects: ['Biodiversität an Wegrändern', 'Moorrenaturierung', 'Wallhecken', 'Blühstreifen', 'Gewässerrenaturierung'],
    occasions: ['der Rückgang der Insekten- und Vogelarten in der Parklandschaft', 'ausgeräumte Agrarlandschaften'],
    goals: ['die münsterländische Parklandschaft mit ihren Hecken und Gewässern zu erhalten', 'Lebensräume für Insekten und Vögel zu vernetzen'],
    measures: ['Landwirtinnen und Landwirte legen Blühstreifen mit regionalem Saatgut an', 'Die Biologischen Stationen begleiten die Maßnahmen fachlich'],
    keywords: ['Artenvielfalt', 'Parklandschaft', 'Landwirtschaft', 'Naturschutz'],
  },
  {
    key: 'wohnen', name: 'Wohnen',
    subjects: ['Bezahlbarer Wohnraum', 'Wohnen für Generationen', 'Flächensparen', 'Innenentwicklung'],
    occasions: ['steigende Mieten und Baulandpreise', 'der hohe Flächenverbrauch durch Einfamilienhausgebiete'],
    goals: ['bezahlbaren Wohnraum für alle Generationen zu schaffen', 'Flächen im Innenbereich vor neuen Baugebieten zu nutzen'],
    measures: ['Ein Baulückenkataster zeigt Potenziale im Innenbereich', 'Kommunen tauschen Erfahrungen mit Konzeptvergaben aus'],
    keywords: ['Wohnraum', 'Bauland', 'Flächenverbrauch', 'Quartier'],
  },
  {
    key: 'bildung', name: 'Bildung',
    subjects: ['Bildungslandschaft', 'MINT-Förderung', 'Übergang Schule-Beruf', 'Offene Ganztagsschule'],
    occasions: ['der Rechtsanspruch auf Ganztagsbetreuung ab 2026', 'sinkendes Interesse an naturwissenschaftlichen Fächern'],
    goals: ['Bildungsangebote von der Kita bis zum Beruf abzustimmen', 'Kinder und Jugendliche für Technik und Naturwissenschaften zu begeistern'],
    measures: ['Schulen, Unternehmen und Hochschulen entwickeln gemeinsam Lernangebote', 'Ein regionales Bildungsbüro koordiniert die Angebote'],
    keywords: ['Schule', 'MINT', 'Ganztag', 'Bildungsberatung'],
  },
  {
    key: 'kultur', name: 'Kultur',
    subjects: ['Kulturrucksack', 'Regionale Kulturpolitik', 'Heimatmuseen im Verbund', 'Skulptur-Projekte'],
    occasions: ['wenige Kulturangebote außerhalb der Städte', 'der Generationswechsel in den Heimatvereinen'],
    goals: ['Kultur in allen Teilen der Region erlebbar zu machen', 'Heimatvereine und Museen zu vernetzen'],
    measures: ['Ein gemeinsamer Veranstaltungskalender bündelt die Angebote', 'Museen teilen sich Depot, Digitalisierung und Ausstellungen'],
    keywords: ['Kultur', 'Heimat', 'Museen', 'Kulturelle Bildung'],
  },
];

/** The seeded reference topics get their synthetic texts from these themes. */
const REFERENCE_THEMES: Record<string, Omit<Theme, 'key' | 'name'>> = {
  [TOPIC_KEYS.regionalDevelopment]: {
    subjects: ['Regionale Entwicklungsstrategie', 'Regionalforum', 'Zukunftswerkstatt Münsterland'],
    occasions: ['unterschiedliche Entwicklungsziele der Kreise und Städte'], goals: ['gemeinsame Ziele für die Entwicklung des Münsterlandes zu vereinbaren'],
    measures: ['Regionalkonferenzen bringen Politik, Verwaltung und Zivilgesellschaft zusammen'], keywords: ['Regionalentwicklung', 'Strategie'],
  },
  [TOPIC_KEYS.interMunicipal]: {
    subjects: ['Interkommunales Gewerbegebiet', 'Gemeinsamer Bauhof', 'Interkommunale Vergabestelle'],
    occasions: ['steigende Kosten für Aufgaben, die jede Kommune allein erledigt'], goals: ['Aufgaben gemeinsam effizienter zu erledigen und Doppelstrukturen zu vermeiden'],
    measures: ['Eine öffentlich-rechtliche Vereinbarung regelt Aufgaben und Kosten'], keywords: ['Kooperation', 'Verwaltung'],
  },
  [TOPIC_KEYS.knowledgeTransfer]: {
    subjects: ['Erfahrungsaustausch', 'Praxisbörse', 'Lernende Region'],
    occasions: ['dass gute Lösungen einzelner Kommunen anderswo unbekannt bleiben'], goals: ['voneinander zu wissen und voneinander zu lernen'],
    measures: ['Im Arbeitskreis werden Projekte vorgestellt und Erfahrungen dokumentiert'], keywords: ['Wissenstransfer', 'Austausch'],
  },
  [TOPIC_KEYS.leader]: {
    subjects: ['LEADER-Kleinprojekte', 'Regionalbudget', 'Lokale Entwicklungsstrategie'],
    occasions: ['die neue LEADER-Förderperiode 2023–2027'], goals: ['Ideen aus der Bevölkerung mit LEADER-Mitteln umzusetzen'],
    measures: ['Die Lokale Aktionsgruppe wählt Projekte nach einem Punkteschema aus'], keywords: ['LEADER', 'ELER', 'ländliche Entwicklung'],
  },
  [TOPIC_KEYS.economicDevelopment]: {
    subjects: ['Gründungsförderung', 'Gewerbeflächenmanagement', 'Unternehmensnachfolge', 'Innovationsnetzwerk'],
    occasions: ['knappe Gewerbeflächen und viele anstehende Betriebsübergaben'], goals: ['Unternehmen bei Gründung, Wachstum und Nachfolge zu begleiten'],
    measures: ['Die Wirtschaftsförderungen der Kreise beraten gemeinsam und teilen ihre Flächendaten'], keywords: ['Wirtschaft', 'Gründung', 'Mittelstand'],
  },
};

export const TOPICS: Theme[] = [
  ...Object.entries(REFERENCE_THEMES).map(([key, theme]) => ({ key, name: '', ...theme })),
  ...THEMES,
];

/** Topics to add to the seeded ones (those keep their names and descriptions). */
export function topicRows() {
  return THEMES.map((theme) => ({ key: theme.key, name: theme.name, description: `Projekte und Wissen zum Thema ${theme.name} im Münsterland (synthetische Testdaten).` }));
}

const FORMS = ['Netzwerk', 'Modellprojekt', 'Initiative', 'Pilotprojekt', 'Machbarkeitsstudie', 'Konzept', 'Kooperation', 'Offensive', 'Aktionsprogramm', 'Zukunftsprojekt'];
/** Regions by name and with their preposition ("im Münsterland", "in den Baumbergen"). */
const REGIONS: { name: string; locative: string }[] = [
  ['Münsterland', 'im'], ['Westmünsterland', 'im'], ['Tecklenburger Land', 'im'], ['Baumberge', 'in den', 'Baumbergen'], ['Steinfurter Land', 'im'],
  ['Kreis Warendorf', 'im'], ['Kreis Coesfeld', 'im'], ['Kreis Borken', 'im'], ['Kreis Steinfurt', 'im'], ['Grenzregion zu den Niederlanden', 'in der'],
].map(([name, preposition, dative]) => ({ name, locative: `${preposition} ${dative ?? name}` }));

interface Place {
  id: string;
  name: string;
  /** How it is named as an actor: "Gemeinde Heek", "Kreis Borken". */
  title: string;
  ags: string | null;
  /** Five-digit AGS of its Kreis (for Münster its own). */
  districtAgs: string;
}

/** The real organizations of the reference seed that synthetic rows refer to. */
export interface Region {
  municipalities: Place[];
  districts: Place[];
  /** Münsterland e.V. and the Regierungsbezirk. */
  others: Place[];
}

export function readRegion(): Region {
  const municipalities = readCsv<MunicipalityRow>('municipalities.csv').map((row) => ({
    id: organizationId(municipalitySlug(row)),
    name: row.name,
    title: `${row.kind === 'Gemeinde' ? 'Gemeinde' : 'Stadt'} ${row.name}`,
    ags: row.ags,
    districtAgs: row.district_ags,
  }));
  const districts = readCsv<DistrictRow>('districts.csv')
    .filter((row) => row.kind === 'Kreis')
    .map((row) => ({ id: organizationId(slugify(row.name)), name: row.name, title: row.name, ags: row.ags, districtAgs: row.ags }));
  const others = [
    { id: organizationId(PARTNER_SLUGS.muensterland), name: 'Münsterland e.V.', title: 'Der Münsterland e.V.', ags: null, districtAgs: '' },
    { id: organizationId(PARTNER_SLUGS.regierungsbezirk), name: 'Regierungsbezirk Münster', title: 'Der Regierungsbezirk Münster', ags: null, districtAgs: '' },
  ];
  return { municipalities, districts, others };
}

const ASSOCIATION_FORMS = [
  (place: string) => ({ name: `Heimatverein ${place} e.V.`, kind: 'VEREIN' }),
  (place: string) => ({ name: `Bürgerbusverein ${place} e.V.`, kind: 'VEREIN' }),
  (place: string) => ({ name: `Energiegenossenschaft ${place} eG`, kind: 'OTHER' }),
  (place: string) => ({ name: `Werbegemeinschaft ${place} e.V.`, kind: 'VEREIN' }),
  (place: string) => ({ name: `Bürgerstiftung ${place}`, kind: 'OTHER' }),
];

/** Local associations and co-operatives (organizations subgraph), `perMunicipality` per municipality. */
export function associationRows(region: Region, perMunicipality: number) {
  return region.municipalities.flatMap((municipality) =>
    ASSOCIATION_FORMS.slice(0, perMunicipality).map((form, index) => {
      const { name, kind } = form(municipality.name);
      const slug = slugify(name);
      return {
        id: organizationId(slug), slug, name, kind, parent_id: null, city: municipality.name.replace(/ \(.*\)$/, ''),
        description: `${name}: synthetischer Beispieldatensatz für Lasttests.`,
        email: `verein-${municipality.ags}-${index}@example.org`, is_sample: true,
      };
    }),
  );
}

const STATUS_WEIGHTS: [string, number][] = [['PLANNED', 0.15], ['ACTIVE', 0.5], ['COMPLETED', 0.35]];
const FUNDING: { source: string; descriptions: string[]; min: number; max: number }[] = [
  { source: 'LAND_NRW', descriptions: ['Regionale Strukturpolitik des Landes NRW', 'Förderprogramm „Dritte Orte“', 'Heimat-Förderprogramm des Landes NRW'], min: 20_000, max: 900_000 },
  { source: 'BUND', descriptions: ['Bundesprogramm Ländliche Entwicklung (BULE)', 'Förderprogramm Zukunftsfähige Innenstädte und Zentren', 'Nationale Klimaschutzinitiative'], min: 50_000, max: 2_500_000 },
  { source: 'EU', descriptions: ['LEADER (ELER), Förderperiode 2023–2027', 'EFRE/JTF-Programm NRW 2021–2027', 'INTERREG Deutschland-Nederland'], min: 30_000, max: 1_500_000 },
  { source: 'KREIS', descriptions: ['Mittel aus dem Kreishaushalt'], min: 5_000, max: 200_000 },
  { source: 'KOMMUNE', descriptions: ['Eigenanteil der beteiligten Kommunen'], min: 5_000, max: 150_000 },
  { source: 'OWN_FUNDS', descriptions: ['Eigenmittel des Projektträgers'], min: 2_000, max: 80_000 },
  { source: 'PRIVATE', descriptions: ['Spenden und Sponsoring regionaler Unternehmen', 'Stiftungsmittel'], min: 1_000, max: 100_000 },
];
const LEGAL_FORMS = ['Öffentlich-rechtliche Vereinbarung', 'Kooperationsvereinbarung', 'eingetragener Verein', 'GmbH', 'ohne eigene Rechtsform'];
const DISTINCTIONS = ['Teilnehmer Landespreis Wirtschaftsförderung', 'Ausgezeichnet im Wettbewerb „Unser Dorf hat Zukunft“', 'Projekt der REGIONALE 2016', 'Nominiert für den Deutschen Nachhaltigkeitspreis'];
const THIS_YEAR = 2026;
/** "Today" of the data (November 2026), fixed so that every run writes the same rows. */
const REFERENCE_MONTH = THIS_YEAR * 12 + 10;
const monthDate = (month: number) => `${Math.floor(month / 12)}-${pad((month % 12) + 1)}`;

export interface SyntheticProject {
  project: Record<string, unknown> & { id: string };
  participations: Record<string, unknown>[];
  funding: Record<string, unknown>[];
}

/** Ids of the synthetic projects, known before they are generated (knowledge rows point at them). */
export const syntheticProjectId = (index: number) => projectId(`scale-${index}`);

/** Project `index` with its participations and funding rows; the same index always gives the same rows. */
export function syntheticProject(index: number, region: Region, associations: string[], random: Random): SyntheticProject {
  const theme = random.pick(TOPICS);
  const extraThemes = random.sample(TOPICS, random.int(0, 2)).filter((other) => other !== theme);
  const home = random.pick(region.municipalities);
  const district = region.districts.find((candidate) => candidate.ags === home.districtAgs);
  const subject = random.pick(theme.subjects);
  const area = random.pick(REGIONS);
  const [place, locative] = random.chance(0.55) ? [home.name, `in ${home.name}`] : [area.name, area.locative];
  const title = random.pick([
    () => `${random.pick(FORMS)} ${subject} ${place}`,
    () => `${subject} ${locative}`,
    () => `${subject}: ${random.pick(FORMS)} ${locative}`,
    () => `${random.pick(FORMS)} ${theme.name || subject} ${area.locative}`,
  ])();

  // Lead: a Kreis, the home municipality, Münster or the Münsterland e.V.
  const lead = random.pick([district ?? home, home, home, ...region.others.slice(0, 1), region.municipalities[0]]);
  const nearby = region.municipalities.filter((municipality) => municipality.districtAgs === home.districtAgs);
  const participants = new Map<string, string>();
  for (const municipality of random.sample(nearby, random.int(1, 5))) participants.set(municipality.id, random.chance(0.7) ? 'PARTNER' : 'MEMBER');
  if (random.chance(0.3)) for (const other of random.sample(region.municipalities, random.int(1, 3))) participants.set(other.id, 'MEMBER');
  if (random.chance(0.4)) participants.set(random.pick(region.districts).id, 'PARTNER');
  if (random.chance(0.35)) participants.set(random.pick(associations), 'SUPPORTER');
  if (random.chance(0.15)) participants.set(region.others[0].id, 'SUPPORTER');
  participants.delete(lead.id);

  const id = syntheticProjectId(index);
  const covered = region.municipalities.filter((municipality) => municipality.id === lead.id || participants.has(municipality.id));
  if (covered.length === 0) covered.push(home);

  // Periods in months since year 0, consistent with the status as of REFERENCE_MONTH.
  const [status] = weighted(random, STATUS_WEIGHTS);
  const start = status === 'PLANNED' ? REFERENCE_MONTH + random.int(1, 18)
    : status === 'ACTIVE' ? REFERENCE_MONTH - random.int(0, 72) : REFERENCE_MONTH - random.int(12, 160);
  const end = status === 'COMPLETED' ? random.int(start + 3, REFERENCE_MONTH - 1)
    : status === 'ACTIVE' ? REFERENCE_MONTH + random.int(1, 48) : start + random.int(6, 48);
  const startYear = Math.floor(start / 12);
  const fundingSources = random.sample(FUNDING, random.int(0, 3));
  const fundingText = fundingSources.length
    ? `Finanziert aus ${fundingSources.map((source) => random.pick(source.descriptions)).join(', ')}.`
    : 'Finanziert aus Eigenmitteln der Beteiligten.';
  const partnerCount = participants.size;

  return {
    project: {
      id,
      slug: `${slugify(title).slice(0, 140)}-${index}`,
      title,
      summary: `${lead.title}${partnerCount ? ` und ${partnerCount} weitere Beteiligte haben` : ' hat'} sich vorgenommen, ${random.pick(theme.goals)}. `
        + `${random.pick(theme.measures)}. Anlass: ${random.pick(theme.occasions)}.`,
      keywords: random.sample([...theme.keywords, ...extraThemes.flatMap((other) => other.keywords.slice(0, 1)), home.name], random.int(2, 4)),
      occasion: `Anlass für das Vorhaben: ${random.pick(theme.occasions)}. Das betrifft viele Kommunen ${random.pick(REGIONS).locative}.`,
      goal: `Ziel ist es, ${random.pick(theme.goals)}. Außerdem soll das Projekt ${random.pick(['Doppelarbeit vermeiden', 'Erfahrungen für andere Kommunen nutzbar machen', 'möglichst viele Kommunen der Region erreichen'])}.`,
      implementation: `${random.pick(theme.measures)}. ${random.pick(theme.measures)}. Die Ergebnisse werden im Arbeitskreis Regionalentwicklung vorgestellt.`,
      financing: fundingText,
      legal_form: random.pick(LEGAL_FORMS),
      cooperating_since: startYear,
      status,
      start_date: `${monthDate(start)}-01`,
      end_date: status === 'ACTIVE' && random.chance(0.3) ? null : `${monthDate(end)}-${pad(random.int(1, 28))}`,
      lead_organization_id: lead.id,
      topic_keys: [theme.key, ...extraThemes.map((other) => other.key)],
      municipality_ags: covered.map((municipality) => municipality.ags),
      contact_name: lead.title.replace(/^Der /, ''),
      contact_city: home.name.replace(/ \(.*\)$/, ''),
      contact_email: `projekt-${index}@example.org`,
      contact_website: `https://example.org/projekte/${index}`,
      distinctions: random.chance(0.05) ? [random.pick(DISTINCTIONS)] : [],
      source_attribution: 'Synthetische Testdaten (npm run seed:scale)',
      created_by: 'seed-scale',
      updated_by: 'seed-scale',
      is_sample: true,
    },
    participations: [...participants].map(([organizationId, role]) => ({
      id: stableId('participation', `${id}:${organizationId}`), project_id: id, organization_id: organizationId, role, is_sample: true, created_by: 'seed-scale', updated_by: 'seed-scale',
    })),
    funding: fundingSources.map((source, position) => ({
      id: stableId('funding', `${id}:${position}`), project_id: id, source: source.source, description: random.pick(source.descriptions),
      amount_eur: random.chance(0.8) ? Math.round(random.int(source.min, source.max) / 100) * 100 : null,
      is_sample: true, created_by: 'seed-scale', updated_by: 'seed-scale',
    })),
  };
}

const RESOURCE_KINDS: [string, number][] = [['DOCUMENT', 0.3], ['BEST_PRACTICE', 0.2], ['LESSON_LEARNED', 0.15], ['STUDY', 0.12], ['MEETING_RECORD', 0.2], ['DECLARATION', 0.03]];
const RESOURCE_TITLES: Record<string, ((subject: string, place: string, date: string) => string)[]> = {
  DOCUMENT: [(s, p) => `Leitfaden ${s} für ${p}`, (s) => `Handreichung: ${s} Schritt für Schritt`, (s, p) => `Präsentation ${s} in ${p}`],
  BEST_PRACTICE: [(s, p) => `Gute Praxis: ${s} in ${p}`, (s, p) => `So gelingt ${s} – Beispiel ${p}`],
  LESSON_LEARNED: [(s, p) => `Erfahrungsbericht ${s} ${p}`, (s) => `Was wir aus dem Projekt ${s} gelernt haben`],
  STUDY: [(s, p) => `Studie zu ${s} im Raum ${p}`, (s, p) => `Bedarfsanalyse ${s} ${p}`],
  MEETING_RECORD: [(s, _p, d) => `Protokoll des Arbeitskreises vom ${d}: ${s}`, (s, p, d) => `Ergebnisprotokoll Workshop ${s}, ${p}, ${d}`],
  DECLARATION: [(s, p) => `Gemeinsame Erklärung zu ${s} (${p})`],
};

/** Knowledge resource `index`: author, topics, related projects (mostly one, some none or several). */
export function syntheticResource(index: number, region: Region, associations: string[], projectCount: number, random: Random) {
  const theme = random.pick(TOPICS);
  const [kind] = weighted(random, RESOURCE_KINDS);
  const place = random.chance(0.6) ? random.pick(region.municipalities).name : random.pick(REGIONS).name;
  const year = random.int(2012, THIS_YEAR);
  const date = `${pad(random.int(1, 28))}.${pad(random.int(1, 12))}.${year}`;
  const title = random.pick(RESOURCE_TITLES[kind])(random.pick(theme.subjects), place, date);
  const related = random.chance(0.1) ? 0 : random.chance(0.85) ? 1 : random.int(2, 3);
  const projectIds = Array.from({ length: related }, () => syntheticProjectId(random.int(0, projectCount - 1)));
  if (random.chance(0.01)) projectIds.push(projectId(COOPERATION_SLUG));
  const author = random.pick([...region.districts, ...region.municipalities, region.others[0], region.others[0]]).id;
  const sentences = [
    `Das Dokument beschreibt Wege, ${random.pick(theme.goals)}.`,
    `Zum Hintergrund: ${random.pick(theme.occasions)}.`,
    `${random.pick(theme.measures)}.`,
    `Die Beteiligten empfehlen, ${random.pick(['früh alle Kommunen einzubinden', 'Zuständigkeiten schriftlich festzuhalten', 'Fördermittel gemeinsam zu beantragen', 'Ergebnisse offen zu teilen', 'mit einem kleinen Pilotgebiet zu beginnen'])}.`,
    `${random.pick(theme.measures)}.`,
  ];
  return {
    id: stableId('knowledge-resource', `scale-${index}`),
    slug: `${slugify(title).slice(0, 100)}-${index}`,
    title: title.slice(0, 300),
    kind,
    summary: sentences.slice(0, random.int(2, 3)).join(' '),
    body: random.chance(0.7) ? sentences.join(' ') + ` Stichworte: ${theme.keywords.join(', ')}.` : null,
    url: random.chance(0.5) ? `https://example.org/wissen/${index}` : null,
    language: 'de',
    author_organization_id: random.chance(0.05) ? random.pick(associations) : author,
    topic_keys: [theme.key, ...random.sample(TOPICS, random.int(0, 1)).map((other) => other.key).filter((key) => key !== theme.key)],
    project_ids: [...new Set(projectIds)],
    published_on: `${year}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`,
    source_attribution: 'Synthetische Testdaten (npm run seed:scale)',
    license: random.pick(['CC BY 4.0', 'Datenlizenz Deutschland – Namensnennung – 2.0', null]),
    created_by: 'seed-scale',
    updated_by: 'seed-scale',
    is_sample: true,
  };
}

function weighted<T>(random: Random, items: [T, number][]): [T] {
  let roll = random.next() * items.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll <= 0) return [item];
  }
  return [items[items.length - 1][0]];
}

const pad = (value: number) => String(value).padStart(2, '0');
