import { Embeddable, Property } from '@mikro-orm/postgresql';
import { Field } from 'type-graphql';
import { optionalEmail, optionalPhone, optionalText, optionalUrl } from './validation.js';

/**
 * The contact block, written once: a project's "Kontakt" (name, address, phone, e-mail, website)
 * and an organization's postal address are fields of this one list, with the same columns, the same
 * checks and the same words in the schema. Each subgraph picks the fields it has
 * (`CONTACT_FIELDS`, `ADDRESS_FIELDS`) and keeps its own type names, which partner apps use.
 */

type Optional = string | null | undefined;

const FIELDS = {
  name: { length: 200, description: 'Organization or person to contact.', check: (value: Optional, field: string) => optionalText(value, field, 200) },
  street: { length: 200, description: 'Street and number.', check: (value: Optional, field: string) => optionalText(value, field, 200) },
  postalCode: { length: 10, description: 'Postleitzahl.', check: (value: Optional, field: string) => optionalText(value, field, 10) },
  city: { length: 120, description: 'City.', check: (value: Optional, field: string) => optionalText(value, field, 120) },
  phone: { length: 60, description: 'Phone number of the office.', check: optionalPhone },
  email: { length: 320, description: 'E-mail address of the office.', check: optionalEmail },
  website: { length: 500, description: 'Website.', check: optionalUrl },
};

export type ContactField = keyof typeof FIELDS;
export const ADDRESS_FIELDS = ['street', 'postalCode', 'city'] as const;
export const CONTACT_FIELDS = ['name', ...ADDRESS_FIELDS, 'phone', 'email', 'website'] as const;
export type AddressBlock = { [Field in (typeof ADDRESS_FIELDS)[number]]?: string | null };
export type ContactBlock = { [Field in (typeof CONTACT_FIELDS)[number]]?: string | null };

// The fields are declared from the list rather than written out in each class, so that the block's
// columns, GraphQL fields and checks cannot drift apart between the subgraphs.
type FieldDecorator = (target: object, field: string) => void;
function declareFields(target: abstract new () => unknown, fields: readonly ContactField[], decorator: (field: ContactField) => FieldDecorator): void {
  for (const field of fields) decorator(field)(target.prototype as object, field);
}

/** A column of the block (nullable text of the block's length); also for the fields an entity keeps flat. */
export const contactColumn = (field: ContactField): FieldDecorator => Property({ type: 'string', length: FIELDS[field].length, nullable: true });

/** An organization's postal address; embedded without prefix, in the columns `street`, `postal_code`, `city`. */
@Embeddable()
export class AddressEmbeddable {}
export interface AddressEmbeddable extends AddressBlock {}
declareFields(AddressEmbeddable, ADDRESS_FIELDS, contactColumn);

/** A project's "Kontakt" block; embedded with the prefix `contact_`. */
@Embeddable()
export class ContactEmbeddable {}
export interface ContactEmbeddable extends ContactBlock {}
declareFields(ContactEmbeddable, CONTACT_FIELDS, contactColumn);

/**
 * Adds the GraphQL fields of the block to a type or input class (all nullable strings), in the order
 * given; `descriptions` where the schema words a field differently there.
 */
export function contactFields(target: abstract new () => unknown, fields: readonly ContactField[], descriptions: Partial<Record<ContactField, string>> = {}): void {
  declareFields(target, fields, (field) => Field(() => String, { nullable: true, description: descriptions[field] ?? FIELDS[field].description }));
}

/**
 * The block of a mutation input, checked, as a new embeddable: given, it replaces the whole block
 * (fields left out and null clear). Errors name the field as the client wrote it (`input.contact.email`).
 */
export function checkedContact<Block extends object>(
  Embeddable: new () => Block, fields: readonly (keyof Block & ContactField)[], input: Partial<Record<ContactField, Optional>> | null, path: string,
): Block {
  return Object.assign(new Embeddable(), Object.fromEntries(fields.map((field) => [field, FIELDS[field].check(input?.[field], `${path}.${field}`) ?? null])));
}
