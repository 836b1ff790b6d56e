import { Field, ID, ObjectType } from 'type-graphql';
import { ContactPerson, Organization } from './organization.type.js';

@ObjectType({ description: 'The result of `updateOrganization`.' })
export class UpdateOrganizationPayload {
  @Field(() => Organization, { description: 'The organization as it is now, with its new version.' })
  organization!: Organization;
}

@ObjectType({ description: 'The result of `createContactPerson` and `updateContactPerson`.' })
export class ContactPersonPayload {
  @Field(() => ContactPerson, { description: 'The contact person as it is now.' })
  contactPerson!: ContactPerson;
}

@ObjectType({ description: 'The result of `removeContactPerson`.' })
export class RemoveContactPersonPayload {
  @Field(() => ID, { description: 'Id of the contact person removed.' })
  removedContactPersonId!: string;

  @Field(() => Organization, { description: 'The organization the person belonged to.' })
  organization!: Organization;
}
