import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireWriter } from '../../shared/auth.js';
import { AddressEmbeddable, ADDRESS_FIELDS, checkedContact } from '../toolkit/contact.js';
import type { RequestContext } from '../toolkit/context.js';
import { applyChanges, expectNotArchived, expectVersion, lockRecord, writeTransaction } from '../toolkit/mutations.js';
import { optionalEmail, optionalPhone, optionalText, optionalUrl } from '../toolkit/validation.js';
import { OrganizationEntity } from './organization.entity.js';
import type { OrganizationLoaders } from './organization.loader.js';
import { UpdateOrganizationInput } from './organization.mutation-inputs.js';
import { UpdateOrganizationPayload } from './organization.payloads.js';
import { assertMayEditOrganization } from './ownership.js';

type Context = RequestContext<OrganizationLoaders>;

@Resolver()
export class OrganizationMutationResolver {
  @Mutation(() => UpdateOrganizationPayload, {
    description: 'Changes your organization\'s contact data: description, website, e-mail, phone, address. Name the version you read: a stale one gets CONFLICT.',
  })
  async updateOrganization(@Arg('input', () => UpdateOrganizationInput, { description: 'What to write (see the fields of `UpdateOrganizationInput`).' }) input: UpdateOrganizationInput, @Ctx() { em, partner }: Context): Promise<UpdateOrganizationPayload> {
    const writer = requireWriter(partner);
    const changes: Partial<OrganizationEntity> = {
      description: optionalText(input.description, 'input.description', 5000),
      website: optionalUrl(input.website, 'input.website'),
      email: optionalEmail(input.email, 'input.email'),
      phone: optionalPhone(input.phone, 'input.phone'),
      address: input.address === undefined ? undefined : checkedContact(AddressEmbeddable, ADDRESS_FIELDS, input.address, 'input.address'),
    };

    const organization = await writeTransaction(em, async (tx) => {
      const stored = await lockRecord(tx, OrganizationEntity, input.id, 'organization');
      assertMayEditOrganization(writer, stored);
      expectVersion(stored, input.version, 'organization');
      expectNotArchived(stored, 'organization');
      applyChanges(stored, changes, writer);
      return stored;
    });
    return { organization };
  }
}
