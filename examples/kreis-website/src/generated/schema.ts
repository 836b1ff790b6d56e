export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  Date: { input: string; output: string; }
  DateTimeISO: { input: string; output: string; }
};

/** An organization joining a project. Its lead adds anyone; an organization may add itself. */
export type AddParticipantInput = {
  /** Remarks, e.g. which Ortsteile take part. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** The organization taking part. */
  organizationId: Scalars['ID']['input'];
  /** The project. */
  projectId: Scalars['ID']['input'];
  /** How it takes part. */
  role: ParticipationRole;
};

/** A postal address. */
export type Address = {
  __typename?: 'Address';
  /** City. */
  city?: Maybe<Scalars['String']['output']>;
  /** Postleitzahl. */
  postalCode?: Maybe<Scalars['String']['output']>;
  /** Street and number. */
  street?: Maybe<Scalars['String']['output']>;
};

/** A postal address. Given, it replaces the whole address: fields left out are cleared. */
export type AddressInput = {
  /** City. */
  city?: InputMaybe<Scalars['String']['input']>;
  /** Postleitzahl. */
  postalCode?: InputMaybe<Scalars['String']['input']>;
  /** Street and number. */
  street?: InputMaybe<Scalars['String']['input']>;
};

/** The knowledge resource to archive and the version you read. */
export type ArchiveKnowledgeResourceInput = {
  /** The resource to archive. */
  id: Scalars['ID']['input'];
  /** The version you read. */
  version: Scalars['Int']['input'];
};

/** The project to archive and the version you read. */
export type ArchiveProjectInput = {
  /** The project to archive. */
  id: Scalars['ID']['input'];
  /** The version you read. */
  version: Scalars['Int']['input'];
};

/** The result of `archiveProject`. */
export type ArchiveProjectPayload = {
  __typename?: 'ArchiveProjectPayload';
  /** The archived project: left out of lists, still readable by id or slug. */
  project: Project;
};

/** The "Kontakt" block of a profile. */
export type Contact = {
  __typename?: 'Contact';
  /** City. */
  city?: Maybe<Scalars['String']['output']>;
  /** E-mail address of the office. */
  email?: Maybe<Scalars['String']['output']>;
  /** Organization or person to contact. */
  name?: Maybe<Scalars['String']['output']>;
  /** Phone number of the office. */
  phone?: Maybe<Scalars['String']['output']>;
  /** Postleitzahl. */
  postalCode?: Maybe<Scalars['String']['output']>;
  /** Street and number. */
  street?: Maybe<Scalars['String']['output']>;
  /** Website. */
  website?: Maybe<Scalars['String']['output']>;
};

/** The "Kontakt" block of a profile. Given, it replaces the whole block: fields left out are cleared. */
export type ContactInput = {
  /** City. */
  city?: InputMaybe<Scalars['String']['input']>;
  /** E-mail address of the office. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** Organization or office to contact. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Phone number of the office. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** Postleitzahl. */
  postalCode?: InputMaybe<Scalars['String']['input']>;
  /** Street and number. */
  street?: InputMaybe<Scalars['String']['input']>;
  /** Website, starting with https:// or http://. */
  website?: InputMaybe<Scalars['String']['input']>;
};

/** A contact person or member of the Arbeitskreis. E-mail and phone are shown to signed-in partners only. */
export type ContactPerson = {
  __typename?: 'ContactPerson';
  /** When the record was created. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Who created the record (partner slug, or "seed"). */
  createdBy: Scalars['String']['output'];
  /** E-mail address; null unless you are signed in as a partner. */
  email?: Maybe<Scalars['String']['output']>;
  /** Stable id. */
  id: Scalars['ID']['output'];
  /** Full name. */
  name: Scalars['String']['output'];
  /** The organization the person works for. */
  organization: Organization;
  /** Phone number; null unless you are signed in as a partner. */
  phone?: Maybe<Scalars['String']['output']>;
  /** Role, e.g. "Mitglied im Arbeitskreis". */
  role?: Maybe<Scalars['String']['output']>;
  /** When the record was last changed. */
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Who changed the record last (partner slug, or "seed"). */
  updatedBy: Scalars['String']['output'];
  /** Version for optimistic locking: name the version you read when you change this record. */
  version: Scalars['Int']['output'];
};

/** The result of `createContactPerson` and `updateContactPerson`. */
export type ContactPersonPayload = {
  __typename?: 'ContactPersonPayload';
  /** The contact person as it is now. */
  contactPerson: ContactPerson;
};

/** A new contact person of an organization. */
export type CreateContactPersonInput = {
  /** E-mail address; shown to signed-in partners only. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** Full name: 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** The organization the person works for. */
  organizationId: Scalars['ID']['input'];
  /** Phone number; shown to signed-in partners only. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** Role, e.g. "Mitglied im Arbeitskreis". */
  role?: InputMaybe<Scalars['String']['input']>;
};

