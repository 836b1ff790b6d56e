import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../toolkit/context.js';
import type { OrganizationLoaders } from './organization.loader.js';
import { ContactPerson, Organization } from './organization.type.js';
import type { PersonEntity } from './person.entity.js';

type Context = RequestContext<OrganizationLoaders>;

/** Personal data (e-mail, phone) goes to signed-in partners only; anonymous callers get null, not an error. */
@Resolver(() => ContactPerson)
export class ContactPersonResolver {
  @FieldResolver(() => String, { nullable: true, description: 'E-mail address; null unless you are signed in as a partner.' })
  email(@Root() person: PersonEntity, @Ctx() { partner }: Context): string | null {
    return partner ? person.email ?? null : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Phone number; null unless you are signed in as a partner.' })
  phone(@Root() person: PersonEntity, @Ctx() { partner }: Context): string | null {
    return partner ? person.phone ?? null : null;
  }

  @FieldResolver(() => Organization, { description: 'The organization the person works for.' })
  organization(@Root() person: PersonEntity, @Ctx() { loaders }: Context) {
    return loaders.organizationById.load(person.organization.id);
  }
}
