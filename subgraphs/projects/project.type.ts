import { AuditedRecord } from '../toolkit/audited.type.js';
import { Connection } from '../toolkit/connection.js';
import { CONTACT_FIELDS, contactFields, type ContactBlock } from '../toolkit/contact.js';
import { Directive, Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { SearchableConnection } from '../toolkit/search-connection.js';
import { FundingSource } from './funding.entity.js';
import { ParticipationRole } from './participation.entity.js';
import { ProjectStatus } from './project.entity.js';
import { describeEnum } from '../toolkit/enums.js';

describeEnum(ProjectStatus, 'ProjectStatus', 'Where a project stands.', {
  PLANNED: 'Agreed or prepared, not yet started.',
  ACTIVE: 'Running now.',
  COMPLETED: 'Finished; kept for "voneinander Lernen".',
});
describeEnum(FundingSource, 'FundingSource', 'Who pays: Land NRW, Bund, EU, a Kreis, a municipality, own funds, private or other.', {
  LAND_NRW: 'The Land Nordrhein-Westfalen (e.g. regional development programmes).',
  BUND: 'The Federal Republic (Bund).',
  EU: 'The European Union (e.g. LEADER, EFRE, Interreg).',
  KREIS: 'A Kreis.',
  KOMMUNE: 'A city or municipality.',
  OWN_FUNDS: 'The partners\' own funds (Eigenmittel).',
  PRIVATE: 'Private money: companies, foundations, sponsors.',
  OTHER: 'Any other source, named in the funding note.',
});
describeEnum(ParticipationRole, 'ParticipationRole', 'How an organization takes part besides the lead: PARTNER (project partner), MEMBER (member municipality, e.g. of a LEADER region), SUPPORTER.', {
  PARTNER: 'A project partner sharing the work ("Sonstige Beteiligte").',
  MEMBER: 'A member, e.g. a municipality of a LEADER region.',
  SUPPORTER: 'Supports the project without sharing the work.',
});

/** `DatedFigure` of the organizations subgraph, as far as topic coverage requires it. */
@ObjectType('DatedFigure')
export class DatedFigureReference {
  @Directive('@external')
  @Field(() => Float)
  value!: number;

  @Directive('@external')
  @Field(() => Date)
  referenceDate!: string;
}

/** `Organization` is owned by the organizations subgraph; this subgraph adds projects to it. */
@Directive('@key(fields: "id")')
// No description here: the owning subgraph's description is the one in the supergraph.
@ObjectType('Organization')
export class OrganizationReference {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  // Owned by the organizations subgraph; arrive only where a field @requires them (TopicCoverage).
  @Directive('@external')
  @Field(() => String, { nullable: true })
  ags?: string | null;

  @Directive('@external')
  @Field(() => OrganizationReference, { nullable: true })
  parent?: OrganizationReference | null;

  @Directive('@external')
  @Field(() => DatedFigureReference, { nullable: true })
  population?: DatedFigureReference | null;
}

@ObjectType({ description: 'The "Kontakt" block of a profile.' })
export class Contact {}
export interface Contact extends ContactBlock {}
contactFields(Contact, CONTACT_FIELDS);

@ObjectType({ description: 'One source of a project\'s financing.' })
export class Funding {
  @Field(() => FundingSource, { description: 'Who pays.' })
  source!: FundingSource;

  @Field(() => String, { description: 'The programme or remark, e.g. "Fördermittel des Landes Nordrhein-Westfalen".' })
  description!: string;

  @Field(() => Float, { nullable: true, description: 'Amount in euros, where known.' })
  amountEur?: number | null;
}

@Directive('@key(fields: "key")')
@ObjectType({ description: 'A theme the partners work on together; projects and resources name topics by key.' })
export class Topic {
  @Field(() => String, { description: 'Stable lowercase key, e.g. `leader`.' })
  key!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the topic covers.' })
  description?: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A project, process or initiative of the region, in the shape of the cooperation\'s profile.' })
