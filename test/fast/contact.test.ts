import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../shared/errors.js';
import { AddressEmbeddable, ADDRESS_FIELDS, checkedContact, CONTACT_FIELDS, ContactEmbeddable } from '../../subgraphs/toolkit/contact.js';

describe('the contact block shared by projects (Kontakt) and organizations (address)', () => {
  it('checks every field of the block and clears the ones left out: given, it replaces the whole block', () => {
    const contact = checkedContact(ContactEmbeddable, CONTACT_FIELDS, { name: ' Kreis Borken ', email: 'info@kreis-borken.de', website: 'https://www.kreis-borken.de' }, 'input.contact');
    expect(contact).toBeInstanceOf(ContactEmbeddable);
    expect({ ...contact }).toEqual({
      name: 'Kreis Borken', street: null, postalCode: null, city: null, phone: null, email: 'info@kreis-borken.de', website: 'https://www.kreis-borken.de',
    });
    expect({ ...checkedContact(AddressEmbeddable, ADDRESS_FIELDS, null, 'input.address') }).toEqual({ street: null, postalCode: null, city: null });
  });

  it.each([
    [{ email: 'no-address' }, 'input.contact.email'],
    [{ phone: 'call me' }, 'input.contact.phone'],
    [{ website: 'ftp://example.de' }, 'input.contact.website'],
    [{ postalCode: '12345678901' }, 'input.contact.postalCode'],
    [{ street: 'x'.repeat(201) }, 'input.contact.street'],
  ])('refuses %j naming %s', (input, field) => {
    let error: unknown;
    try {
      checkedContact(ContactEmbeddable, CONTACT_FIELDS, input, 'input.contact');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