/** A new knowledge resource. Its slug is made from the title. */
export type CreateKnowledgeResourceInput = {
  /** The organization that wrote or published it. Default: your own; only an admin of the Münsterland e.V. may name another. */
  authorOrganizationId?: InputMaybe<Scalars['ID']['input']>;
  /** Full text, where it is held here. */
  body?: InputMaybe<Scalars['String']['input']>;
  /** What kind of resource this is. */
  kind: ResourceKind;
  /** Language of the text as a BCP 47 tag, e.g. "de" (new resources: "de" unless given). */
  language?: InputMaybe<Scalars['String']['input']>;
  /** License under which the resource may be reused. */
  license?: InputMaybe<Scalars['String']['input']>;
  /** Projects the resource belongs to or reports on; each must exist. */
  projectIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** When the resource was published. */
  publishedOn?: InputMaybe<Scalars['Date']['input']>;
  /** Who text and images come from ("Quelle für Text und Bild"). */
  sourceAttribution?: InputMaybe<Scalars['String']['input']>;
  /** Short summary of the content; not empty. */
  summary: Scalars['String']['input'];
  /** Title: 1 to 300 characters. */
  title: Scalars['String']['input'];
  /** Topic keys (see `topics`); each must exist. */
  topicKeys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Where the resource can be read or downloaded (https:// or http://). */
  url?: InputMaybe<Scalars['String']['input']>;
};

/** A new project. Its slug is made from the title. */
export type CreateProjectInput = {
  /** Kontakt; replaces the whole block. */
  contact?: InputMaybe<ContactInput>;
  /** Zusammenarbeit seit: a year from 1946 (founding of Nordrhein-Westfalen) to this year. */
  cooperatingSince?: InputMaybe<Scalars['Int']['input']>;
  /** Distinctions, e.g. "Teilnehmer Landespreis Wirtschaftsförderung". */
  distinctions?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Last day of the project period; not before the first. */
  endDate?: InputMaybe<Scalars['Date']['input']>;
  /** Finanzierung, as the profile words it. */
  financing?: InputMaybe<Scalars['String']['input']>;
  /** Ziel: what it aims at. */
  goal?: InputMaybe<Scalars['String']['input']>;
  /** Umsetzung: how it is carried out. */
  implementation?: InputMaybe<Scalars['String']['input']>;
  /** Stichworte. */
  keywords?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Hauptverantwortlich: the lead organization. Default: your own; only an admin of the Münsterland e.V. may name another. */
  leadOrganizationId?: InputMaybe<Scalars['ID']['input']>;
  /** Rechtsform. */
  legalForm?: InputMaybe<Scalars['String']['input']>;
  /** AGS (8 digits) of the municipalities the project covers. */
  municipalityAgs?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Anlass: why the project started. */
  occasion?: InputMaybe<Scalars['String']['input']>;
  /** Sonstige Beteiligte: organizations taking part besides the lead. */
  participants?: InputMaybe<Array<ParticipantInput>>;
  /** Quelle für Text und Bild. */
  sourceAttribution?: InputMaybe<Scalars['String']['input']>;
  /** Where the profile was published (https:// or http://). */
  sourceUrl?: InputMaybe<Scalars['String']['input']>;
  /** First day of the project period. */
  startDate?: InputMaybe<Scalars['Date']['input']>;
  /** Where the project stands (new projects: ACTIVE unless given). */
  status?: InputMaybe<ProjectStatus>;
  /** Short summary; not empty. */
  summary: Scalars['String']['input'];
  /** Title: 1 to 499 characters. */
  title: Scalars['String']['input'];
  /** Topic keys (see `topics`); each must exist. */
  topicKeys?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** The result of `createProject`. */
export type CreateProjectPayload = {
  __typename?: 'CreateProjectPayload';
  /** Existing projects like the new one, most alike first: check them, the caller decides (archive the new one if it is a duplicate). */
  duplicateCandidates: Array<DuplicateCandidate>;
  /** The new project. */
  project: Project;
};

/** A figure with the source and the date it refers to ("Einwohner: 371.898 (IT.NRW, 31.12.2020)"). */
export type DatedFigure = {
  __typename?: 'DatedFigure';
  /** Computed from other figures, e.g. a Kreis total summed from its municipalities. */
  derived: Scalars['Boolean']['output'];
  /** What the figure measures. */
  kind: FigureKind;
  /** Remarks on the figure. */
  note?: Maybe<Scalars['String']['output']>;
  /** The date the figure refers to (Stichtag). */
  referenceDate: Scalars['Date']['output'];
  /** Who published the figure, e.g. "Zensus 2022" or "IT.NRW". */
  source: Scalars['String']['output'];
  /** Where the source can be checked. */
  sourceUrl?: Maybe<Scalars['String']['output']>;
  /** The value: inhabitants, or square kilometres. */
  value: Scalars['Float']['output'];
};

/** How much of one Kreis (or of the kreisfreie Stadt Münster) projects on a topic reach. */
export type DistrictCoverage = {
  __typename?: 'DistrictCoverage';
  /** Its municipalities covered by at least one project on the topic. */
  coveredMunicipalities: Scalars['Int']['output'];
  /** The Kreis, or the kreisfreie Stadt. */
  district: Organization;
  /** Its municipalities. */
  municipalities: Scalars['Int']['output'];
  /** coveredMunicipalities / municipalities, from 0 to 1. */
  municipalityShare: Scalars['Float']['output'];
};

/** Number of projects covering municipalities of one Kreis (or of the kreisfreie Stadt Münster). */
export type DistrictProjectCount = {
  __typename?: 'DistrictProjectCount';
  /** Amtlicher Gemeindeschlüssel of the Kreis (5 digits), the first five digits of its municipalities' AGS. */
  ags: Scalars['String']['output'];
  /** Projects covering at least one of its municipalities. */
  count: Scalars['Int']['output'];
  /** The Kreis (or kreisfreie Stadt) of this AGS; null when none is known. */
  district?: Maybe<Organization>;
};

/** An existing project that may describe the same thing as a new one ("Doppelarbeit vermeiden"). */
export type DuplicateCandidate = {
  __typename?: 'DuplicateCandidate';
  /** The existing project. */
  project: Project;
  /** Why they look alike, e.g. similar titles or shared topics. */
  reasons: Array<Scalars['String']['output']>;
  /** How alike the two are, from 0 (not at all) to 1 (the same). */
  score: Scalars['Float']['output'];
};

/** What a dated figure measures. */
export type FigureKind =
  | 'AREA_KM2'
  | 'POPULATION';

/** One source of a project's financing. */
export type Funding = {
  __typename?: 'Funding';
  /** Amount in euros, where known. */
  amountEur?: Maybe<Scalars['Float']['output']>;
  /** The programme or remark, e.g. "Fördermittel des Landes Nordrhein-Westfalen". */
  description: Scalars['String']['output'];
  /** Who pays. */
  source: FundingSource;
};

/** Who pays: Land NRW, Bund, EU, a Kreis, a municipality, own funds, private or other. */
export type FundingSource =
  | 'BUND'
  | 'EU'
  | 'KOMMUNE'
  | 'KREIS'
  | 'LAND_NRW'
  | 'OTHER'
  | 'OWN_FUNDS'
  | 'PRIVATE';

/** Financing of projects from one kind of source. */
export type FundingSourceSum = {
  __typename?: 'FundingSourceSum';
  /** Sum of the known amounts in euros; null when no amount from this source is known. */
  amountEur?: Maybe<Scalars['Float']['output']>;
  /** Funding entries from this source (with or without amount). */
  count: Scalars['Int']['output'];
  /** Who pays. */
  source: FundingSource;
};

/** One knowledge resource of an import: the fields of `CreateKnowledgeResourceInput` except `authorOrganizationId` (your organization is the author of every imported resource). */
export type ImportKnowledgeResourceRow = {
  /** Full text, where it is held here. */
  body?: InputMaybe<Scalars['String']['input']>;
  /** What kind of resource this is. */
  kind: ResourceKind;
  /** Language of the text as a BCP 47 tag, e.g. "de" (new resources: "de" unless given). */
  language?: InputMaybe<Scalars['String']['input']>;
  /** License under which the resource may be reused. */
  license?: InputMaybe<Scalars['String']['input']>;
  /** Line of the row in the source file (1 = the first line), named by errors; default: the row's position in `rows`. */
  line?: InputMaybe<Scalars['Int']['input']>;
  /** Projects the resource belongs to or reports on; each must exist. */
  projectIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** When the resource was published. */
  publishedOn?: InputMaybe<Scalars['Date']['input']>;
  /** Who text and images come from ("Quelle für Text und Bild"). */
  sourceAttribution?: InputMaybe<Scalars['String']['input']>;
  /** Short summary of the content; not empty. */
  summary: Scalars['String']['input'];
  /** Title: 1 to 300 characters. */
  title: Scalars['String']['input'];
  /** Topic keys (see `topics`); each must exist. */
  topicKeys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Where the resource can be read or downloaded (https:// or http://). */
  url?: InputMaybe<Scalars['String']['input']>;
};

/** Knowledge resources to import in one transaction. */
export type ImportKnowledgeResourcesInput = {
  /** Only check the rows, write nothing (default false). */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** The resources, 1 to 500. */
  rows: Array<ImportKnowledgeResourceRow>;
};

/** The result of `importKnowledgeResources`. */
export type ImportKnowledgeResourcesPayload = {
  __typename?: 'ImportKnowledgeResourcesPayload';
  /** True when the rows were only checked. */
  dryRun: Scalars['Boolean']['output'];
  /** The new resources in the order of the rows; empty on a dry run. */
  knowledgeResources: Array<KnowledgeResource>;
  /** Rows checked, and written unless this was a dry run. */
  rowCount: Scalars['Int']['output'];
};

/** One project of an import: the fields of `CreateProjectInput` except `leadOrganizationId` (your organization leads every imported project). */
export type ImportProjectRow = {
  /** Kontakt; replaces the whole block. */
  contact?: InputMaybe<ContactInput>;
  /** Zusammenarbeit seit: a year from 1946 (founding of Nordrhein-Westfalen) to this year. */
  cooperatingSince?: InputMaybe<Scalars['Int']['input']>;
  /** Distinctions, e.g. "Teilnehmer Landespreis Wirtschaftsförderung". */
  distinctions?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Last day of the project period; not before the first. */
  endDate?: InputMaybe<Scalars['Date']['input']>;
  /** Finanzierung, as the profile words it. */
  financing?: InputMaybe<Scalars['String']['input']>;
  /** Ziel: what it aims at. */
  goal?: InputMaybe<Scalars['String']['input']>;
  /** Umsetzung: how it is carried out. */
  implementation?: InputMaybe<Scalars['String']['input']>;
  /** Stichworte. */
  keywords?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Rechtsform. */
  legalForm?: InputMaybe<Scalars['String']['input']>;
  /** Line of the row in the source file (1 = the first line), named by errors; default: the row's position in `rows`. */
  line?: InputMaybe<Scalars['Int']['input']>;
  /** AGS (8 digits) of the municipalities the project covers. */
  municipalityAgs?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Anlass: why the project started. */
  occasion?: InputMaybe<Scalars['String']['input']>;
  /** Sonstige Beteiligte: organizations taking part besides the lead. */
  participants?: InputMaybe<Array<ParticipantInput>>;
  /** Quelle für Text und Bild. */
  sourceAttribution?: InputMaybe<Scalars['String']['input']>;
  /** Where the profile was published (https:// or http://). */
  sourceUrl?: InputMaybe<Scalars['String']['input']>;
  /** First day of the project period. */
  startDate?: InputMaybe<Scalars['Date']['input']>;
  /** Where the project stands (new projects: ACTIVE unless given). */
  status?: InputMaybe<ProjectStatus>;
  /** Short summary; not empty. */
  summary: Scalars['String']['input'];
  /** Title: 1 to 499 characters. */
  title: Scalars['String']['input'];
  /** Topic keys (see `topics`); each must exist. */
  topicKeys?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Projects to import in one transaction. */
export type ImportProjectsInput = {
  /** Only check the rows, write nothing (default false). */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** The projects, 1 to 500. */
  rows: Array<ImportProjectRow>;
};

/** The result of `importProjects`. */
export type ImportProjectsPayload = {
  __typename?: 'ImportProjectsPayload';
  /** True when the rows were only checked. */
  dryRun: Scalars['Boolean']['output'];
  /** The new projects in the order of the rows; empty on a dry run. */
  projects: Array<Project>;
  /** Rows checked, and written unless this was a dry run. */
  rowCount: Scalars['Int']['output'];
};

/** A document, declaration, best practice, lesson learned, study or meeting record of the region: what partners know and learned, to share it ("voneinander Wissen", "voneinander Lernen"). */
export type KnowledgeResource = {
  __typename?: 'KnowledgeResource';
  /** When the record was archived; archived records are left out of lists. */
  archivedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The organization that wrote or published the resource, where known. */
  author?: Maybe<Organization>;
  /** Full text, where it is held here. */
  body?: Maybe<Scalars['String']['output']>;
  /** When the record was created. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Who created the record (partner slug, or "seed"). */
  createdBy: Scalars['String']['output'];
  /** Stable id. */
  id: Scalars['ID']['output'];
  /** Invented for demonstration, not real data. */
  isSample: Scalars['Boolean']['output'];
  /** What kind of resource this is. */
  kind: ResourceKind;
  /** Language of the text as a BCP 47 tag, e.g. "de". */
  language: Scalars['String']['output'];
  /** License under which the resource may be reused, where known. */
  license?: Maybe<Scalars['String']['output']>;
  /** Projects the resource belongs to or reports on. */
  projects: Array<Project>;
  /** When the resource was published, where known. */
  publishedOn?: Maybe<Scalars['Date']['output']>;
  /** Lowercase ASCII name for URLs, e.g. `muensterland-erklaerung`. */
  slug: Scalars['String']['output'];
  /** Who text and images come from ("Quelle für Text und Bild"). */
  sourceAttribution?: Maybe<Scalars['String']['output']>;
  /** Short summary of the content. */
  summary: Scalars['String']['output'];
  /** Title, e.g. "Münsterland-Erklärung". */
  title: Scalars['String']['output'];
  /** Topics the resource is about. */
  topics: Array<Topic>;
  /** When the record was last changed. */
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Who changed the record last (partner slug, or "seed"). */
  updatedBy: Scalars['String']['output'];
  /** Where the resource can be read or downloaded. */
  url?: Maybe<Scalars['String']['output']>;
  /** Version for optimistic locking: name the version you read when you change this record. */
  version: Scalars['Int']['output'];
};

/** A page of knowledge resources. */
export type KnowledgeResourceConnection = {
  __typename?: 'KnowledgeResourceConnection';
  /** The edges of this page, in the stable order of the list. */
  edges: Array<KnowledgeResourceEdge>;
  /** Where this page stands in the whole list. */
  pageInfo: PageInfo;
  /** Number of items matching the filter, on all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge to a KnowledgeResource; `rank` and `snippet` are set when the list was searched by text. */
export type KnowledgeResourceEdge = {
  __typename?: 'KnowledgeResourceEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The KnowledgeResource. */
  node: KnowledgeResource;
  /** How well the node matches the search text (PostgreSQL ts_rank, higher is better); null without a text filter. */
  rank?: Maybe<Scalars['Float']['output']>;
  /** An excerpt of the node's text around the matches of the search text, HTML-escaped, each match wrapped in `<mark>…</mark>`; null without a text filter. */
  snippet?: Maybe<Scalars['String']['output']>;
};

/** Which knowledge resources to list or count. All conditions must hold. */
export type KnowledgeResourceFilter = {
  /** Authored by the organization of this id. */
  authorOrganizationId?: InputMaybe<Scalars['ID']['input']>;
  /** Include archived resources (default false). */
  includeArchived?: InputMaybe<Scalars['Boolean']['input']>;
  /** Any of these kinds. */
  kind?: InputMaybe<Array<ResourceKind>>;
  /** Written in this language (BCP 47 tag, e.g. "de"). */
  language?: InputMaybe<Scalars['String']['input']>;
  /** Resources changed at or after this instant (harvesting, like OParl's `modified_since`). */
  modifiedSince?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Related to the project of this id. */
  projectId?: InputMaybe<Scalars['ID']['input']>;
  /** Words to search in German in title, summary, full text and attribution, at most 500 characters. Inflected forms match ("Erklärungen" finds "Erklärung"), and so do umlauts and their spellings with e ("Münster", "Muenster"). Web search syntax: "a phrase", `or`, `-excluded`. */
  text?: InputMaybe<Scalars['String']['input']>;
  /** Tagged with the topic of this key, e.g. `regionalentwicklung`. */
  topicKey?: InputMaybe<Scalars['String']['input']>;
  /** Tagged with any of these topic keys. */
  topicKeys?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Orders of a resource list; ties are broken by id, so the order is stable across pages. */
export type KnowledgeResourceOrder =
  /** Most recently added first (the default without `filter.text`). */
  | 'CREATED_AT'
  /** Best match of `filter.text` first (the default when searching); needs `filter.text`. */
  | 'RELEVANCE'
  /** By title, A to Z. */
  | 'TITLE'
  /** Most recently changed first: for harvesting changes with `modifiedSince`. */
  | 'UPDATED_AT';

/** The result of `createKnowledgeResource`, `updateKnowledgeResource` and `archiveKnowledgeResource`. */
export type KnowledgeResourcePayload = {
  __typename?: 'KnowledgeResourcePayload';
  /** The resource as it is now, with its new version. */
  knowledgeResource: KnowledgeResource;
};

/** Figures about the knowledge resources matching a filter, for analysts. Computed in the database. */
export type KnowledgeStatistics = {
  __typename?: 'KnowledgeStatistics';
  /** Resources per kind, most first. */
  byKind: Array<ResourceKindCount>;
  /** Resources per topic, most first; a resource with several topics counts for each. */
  byTopic: Array<ResourceTopicCount>;
  /** Resources matching the filter. */
  totalCount: Scalars['Int']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Adds an organization to a project: its lead adds anyone, an organization may add itself. */
  addParticipant: ParticipantPayload;
  /** Archives a resource your organization authored: it leaves the lists (`includeArchived` shows it) and stays readable by id or slug with `archivedAt`. */
  archiveKnowledgeResource: KnowledgeResourcePayload;
  /** Archives a project your organization leads: it leaves the lists (`includeArchived` shows it) and stays readable by id or slug with `archivedAt`. */
  archiveProject: ArchiveProjectPayload;
  /** Adds a contact person to your organization. */
  createContactPerson: ContactPersonPayload;
  /** Publishes a knowledge resource as your organization (an admin of the Münsterland e.V. may name any author). */
  createKnowledgeResource: KnowledgeResourcePayload;
  /** Creates a project led by your organization (an admin of the Münsterland e.V. may name any lead) and lists existing projects that look like it. */
  createProject: CreateProjectPayload;
  /** Publishes many knowledge resources as your organization in one transaction: every row is checked as `createKnowledgeResource` checks its input, and if any row fails, nothing is written and the error names every bad row (`extensions.rows`: line, field, message). */
  importKnowledgeResources: ImportKnowledgeResourcesPayload;
  /** Creates many projects led by your organization in one transaction: every row is checked as `createProject` checks its input, and if any row fails, nothing is written and the error names every bad row (`extensions.rows`: line, field, message). No duplicate check: ask `similarProjects` beforehand. */
  importProjects: ImportProjectsPayload;
  /** Removes a contact person of your organization, with all their personal data. Name the version you read. */
  removeContactPerson: RemoveContactPersonPayload;
  /** Ends a participation: the project's lead ends any, an organization its own. */
  removeParticipant: RemoveParticipantPayload;
  /** Changes a contact person of your organization. Name the version you read. */
  updateContactPerson: ContactPersonPayload;
  /** Changes a resource your organization authored. Name the version you read: a stale one gets CONFLICT. */
  updateKnowledgeResource: KnowledgeResourcePayload;
  /** Changes your organization's contact data: description, website, e-mail, phone, address. Name the version you read: a stale one gets CONFLICT. */
  updateOrganization: UpdateOrganizationPayload;
  /** Changes the role or note of a participation: the project's lead changes any, an organization its own. */
  updateParticipant: ParticipantPayload;
  /** Changes a project your organization leads. Name the version you read: a stale one gets CONFLICT. */
  updateProject: UpdateProjectPayload;
};


export type MutationAddParticipantArgs = {
  input: AddParticipantInput;
};


export type MutationArchiveKnowledgeResourceArgs = {
  input: ArchiveKnowledgeResourceInput;
};


export type MutationArchiveProjectArgs = {
  input: ArchiveProjectInput;
};


export type MutationCreateContactPersonArgs = {
  input: CreateContactPersonInput;
};


export type MutationCreateKnowledgeResourceArgs = {
  input: CreateKnowledgeResourceInput;
};


export type MutationCreateProjectArgs = {
  input: CreateProjectInput;
};


export type MutationImportKnowledgeResourcesArgs = {
  input: ImportKnowledgeResourcesInput;
};


export type MutationImportProjectsArgs = {
  input: ImportProjectsInput;
};


export type MutationRemoveContactPersonArgs = {
  input: RemoveContactPersonInput;
};


export type MutationRemoveParticipantArgs = {
  input: RemoveParticipantInput;
};


export type MutationUpdateContactPersonArgs = {
  input: UpdateContactPersonInput;
};


export type MutationUpdateKnowledgeResourceArgs = {
  input: UpdateKnowledgeResourceInput;
};


export type MutationUpdateOrganizationArgs = {
  input: UpdateOrganizationInput;
};


export type MutationUpdateParticipantArgs = {
  input: UpdateParticipantInput;
};


export type MutationUpdateProjectArgs = {
  input: UpdateProjectInput;
};

/** A Land, Regierungsbezirk, Kreis, city, municipality, association or other partner of the region. */
export type Organization = {
  __typename?: 'Organization';
  /** Postal address, where known. */
  address?: Maybe<Address>;
  /** Amtlicher Gemeindeschlüssel (8 digits; 5 for a Kreis), where one exists. */
  ags?: Maybe<Scalars['String']['output']>;
  /** When the record was archived; archived records are left out of lists. */
  archivedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Area in square kilometres, from the most recent area figure. */
  areaKm2?: Maybe<Scalars['Float']['output']>;
  /** Bodies that belong to this one, e.g. the municipalities of a Kreis, in name order. */
  children: Array<Organization>;
  /** When the record was created. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Who created the record (partner slug, or "seed"). */
  createdBy: Scalars['String']['output'];
  /** What the organization does. */
  description?: Maybe<Scalars['String']['output']>;
  /** General e-mail address of the organization (not a person's). */
  email?: Maybe<Scalars['String']['output']>;
  /** Every figure known for this organization, newest first: several sources may stand side by side. */
  figures: Array<DatedFigure>;
  /** Stable id. */
  id: Scalars['ID']['output'];
  /** Invented for demonstration, not real data. */
  isSample: Scalars['Boolean']['output'];
  /** What kind of body this is. */
  kind: OrganizationKind;
  /** Common name, e.g. "Kreis Borken", "Gescher". */
  name: Scalars['String']['output'];
  /** Official name in the municipal register, e.g. "Gescher, Glockenstadt". */
  officialName?: Maybe<Scalars['String']['output']>;
  /** The body this one belongs to: a municipality's Kreis, a Kreis's Regierungsbezirk. */
  parent?: Maybe<Organization>;
  /** Projects this organization takes part in besides leading, with its role. Null when the projects subgraph is unavailable. */
  participations?: Maybe<Array<Participant>>;
  /** Contact persons and Arbeitskreis members of this organization. */
  people: Array<ContactPerson>;
  /** General phone number of the organization. */
  phone?: Maybe<Scalars['String']['output']>;
  /** The most recent population figure, with its source and reference date. */
  population?: Maybe<DatedFigure>;
  /** Projects this organization leads (Hauptverantwortlich), in title order. Null when the projects subgraph is unavailable. */
  projects?: Maybe<Array<Project>>;
  /** Knowledge resources this organization authored, most recently added first; archived ones are left out. Null when the knowledge subgraph is unavailable. */
  resources?: Maybe<KnowledgeResourceConnection>;
  /** Lowercase ASCII name for URLs, e.g. `kreis-borken`, `stadt-muenster`. */
  slug: Scalars['String']['output'];
  /** When the record was last changed. */
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Who changed the record last (partner slug, or "seed"). */
  updatedBy: Scalars['String']['output'];
  /** Version for optimistic locking: name the version you read when you change this record. */
  version: Scalars['Int']['output'];
  /** Website. */
  website?: Maybe<Scalars['String']['output']>;
};


/** A Land, Regierungsbezirk, Kreis, city, municipality, association or other partner of the region. */
export type OrganizationResourcesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of organizations. */
export type OrganizationConnection = {
  __typename?: 'OrganizationConnection';
  /** The edges of this page, in the stable order of the list. */
  edges: Array<OrganizationEdge>;
  /** Where this page stands in the whole list. */
  pageInfo: PageInfo;
  /** Number of items matching the filter, on all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge to a Organization. */
export type OrganizationEdge = {
  __typename?: 'OrganizationEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The Organization. */
  node: Organization;
};

/** What an organization has done on a topic: experience to ask for ("voneinander Lernen"). */
export type OrganizationExperience = {
  __typename?: 'OrganizationExperience';
  /** The organization. */
  organization: Organization;
  /** All its projects on the topic. */
  projects: Scalars['Int']['output'];
  /** Projects on the topic it takes or took part in besides leading (Sonstige Beteiligte). */
  projectsJoined: Scalars['Int']['output'];
  /** Projects on the topic it leads or led (Hauptverantwortlich). */
  projectsLed: Scalars['Int']['output'];
};

/** Which organizations to list. All conditions must hold. */
export type OrganizationFilter = {
  /** Include archived organizations (default false). */
  includeArchived?: InputMaybe<Scalars['Boolean']['input']>;
  /** Any of these kinds. */
  kind?: InputMaybe<Array<OrganizationKind>>;
  /** Name contains this text (case-insensitive). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Direct children of the organization with this AGS, e.g. "05554" for the municipalities of Kreis Borken. */
  parentAgs?: InputMaybe<Scalars['String']['input']>;
};

/** What kind of body an organization is, from the Land down to a Gemeinde or a Verein. */
export type OrganizationKind =
  | 'GEMEINDE'
  | 'KREIS'
  | 'KREISFREIE_STADT'
  | 'LAND'
  | 'OTHER'
  | 'REGIERUNGSBEZIRK'
  | 'STADT'
  | 'VEREIN';

/** Relay page information of a connection. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge; pass it as `after` for the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether a page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether a page precedes this one. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first edge of this page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** An organization's part in a project. */
export type Participant = {
  __typename?: 'Participant';
  /** When the record was created. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Who created the record (partner slug, or "seed"). */
  createdBy: Scalars['String']['output'];
  /** Stable id of the participation; name it to change or end it. */
  id: Scalars['ID']['output'];
  /** Remarks, e.g. which Ortsteile take part. */
  note?: Maybe<Scalars['String']['output']>;
  /** The organization taking part; null when the organizations subgraph is unavailable. */
  organization?: Maybe<Organization>;
  /** The project it takes part in. */
  project: Project;
  /** How it takes part. */
  role: ParticipationRole;
  /** When the record was last changed. */
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Who changed the record last (partner slug, or "seed"). */
  updatedBy: Scalars['String']['output'];
  /** Version for optimistic locking: name the version you read when you change this record. */
  version: Scalars['Int']['output'];
};

/** An organization taking part in a new project besides its lead. */
export type ParticipantInput = {
  /** Remarks, e.g. which Ortsteile take part. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** The organization taking part. */
  organizationId: Scalars['ID']['input'];
  /** How it takes part. */
  role: ParticipationRole;
};

/** The result of `addParticipant` and `updateParticipant`. */
export type ParticipantPayload = {
  __typename?: 'ParticipantPayload';
  /** The participation as it is now. */
  participant: Participant;
};

/** How an organization takes part besides the lead: PARTNER (project partner), MEMBER (member municipality, e.g. of a LEADER region), SUPPORTER. */
export type ParticipationRole =
  | 'MEMBER'
  | 'PARTNER'
  | 'SUPPORTER';

/** A project, process or initiative of the region, in the shape of the cooperation's profile. */
export type Project = {
  __typename?: 'Project';
  /** When the project was archived; archived projects are left out of lists. */
  archivedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Kontakt. */
  contact: Contact;
  /** Zusammenarbeit seit: the year the cooperation began. */
  cooperatingSince?: Maybe<Scalars['Int']['output']>;
  /** When the record was created. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Who created the record (partner slug, or "seed"). */
  createdBy: Scalars['String']['output'];
  /** Distinctions, e.g. "Teilnehmer Landespreis Wirtschaftsförderung". */
  distinctions: Array<Scalars['String']['output']>;
  /** Last day of the project period (or of its funding). */
  endDate?: Maybe<Scalars['Date']['output']>;
  /** Finanzierung, as the profile words it; see `funding` for sources and amounts. */
  financing?: Maybe<Scalars['String']['output']>;
  /** Sources of the financing, with amounts where known. */
  funding: Array<Funding>;
  /** Ziel: what it aims at. */
  goal?: Maybe<Scalars['String']['output']>;
  /** Stable id. */
  id: Scalars['ID']['output'];
  /** Umsetzung: how it is carried out. */
  implementation?: Maybe<Scalars['String']['output']>;
  /** Invented for demonstration, not real data. */
  isSample: Scalars['Boolean']['output'];
  /** Stichworte. */
  keywords: Array<Scalars['String']['output']>;
  /** Hauptverantwortlich: the organization that leads the project. */
  lead?: Maybe<Organization>;
  /** Rechtsform. */
  legalForm?: Maybe<Scalars['String']['output']>;
  /** AGS of the municipalities the project covers. */
  municipalityAgs: Array<Scalars['String']['output']>;
  /** Anlass: why the project started. */
  occasion?: Maybe<Scalars['String']['output']>;
  /** Sonstige Beteiligte: the organizations taking part besides the lead. */
  participants: Array<Participant>;
  /** The profile sheet as PDF ("Diese Übersicht als PDF herunterladen"), served by the gateway; the same path with `.html` gives it as a web page. */
  profileUrl: Scalars['String']['output'];
  /** Knowledge resources to learn from for this project ("voneinander Lernen"): those sharing its topics or matching its Stichworte, most shared topics and best keyword match first; its own resources and archived ones are left out. */
  recommendedResources?: Maybe<Array<KnowledgeResource>>;
  /** Knowledge resources related to this project, newest publication first (undated last), then by title; archived ones are left out. Null when the knowledge subgraph is unavailable. */
  resources?: Maybe<Array<KnowledgeResource>>;
  /** Lowercase ASCII name for URLs. */
  slug: Scalars['String']['output'];
  /** Quelle für Text und Bild. */
  sourceAttribution?: Maybe<Scalars['String']['output']>;
  /** Where the profile was published. */
  sourceUrl?: Maybe<Scalars['String']['output']>;
  /** First day of the project period. */
  startDate?: Maybe<Scalars['Date']['output']>;
  /** Where the project stands. */
  status: ProjectStatus;
  /** Short summary. */
  summary: Scalars['String']['output'];
  /** Title. */
  title: Scalars['String']['output'];
  /** The topics of the project. */
  topics: Array<Topic>;
  /** When the record was last changed. */
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Who changed the record last (partner slug, or "seed"). */
  updatedBy: Scalars['String']['output'];
  /** Version for optimistic locking: name the version you read when you change this record. */
  version: Scalars['Int']['output'];
};


/** A project, process or initiative of the region, in the shape of the cooperation's profile. */
export type ProjectRecommendedResourcesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of projects. */
export type ProjectConnection = {
  __typename?: 'ProjectConnection';
  /** The edges of this page, in the stable order of the list. */
  edges: Array<ProjectEdge>;
  /** Where this page stands in the whole list. */
  pageInfo: PageInfo;
  /** Number of items matching the filter, on all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A project not yet created, to check for duplicates ("Doppelarbeit vermeiden") before creating it. */
export type ProjectDraftInput = {
  /** Planned short summary. */
  summary?: InputMaybe<Scalars['String']['input']>;
  /** Planned title. */
  title: Scalars['String']['input'];
  /** Planned topic keys. */
  topicKeys?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** An edge to a Project; `rank` and `snippet` are set when the list was searched by text. */
export type ProjectEdge = {
  __typename?: 'ProjectEdge';
  /** Opaque cursor of this edge. */
  cursor: Scalars['String']['output'];
  /** The Project. */
  node: Project;
  /** How well the node matches the search text (PostgreSQL ts_rank, higher is better); null without a text filter. */
  rank?: Maybe<Scalars['Float']['output']>;
  /** An excerpt of the node's text around the matches of the search text, HTML-escaped, each match wrapped in `<mark>…</mark>`; null without a text filter. */
  snippet?: Maybe<Scalars['String']['output']>;
};

/** Which projects to list or count. All conditions must hold. */
export type ProjectFilter = {
  /** Projects running on this day: start date on or before it, end date on or after it; a missing start or end date counts as open. */
  activeOn?: InputMaybe<Scalars['Date']['input']>;
  /** Projects covering this area, by Amtlicher Gemeindeschlüssel: 8 digits for a municipality, 5 for a Kreis or kreisfreie Stadt. A Kreis matches the projects of any of its municipalities. */
  ags?: InputMaybe<Scalars['String']['input']>;
  /** Projects created at or after this instant. */
  createdSince?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Include archived projects (default false). */
  includeArchived?: InputMaybe<Scalars['Boolean']['input']>;
  /** Projects changed at or after this instant (harvesting, like OParl's `modified_since`). */
  modifiedSince?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Projects this organization leads (Hauptverantwortlich) or takes part in (Sonstige Beteiligte). */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  /** Any of these statuses. */
  status?: InputMaybe<Array<ProjectStatus>>;
  /** Words to search in German in title, summary, Stichworte, Anlass, Ziel, Umsetzung and Finanzierung, at most 500 characters. Inflected forms match ("Kooperationen" finds "Kooperation"), and so do umlauts and their spellings with e ("Münster", "Muenster"). Web search syntax: "a phrase", `or`, `-excluded`. */
  text?: InputMaybe<Scalars['String']['input']>;
  /** Projects on any of these topics (keys, e.g. `leader`). */
  topicKeys?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Orders of a project list; ties are broken by id, so the order is stable across pages. */
export type ProjectOrder =
  /** Most recently created first. */
  | 'CREATED_AT'
  /** Best match of `filter.text` first (the default when searching); needs `filter.text`. */
  | 'RELEVANCE'
  /** By title, A to Z (the default without `filter.text`). */
  | 'TITLE'
  /** Most recently changed first: for harvesting changes with `modifiedSince`. */
  | 'UPDATED_AT';

/** Figures about the projects matching a filter, for analysts. Computed in the database, however many projects match. */
export type ProjectStatistics = {
  __typename?: 'ProjectStatistics';
  /** Projects per Kreis (and kreisfreie Stadt) they cover, most first; a project covering several counts for each. */
  byDistrict: Array<DistrictProjectCount>;
  /** Projects per status, most first. */
  byStatus: Array<ProjectStatusCount>;
  /** Projects per topic, most first; a project with several topics counts for each. */
  byTopic: Array<ProjectTopicCount>;
  /** Financing per source, the largest known sum first. */
  fundingBySource: Array<FundingSourceSum>;
  /** Projects matching the filter. */
  totalCount: Scalars['Int']['output'];
};

/** Where a project stands. */
export type ProjectStatus =
  | 'ACTIVE'
  | 'COMPLETED'
  | 'PLANNED';

/** Number of projects in one status. */
export type ProjectStatusCount = {
  __typename?: 'ProjectStatusCount';
  /** Projects in it. */
  count: Scalars['Int']['output'];
  /** The status. */
  status: ProjectStatus;
};

/** Number of projects on one topic. */
export type ProjectTopicCount = {
  __typename?: 'ProjectTopicCount';
  /** Projects on it. */
  count: Scalars['Int']['output'];
  /** The topic. */
  topic: Topic;
};

export type Query = {
  __typename?: 'Query';
  /** One knowledge resource by exactly one of id or slug; null when none matches. */
  knowledgeResource?: Maybe<KnowledgeResource>;
  /** Knowledge resources matching the filter, searched in German by `filter.text`; most recently added first, or best match first when searching. At most 500 per page. */
  knowledgeResources: KnowledgeResourceConnection;
  /** Figures about the knowledge resources matching a filter (the same filter as `knowledgeResources`): counts by kind and topic. Computed in SQL. */
  knowledgeStatistics: KnowledgeStatistics;
  /** One organization by exactly one of id, slug or AGS; null when none matches. */
  organization?: Maybe<Organization>;
  /** Organizations in name order. */
  organizations: OrganizationConnection;
  /** One project by exactly one of id or slug; null when none matches. */
  project?: Maybe<Project>;
  /** Figures about the projects matching a filter (the same filter as `projects`): counts by topic, status and Kreis, financing by source. Computed in SQL. */
  projectStatistics: ProjectStatistics;
  /** Projects matching the filter, searched in German by `filter.text`; by title, or best match first when searching. At most 500 per page. */
  projects: ProjectConnection;
  /** Duplicate check ("Doppelarbeit vermeiden"): existing projects most similar to a project or to a planned one, best first, each with a score and reasons. Give exactly one of projectId or draft. */
  similarProjects: Array<SimilarProject>;
  /** One topic by key; null when none matches. */
  topic?: Maybe<Topic>;
  /** Coverage ("Flächendeckung") of the Münsterland's 66 municipalities by the projects on a topic; null when no topic has this key. */
  topicCoverage?: Maybe<TopicCoverage>;
  /** All topics, in name order. */
  topics: Array<Topic>;
};


export type QueryKnowledgeResourceArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryKnowledgeResourcesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<KnowledgeResourceFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<KnowledgeResourceOrder>;
};


export type QueryKnowledgeStatisticsArgs = {
  filter?: InputMaybe<KnowledgeResourceFilter>;
};


export type QueryOrganizationArgs = {
  ags?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryOrganizationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrganizationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryProjectArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryProjectStatisticsArgs = {
  filter?: InputMaybe<ProjectFilter>;
};


export type QueryProjectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProjectFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ProjectOrder>;
};


export type QuerySimilarProjectsArgs = {
  draft?: InputMaybe<ProjectDraftInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
  projectId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryTopicArgs = {
  key: Scalars['String']['input'];
};


export type QueryTopicCoverageArgs = {
  topicKey: Scalars['String']['input'];
};

/** The contact person to remove and the version you read. */
export type RemoveContactPersonInput = {
  /** The contact person to remove. */
  id: Scalars['ID']['input'];
  /** The version you read. */
  version: Scalars['Int']['input'];
};

/** The result of `removeContactPerson`. */
export type RemoveContactPersonPayload = {
  __typename?: 'RemoveContactPersonPayload';
  /** The organization the person belonged to. */
  organization: Organization;
  /** Id of the contact person removed. */
  removedContactPersonId: Scalars['ID']['output'];
};

/** The participation to end and the version you read. */
export type RemoveParticipantInput = {
  /** The participation (`Participant.id`). */
  id: Scalars['ID']['input'];
  /** The version you read. */
  version: Scalars['Int']['input'];
};

/** The result of `removeParticipant`. */
export type RemoveParticipantPayload = {
  __typename?: 'RemoveParticipantPayload';
  /** The project it belonged to. */
  project: Project;
  /** Id of the participation that ended. */
  removedParticipantId: Scalars['ID']['output'];
};

/** What kind of knowledge a resource holds. */
export type ResourceKind =
  /** An approach that worked and is worth copying. */
  | 'BEST_PRACTICE'
  /** A joint declaration of partners, e.g. the "Münsterland-Erklärung". */
  | 'DECLARATION'
  /** A document such as a report, a concept or a presentation. */
  | 'DOCUMENT'
  /** Experience from a project: what went well, what did not. */
  | 'LESSON_LEARNED'
  /** Minutes or results of a meeting, e.g. of the Arbeitskreis. */
  | 'MEETING_RECORD'
  /** A study, analysis or evaluation. */
  | 'STUDY';

/** Number of knowledge resources of one kind. */
export type ResourceKindCount = {
  __typename?: 'ResourceKindCount';
  /** Resources of it. */
  count: Scalars['Int']['output'];
  /** The kind. */
  kind: ResourceKind;
};

/** Number of knowledge resources on one topic. */
export type ResourceTopicCount = {
  __typename?: 'ResourceTopicCount';
  /** Resources on it. */
  count: Scalars['Int']['output'];
  /** The topic (from the projects subgraph). */
  topic: Topic;
};

/** An existing project that looks like the one asked about: a possible duplicate ("Doppelarbeit"). */
export type SimilarProject = {
  __typename?: 'SimilarProject';
  /** The existing project. */
  project: Project;
  /** Why it looks similar, in words, e.g. "title similar (0.82)", "2 shared topics (leader, regionalentwicklung)". */
  reasons: Array<Scalars['String']['output']>;
  /** How similar, from 0 (not at all) to 1 (the same): title similarity counts most, then summary similarity and shared topics. */
  score: Scalars['Float']['output'];
};

/** A theme the partners work on together; projects and resources name topics by key. */
export type Topic = {
  __typename?: 'Topic';
  /** What the topic covers. */
  description?: Maybe<Scalars['String']['output']>;
  /** Organizations that led or joined projects on this topic, most projects first: whom to ask about it ("voneinander Lernen"). Archived projects do not count. */
  experiencedOrganizations: Array<OrganizationExperience>;
  /** Stable lowercase key, e.g. `leader`. */
  key: Scalars['String']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
};

/** Which municipalities and Kreise of the Münsterland take part in projects on a topic, and which do not ("Flächendeckung"). */
export type TopicCoverage = {
  __typename?: 'TopicCoverage';
  /** Kreise (and the kreisfreie Stadt Münster) with at least one covered municipality. */
  coveredDistricts: Array<Organization>;
  /** Municipalities that at least one project on the topic covers, in AGS order. */
  coveredMunicipalities: Array<Organization>;
  /** Inhabitants of the covered municipalities, by the figures of `populationReferenceDate`. */
  coveredPopulation?: Maybe<Scalars['Float']['output']>;
  /** Coverage per Kreis (and of the kreisfreie Stadt Münster), in AGS order. */
  districts: Array<DistrictCoverage>;
  /** All municipalities of the region (the kreisfreie Stadt Münster and the municipalities of the four Kreise), in AGS order, with their population figures. */
  municipalities: Array<Organization>;
  /** Share of the region's municipalities covered, from 0 to 1. */
  municipalityShare: Scalars['Float']['output'];
  /** Reference date (Stichtag) of the population figures behind `populationShare`. */
  populationReferenceDate?: Maybe<Scalars['Date']['output']>;
  /** Share of the region's inhabitants living in covered municipalities, from 0 to 1, by the population figures of `populationReferenceDate`; null when the figures are missing or of different dates. */
  populationShare?: Maybe<Scalars['Float']['output']>;
  /** The topic. */
  topic: Topic;
  /** Key of the topic. */
  topicKey: Scalars['String']['output'];
  /** Municipalities that no project on the topic covers, in AGS order: where the topic has yet to reach. */
  uncoveredMunicipalities: Array<Organization>;
};

/** Changes to a contact person. Fields left out stay as they are; null clears. */
export type UpdateContactPersonInput = {
  /** E-mail address; shown to signed-in partners only. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** The contact person to change. */
  id: Scalars['ID']['input'];
  /** Full name: 1 to 200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Phone number; shown to signed-in partners only. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** Role, e.g. "Mitglied im Arbeitskreis". */
  role?: InputMaybe<Scalars['String']['input']>;
  /** The version you read. */
  version: Scalars['Int']['input'];
};

/** Changes to a knowledge resource. Fields left out stay as they are. */
export type UpdateKnowledgeResourceInput = {
  /** Full text, where it is held here. */
  body?: InputMaybe<Scalars['String']['input']>;
  /** The resource to change. */
  id: Scalars['ID']['input'];
  /** What kind of resource this is. */
  kind?: InputMaybe<ResourceKind>;
  /** Language of the text as a BCP 47 tag, e.g. "de" (new resources: "de" unless given). */
  language?: InputMaybe<Scalars['String']['input']>;
  /** License under which the resource may be reused. */
  license?: InputMaybe<Scalars['String']['input']>;
  /** Projects the resource belongs to or reports on; each must exist. */
  projectIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** When the resource was published. */
  publishedOn?: InputMaybe<Scalars['Date']['input']>;
  /** Who text and images come from ("Quelle für Text und Bild"). */
  sourceAttribution?: InputMaybe<Scalars['String']['input']>;
  /** New summary; not empty. */
  summary?: InputMaybe<Scalars['String']['input']>;
  /** New title: 1 to 300 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** Topic keys (see `topics`); each must exist. */
  topicKeys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Where the resource can be read or downloaded (https:// or http://). */
  url?: InputMaybe<Scalars['String']['input']>;
  /** The version you read; a stale one gets CONFLICT with the current version. */
  version: Scalars['Int']['input'];
};

/** Changes to an organization's contact data. Fields left out stay as they are; null clears. */
export type UpdateOrganizationInput = {
  /** Postal address; replaces the whole address, null clears it. */
  address?: InputMaybe<AddressInput>;
  /** What the organization does. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** General e-mail address of the organization (not a person's). */
  email?: InputMaybe<Scalars['String']['input']>;
  /** The organization to change. */
  id: Scalars['ID']['input'];
  /** General phone number of the organization. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** The version you read; a stale one gets CONFLICT with the current version. */
  version: Scalars['Int']['input'];
  /** Website, starting with https:// or http://. */
  website?: InputMaybe<Scalars['String']['input']>;
};

/** The result of `updateOrganization`. */
export type UpdateOrganizationPayload = {
  __typename?: 'UpdateOrganizationPayload';
  /** The organization as it is now, with its new version. */
  organization: Organization;
};

/** Changes to a participation. Fields left out stay as they are. */
export type UpdateParticipantInput = {
  /** The participation (`Participant.id`). */
  id: Scalars['ID']['input'];
  /** Remarks; null clears them. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** How it takes part. */
  role?: InputMaybe<ParticipationRole>;
  /** The version you read. */
  version: Scalars['Int']['input'];
};

/** Changes to a project. Fields left out stay as they are. */
export type UpdateProjectInput = {
  /** Kontakt; replaces the whole block. */
  contact?: InputMaybe<ContactInput>;
  /** Zusammenarbeit seit: a year from 1946 (founding of Nordrhein-Westfalen) to this year. */
  cooperatingSince?: InputMaybe<Scalars['Int']['input']>;
  /** Distinctions, e.g. "Teilnehmer Landespreis Wirtschaftsförderung". */
  distinctions?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Last day of the project period; not before the first. */
  endDate?: InputMaybe<Scalars['Date']['input']>;
  /** Finanzierung, as the profile words it. */
  financing?: InputMaybe<Scalars['String']['input']>;
  /** Ziel: what it aims at. */
  goal?: InputMaybe<Scalars['String']['input']>;
  /** The project to change. */
  id: Scalars['ID']['input'];
  /** Umsetzung: how it is carried out. */
  implementation?: InputMaybe<Scalars['String']['input']>;
  /** Stichworte. */
  keywords?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Hand the project over to another lead organization. */
  leadOrganizationId?: InputMaybe<Scalars['ID']['input']>;
  /** Rechtsform. */
  legalForm?: InputMaybe<Scalars['String']['input']>;
  /** AGS (8 digits) of the municipalities the project covers. */
  municipalityAgs?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Anlass: why the project started. */
  occasion?: InputMaybe<Scalars['String']['input']>;
  /** Quelle für Text und Bild. */
  sourceAttribution?: InputMaybe<Scalars['String']['input']>;
  /** Where the profile was published (https:// or http://). */
  sourceUrl?: InputMaybe<Scalars['String']['input']>;
  /** First day of the project period. */
  startDate?: InputMaybe<Scalars['Date']['input']>;
  /** Where the project stands (new projects: ACTIVE unless given). */
  status?: InputMaybe<ProjectStatus>;
  /** New summary; not empty. */
  summary?: InputMaybe<Scalars['String']['input']>;
  /** New title: 1 to 499 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** Topic keys (see `topics`); each must exist. */
  topicKeys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The version you read; a stale one gets CONFLICT with the current version. */
  version: Scalars['Int']['input'];
};

/** The result of `updateProject`. */
export type UpdateProjectPayload = {
  __typename?: 'UpdateProjectPayload';
  /** The project as it is now, with its new version. */
  project: Project;
};