export class Project extends AuditedRecord {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => String, { description: 'Lowercase ASCII name for URLs.' })
  slug!: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => String, { description: 'Short summary.' })
  summary!: string;

  @Field(() => [String], { description: 'Stichworte.' })
  keywords!: string[];

  @Field(() => String, { nullable: true, description: 'Anlass: why the project started.' })
  occasion?: string | null;

  @Field(() => String, { nullable: true, description: 'Ziel: what it aims at.' })
  goal?: string | null;

  @Field(() => String, { nullable: true, description: 'Umsetzung: how it is carried out.' })
  implementation?: string | null;

  @Field(() => String, { nullable: true, description: 'Finanzierung, as the profile words it; see `funding` for sources and amounts.' })
  financing?: string | null;

  @Field(() => String, { nullable: true, description: 'Rechtsform.' })
  legalForm?: string | null;

  @Field(() => Int, { nullable: true, description: 'Zusammenarbeit seit: the year the cooperation began.' })
  cooperatingSince?: number | null;

  @Field(() => ProjectStatus, { description: 'Where the project stands.' })
  status!: ProjectStatus;

  @Field(() => Date, { nullable: true, description: 'First day of the project period.' })
  startDate?: string | null;

  @Field(() => Date, { nullable: true, description: 'Last day of the project period (or of its funding).' })
  endDate?: string | null;

  @Field(() => Contact, { description: 'Kontakt.' })
  contact!: Contact;

  @Field(() => [String], { description: 'Distinctions, e.g. "Teilnehmer Landespreis Wirtschaftsförderung".' })
  distinctions!: string[];

  @Field(() => [String], { description: 'AGS of the municipalities the project covers.' })
  municipalityAgs!: string[];

  @Field(() => String, { nullable: true, description: 'Quelle für Text und Bild.' })
  sourceAttribution?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the profile was published.' })
  sourceUrl?: string | null;

  @Field(() => Boolean, { description: 'Invented for demonstration, not real data.' })
  isSample!: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the project was archived; archived projects are left out of lists.' })
  archivedAt?: Date | null;
}

@ObjectType({ description: 'An organization\'s part in a project.' })
export class Participant extends AuditedRecord {
  @Field(() => ID, { description: 'Stable id of the participation; name it to change or end it.' })
  id!: string;

  @Field(() => ParticipationRole, { description: 'How it takes part.' })
  role!: ParticipationRole;

  @Field(() => String, { nullable: true, description: 'Remarks, e.g. which Ortsteile take part.' })
  note?: string | null;
}

@ObjectType({ description: 'A page of projects.' })
export class ProjectConnection extends SearchableConnection(Project) {}

@ObjectType({ description: 'An existing project that looks like the one asked about: a possible duplicate ("Doppelarbeit").' })
export class SimilarProject {
  @Field(() => Project, { description: 'The existing project.' })
  project!: Project;

  @Field(() => Float, { description: 'How similar, from 0 (not at all) to 1 (the same): title similarity counts most, then summary similarity and shared topics.' })
  score!: number;

  @Field(() => [String], { description: 'Why it looks similar, in words, e.g. "title similar (0.82)", "2 shared topics (leader, regionalentwicklung)".' })
  reasons!: string[];
}

@ObjectType({ description: 'What an organization has done on a topic: experience to ask for ("voneinander Lernen").' })
export class OrganizationExperience {
  @Field(() => OrganizationReference, { description: 'The organization.' })
  organization!: OrganizationReference;

  @Field(() => Int, { description: 'Projects on the topic it leads or led (Hauptverantwortlich).' })
  projectsLed!: number;

  @Field(() => Int, { description: 'Projects on the topic it takes or took part in besides leading (Sonstige Beteiligte).' })
  projectsJoined!: number;

  @Field(() => Int, { description: 'All its projects on the topic.' })
  projects!: number;
}

@ObjectType({ description: 'Organizations experienced in a topic, a page at a time, ordered by involvement.' })
export class OrganizationExperienceConnection extends Connection(OrganizationExperience) {}
