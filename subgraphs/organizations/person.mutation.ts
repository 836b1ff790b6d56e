import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireWriter } from '../../shared/auth.js';
import type { RequestContext } from '../toolkit/context.js';
import { applyChanges, createdBy, expectNotArchived, expectVersion, lockRecord, writeTransaction } from '../toolkit/mutations.js';
import { optionalEmail, optionalPhone, optionalText, requiredId, requiredText } from '../toolkit/validation.js';
import { OrganizationEntity } from './organization.entity.js';
import type { OrganizationLoaders } from './organization.loader.js';
import {
  CreateContactPersonInput, RemoveContactPersonInput, UpdateContactPersonInput, type ContactPersonFieldsInput,
} from './organization.mutation-inputs.js';
import { ContactPersonPayload, RemoveContactPersonPayload } from './organization.payloads.js';
import { assertMayEditOrganization } from './ownership.js';
import { PersonEntity } from './person.entity.js';

type Context = RequestContext<OrganizationLoaders>;

function personChanges(input: ContactPersonFieldsInput): Partial<PersonEntity> {
  return {
    role: optionalText(input.role, 'input.role', 200),
    email: optionalEmail(input.email, 'input.email'),
    phone: optionalPhone(input.phone, 'input.phone'),
  };
}

/**
 * Contact persons are personal data: they are removed outright, not archived, and their e-mail
 * and phone are shown to signed-in partners only (person.resolver.ts).
 */
@Resolver()
export class ContactPersonMutationResolver {
  @Mutation(() => ContactPersonPayload, { description: 'Adds a contact person to your organization.' })
  async createContactPerson(@Arg('input', () => CreateContactPersonInput, { description: 'What to write (see the fields of `CreateContactPersonInput`).' }) input: CreateContactPersonInput, @Ctx() { em, partner }: Context): Promise<ContactPersonPayload> {
    const writer = requireWriter(partner);
    const organizationId = requiredId(input.organizationId, 'input.organizationId');
    const fields = { ...personChanges(input), name: requiredText(input.name, 'input.name', 200) };
    const contactPerson = await writeTransaction(em, async (tx) => {
      // Locked so that the person is not added to an organization being archived meanwhile.
      const organization = await lockRecord(tx, OrganizationEntity, organizationId, 'organization');
      assertMayEditOrganization(writer, organization);
      expectNotArchived(organization, 'organization');
      return tx.create(PersonEntity, { ...fields, role: fields.role ?? null, email: fields.email ?? null, phone: fields.phone ?? null, organization, ...createdBy(writer) });
    });
    return { contactPerson };
  }

  @Mutation(() => ContactPersonPayload, { description: 'Changes a contact person of your organization. Name the version you read.' })
  async updateContactPerson(@Arg('input', () => UpdateContactPersonInput, { description: 'What to write (see the fields of `UpdateContactPersonInput`).' }) input: UpdateContactPersonInput, @Ctx() { em, partner }: Context): Promise<ContactPersonPayload> {
    const writer = requireWriter(partner);
    const changes = { ...personChanges(input), name: input.name === undefined ? undefined : requiredText(input.name, 'input.name', 200) };
    const contactPerson = await writeTransaction(em, async (tx) => {
      const stored = await lockRecord(tx, PersonEntity, input.id, 'contact person');
      assertMayEditOrganization(writer, await tx.findOneOrFail(OrganizationEntity, stored.organization.id));
      expectVersion(stored, input.version, 'contact person');
      applyChanges(stored, changes, writer);
      return stored;
    });
    return { contactPerson };
  }

  @Mutation(() => RemoveContactPersonPayload, { description: 'Removes a contact person of your organization, with all their personal data. Name the version you read.' })
  async removeContactPerson(@Arg('input', () => RemoveContactPersonInput, { description: 'What to write (see the fields of `RemoveContactPersonInput`).' }) input: RemoveContactPersonInput, @Ctx() { em, partner }: Context): Promise<RemoveContactPersonPayload> {
    const writer = requireWriter(partner);
    const organization = await writeTransaction(em, async (tx) => {
      const stored = await lockRecord(tx, PersonEntity, input.id, 'contact person');
      const owner = await tx.findOneOrFail(OrganizationEntity, stored.organization.id);
      assertMayEditOrganization(writer, owner);
      expectVersion(stored, input.version, 'contact person');
      tx.remove(stored);
      return owner;
    });
    return { removedContactPersonId: input.id, organization };
  }
}
