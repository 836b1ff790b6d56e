import { AuditedRecord } from '../toolkit/audited.type.js';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { Connection } from '../toolkit/connection.js';
import { ADDRESS_FIELDS, contactFields, type AddressBlock } from '../toolkit/contact.js';
import { FigureKind } from './figure.entity.js';
import { OrganizationKind } from './organization.entity.js';
import { describeEnum } from '../toolkit/enums.js';

describeEnum(OrganizationKind, 'OrganizationKind', 'What kind of body an organization is, from the Land down to a Gemeinde or a Verein.', {
  LAND: 'A federal state (Land Nordrhein-Westfalen).',
  REGIERUNGSBEZIRK: 'A government region (Regierungsbezirk Münster).',
  KREIS: 'A district (Kreis Borken, Coesfeld, Steinfurt, Warendorf).',
  KREISFREIE_STADT: 'A city outside any Kreis (Stadt Münster).',
  STADT: 'A town within a Kreis.',
  GEMEINDE: 'A municipality within a Kreis.',
  VEREIN: 'A registered association (e.g. Münsterland e.V.).',
  OTHER: 'Any other body: companies, universities, chambers, initiatives.',
});
describeEnum(FigureKind, 'FigureKind', 'What a dated figure measures.', {
  POPULATION: 'Inhabitants (Einwohner).',
  AREA_KM2: 'Area in square kilometres (Fläche).',
});

@ObjectType({ description: 'A figure with the source and the date it refers to ("Einwohner: 371.898 (IT.NRW, 31.12.2020)").' })
export class DatedFigure {
  @Field(() => FigureKind, { description: 'What the figure measures.' })
  kind!: FigureKind;

  @Field(() => Float, { description: 'The value: inhabitants, or square kilometres.' })
  value!: number;

  @Field(() => Date, { description: 'The date the figure refers to (Stichtag).' })
  referenceDate!: string;

  @Field(() => String, { description: 'Who published the figure, e.g. "Zensus 2022" or "IT.NRW".' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'Where the source can be checked.' })
  sourceUrl?: string | null;

  @Field(() => Boolean, { description: 'Computed from other figures, e.g. a Kreis total summed from its municipalities.' })
  derived!: boolean;

  @Field(() => String, { nullable: true, description: 'Remarks on the figure.' })
  note?: string | null;
}

@ObjectType({ description: 'A postal address.' })
export class Address {}
export interface Address extends AddressBlock {}
contactFields(Address, ADDRESS_FIELDS);

@Directive('@key(fields: "id")')
@Directive('@key(fields: "ags")')
@ObjectType({ description: 'A Land, Regierungsbezirk, Kreis, city, municipality, association or other partner of the region.' })
export class Organization extends AuditedRecord {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => String, { description: 'Lowercase ASCII name for URLs, e.g. `kreis-borken`, `stadt-muenster`.' })
  slug!: string;

  @Field(() => String, { description: 'Common name, e.g. "Kreis Borken", "Gescher".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Official name in the municipal register, e.g. "Gescher, Glockenstadt".' })
  officialName?: string | null;

  @Field(() => OrganizationKind, { description: 'What kind of body this is.' })
  kind!: OrganizationKind;

  @Field(() => String, { nullable: true, description: 'Amtlicher Gemeindeschlüssel (8 digits; 5 for a Kreis), where one exists.' })
  ags?: string | null;

  @Field(() => String, { nullable: true, description: 'What the organization does.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Website.' })
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'General e-mail address of the organization (not a person\'s).' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'General phone number of the organization.' })
  phone?: string | null;

  @Field(() => Boolean, { description: 'Invented for demonstration, not real data.' })
  isSample!: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the record was archived; archived records are left out of lists.' })
  archivedAt?: Date | null;
}

@ObjectType({ description: 'A contact person or member of the Arbeitskreis. E-mail and phone are shown to signed-in partners only.' })
export class ContactPerson extends AuditedRecord {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => String, { description: 'Full name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Role, e.g. "Mitglied im Arbeitskreis".' })
  role?: string | null;
}

@ObjectType({ description: 'A page of organizations.' })
export class OrganizationConnection extends Connection(Organization) {}
