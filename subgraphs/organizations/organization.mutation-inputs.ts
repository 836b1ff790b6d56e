import { Field, ID, InputType, Int } from 'type-graphql';
import { ADDRESS_FIELDS, contactFields, type AddressBlock } from '../toolkit/contact.js';

@InputType({ description: 'A postal address. Given, it replaces the whole address: fields left out are cleared.' })
export class AddressInput {}
export interface AddressInput extends AddressBlock {}
contactFields(AddressInput, ADDRESS_FIELDS);

@InputType({ description: 'Changes to an organization\'s contact data. Fields left out stay as they are; null clears.' })
export class UpdateOrganizationInput {
  @Field(() => ID, { description: 'The organization to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT with the current version.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'What the organization does.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Website, starting with https:// or http://.' })
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'General e-mail address of the organization (not a person\'s).' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'General phone number of the organization.' })
  phone?: string | null;

  @Field(() => AddressInput, { nullable: true, description: 'Postal address; replaces the whole address, null clears it.' })
  address?: AddressInput | null;
}

/** Fields of a contact person that create and update share. */
// Not in the schema itself (nothing names it): its fields appear in the inputs that extend it.
@InputType({ description: 'Fields of a contact person.' })
export abstract class ContactPersonFieldsInput {
  @Field(() => String, { nullable: true, description: 'Role, e.g. "Mitglied im Arbeitskreis".' })
  role?: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address; shown to signed-in partners only.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number; shown to signed-in partners only.' })
  phone?: string | null;
}

@InputType({ description: 'A new contact person of an organization.' })
export class CreateContactPersonInput extends ContactPersonFieldsInput {
  @Field(() => ID, { description: 'The organization the person works for.' })
  organizationId!: string;

  @Field(() => String, { description: 'Full name: 1 to 200 characters.' })
  name!: string;
}

@InputType({ description: 'Changes to a contact person. Fields left out stay as they are; null clears.' })
export class UpdateContactPersonInput extends ContactPersonFieldsInput {
  @Field(() => ID, { description: 'The contact person to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Full name: 1 to 200 characters.' })
  name?: string | null;
}

@InputType({ description: 'The contact person to remove and the version you read.' })
export class RemoveContactPersonInput {
  @Field(() => ID, { description: 'The contact person to remove.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read.' })
  version!: number;
}
