/**
 * What the export columns hold, shared by the export (typed spreadsheet cells, German headers)
 * and `npm run import` (which reads the German headers back).
 */

/** How a column's values are typed in a spreadsheet. */
export type ColumnKind = 'text' | 'number' | 'date' | 'instant' | 'boolean' | 'ags';

const KINDS: Record<string, ColumnKind> = {
  cooperatingSince: 'number', version: 'number', population: 'number', areaKm2: 'number',
  startDate: 'date', endDate: 'date', publishedOn: 'date', populationReferenceDate: 'date',
  createdAt: 'instant', updatedAt: 'instant', archivedAt: 'instant',
  isSample: 'boolean',
  // Amtliche Gemeindeschlüssel start with 0: always text, never a number (05554 is not 5554).
  municipalityAgs: 'ags', ags: 'ags', parentAgs: 'ags',
};
export const columnKind = (name: string): ColumnKind => KINDS[name] ?? 'text';

/** German column headers (`?lang=de`, and always in .xlsx), one per column name of any export. */
export const GERMAN_HEADERS: Record<string, string> = {
  id: 'ID', slug: 'Kurzname', title: 'Titel', status: 'Status', summary: 'Kurzbeschreibung', topicKeys: 'Themen', keywords: 'Stichworte',
  lead: 'Hauptverantwortlich', leadName: 'Hauptverantwortlich (Name)', participants: 'Sonstige Beteiligte', municipalityAgs: 'Gemeindeschlüssel (AGS)',
  occasion: 'Anlass', goal: 'Ziel', implementation: 'Umsetzung', financing: 'Finanzierung', legalForm: 'Rechtsform',
  cooperatingSince: 'Zusammenarbeit seit', startDate: 'Beginn', endDate: 'Ende',
  'contact.name': 'Kontakt: Name', 'contact.street': 'Kontakt: Straße', 'contact.postalCode': 'Kontakt: PLZ', 'contact.city': 'Kontakt: Ort',
  'contact.phone': 'Kontakt: Telefon', 'contact.email': 'Kontakt: E-Mail', 'contact.website': 'Kontakt: Website',
  distinctions: 'Auszeichnungen', sourceAttribution: 'Quelle', sourceUrl: 'Quelle (Adresse)', profileUrl: 'Profil (PDF)',
  isSample: 'Beispieldatensatz', version: 'Version', createdAt: 'Angelegt am', updatedAt: 'Geändert am', createdBy: 'Angelegt von',
  updatedBy: 'Geändert von', archivedAt: 'Archiviert am',
  kind: 'Art', language: 'Sprache', projectIds: 'Projekt-IDs', projects: 'Projekte', author: 'Autor', authorName: 'Autor (Name)',
  url: 'Adresse', publishedOn: 'Veröffentlicht am', license: 'Lizenz', body: 'Text',
  name: 'Name', officialName: 'Amtlicher Name', ags: 'Amtlicher Gemeindeschlüssel (AGS)', parent: 'Übergeordnet', parentAgs: 'AGS übergeordnet',
  population: 'Einwohner', populationReferenceDate: 'Einwohner: Stichtag', populationSource: 'Einwohner: Quelle', areaKm2: 'Fläche (km²)',
  website: 'Website', email: 'E-Mail', phone: 'Telefon', 'address.street': 'Straße', 'address.postalCode': 'PLZ', 'address.city': 'Ort',
  description: 'Beschreibung', people: 'Ansprechpersonen',
};

/** The column name of a header in either language. */
export function columnOfHeader(header: string): string | undefined {
  if (header in KINDS || Object.prototype.hasOwnProperty.call(GERMAN_HEADERS, header)) return header;
  return Object.entries(GERMAN_HEADERS).find(([, german]) => german === header)?.[0];
}
