import { Field, ID, InputType, Int } from 'type-graphql';
import { CONTACT_FIELDS, contactFields, type ContactBlock } from '../toolkit/contact.js';
import { ParticipationRole } from './participation.entity.js';
import { ProjectStatus } from './project.entity.js';

@InputType({ description: 'The "Kontakt" block of a profile. Given, it replaces the whole block: fields left out are cleared.' })
export class ContactInput {}
export interface ContactInput extends ContactBlock {}
contactFields(ContactInput, CONTACT_FIELDS, { name: 'Organization or office to contact.', website: 'Website, starting with https:// or http://.' });

/** The profile fields that create and update share; left out means "leave as is", null clears. */
// Not in the schema itself (nothing names it): its fields appear in the inputs that extend it.
@InputType({ description: 'Profile fields of a project.' })
export abstract class ProjectProfileInput {
  @Field(() => [String], { nullable: true, description: 'Topic keys (see `topics`); each must exist.' })
  topicKeys?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Stichworte.' })
  keywords?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Anlass: why the project started.' })
  occasion?: string | null;

  @Field(() => String, { nullable: true, description: 'Ziel: what it aims at.' })
  goal?: string | null;

  @Field(() => String, { nullable: true, description: 'Umsetzung: how it is carried out.' })
  implementation?: string | null;

  @Field(() => String, { nullable: true, description: 'Finanzierung, as the profile words it.' })
  financing?: string | null;

  @Field(() => String, { nullable: true, description: 'Rechtsform.' })
  legalForm?: string | null;

  @Field(() => Int, { nullable: true, description: 'Zusammenarbeit seit: a year from 1946 (founding of Nordrhein-Westfalen) to this year.' })
  cooperatingSince?: number | null;

  @Field(() => ProjectStatus, { nullable: true, description: 'Where the project stands (new projects: ACTIVE unless given).' })
  status?: ProjectStatus | null;

  @Field(() => Date, { nullable: true, description: 'First day of the project period.' })
  startDate?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last day of the project period; not before the first.' })
  endDate?: Date | null;

  @Field(() => [String], { nullable: true, description: 'AGS (8 digits) of the municipalities the project covers.' })
  municipalityAgs?: string[] | null;

  @Field(() => ContactInput, { nullable: true, description: 'Kontakt; replaces the whole block.' })
  contact?: ContactInput | null;

  @Field(() => [String], { nullable: true, description: 'Distinctions, e.g. "Teilnehmer Landespreis Wirtschaftsförderung".' })
  distinctions?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Quelle für Text und Bild.' })
  sourceAttribution?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the profile was published (https:// or http://).' })
  sourceUrl?: string | null;
}

@InputType({ description: 'An organization taking part in a new project besides its lead.' })
export class ParticipantInput {
  @Field(() => ID, { description: 'The organization taking part.' })
  organizationId!: string;

  @Field(() => ParticipationRole, { description: 'How it takes part.' })
  role!: ParticipationRole;

  @Field(() => String, { nullable: true, description: 'Remarks, e.g. which Ortsteile take part.' })
  note?: string | null;
}

@InputType({ description: 'A new project. Its slug is made from the title.' })
export class CreateProjectInput extends ProjectProfileInput {
  @Field(() => String, { description: 'Title: 1 to 499 characters.' })
  title!: string;

  @Field(() => String, { description: 'Short summary; not empty.' })
  summary!: string;

  @Field(() => ID, { nullable: true, description: 'Hauptverantwortlich: the lead organization. Default: your own; only an admin of the Münsterland e.V. may name another.' })
  leadOrganizationId?: string | null;

  @Field(() => [ParticipantInput], { nullable: true, description: 'Sonstige Beteiligte: organizations taking part besides the lead.' })
  participants?: ParticipantInput[] | null;
}

@InputType({ description: 'Changes to a project. Fields left out stay as they are.' })
export class UpdateProjectInput extends ProjectProfileInput {
  @Field(() => ID, { description: 'The project to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT with the current version.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'New title: 1 to 499 characters.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New summary; not empty.' })
  summary?: string | null;

  @Field(() => ID, { nullable: true, description: 'Hand the project over to another lead organization.' })
  leadOrganizationId?: string | null;
}

@InputType({ description: 'The project to archive and the version you read.' })
export class ArchiveProjectInput {
  @Field(() => ID, { description: 'The project to archive.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;
}

@InputType({ description: 'An organization joining a project. Its lead adds anyone; an organization may add itself.' })
export class AddParticipantInput {
  @Field(() => ID, { description: 'The project.' })
  projectId!: string;

  @Field(() => ID, { description: 'The organization taking part.' })
  organizationId!: string;

  @Field(() => ParticipationRole, { description: 'How it takes part.' })
  role!: ParticipationRole;

  @Field(() => String, { nullable: true, description: 'Remarks, e.g. which Ortsteile take part.' })
  note?: string | null;
}

@InputType({ description: 'Changes to a participation. Fields left out stay as they are.' })
export class UpdateParticipantInput {
  @Field(() => ID, { description: 'The participation (`Participant.id`).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;

  @Field(() => ParticipationRole, { nullable: true, description: 'How it takes part.' })
  role?: ParticipationRole | null;

  @Field(() => String, { nullable: true, description: 'Remarks; null clears them.' })
  note?: string | null;
}

@InputType({ description: 'The participation to end and the version you read.' })
export class RemoveParticipantInput {
  @Field(() => ID, { description: 'The participation (`Participant.id`).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;
}
