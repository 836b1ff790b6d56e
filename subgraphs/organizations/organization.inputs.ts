import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../toolkit/connection.js';
import { OrganizationKind } from './organization.entity.js';

@ArgsType()
export class OrganizationLookupArgs {
  @Field(() => ID, { nullable: true, description: 'The organization\'s id.' })
  id?: string;

  @Field(() => String, { nullable: true, description: 'The organization\'s slug, e.g. `kreis-borken`.' })
  slug?: string;

  @Field(() => String, { nullable: true, description: 'Amtlicher Gemeindeschlüssel: 8 digits, or 5 for a Kreis or kreisfreie Stadt.' })
  ags?: string;
}

@InputType({ description: 'Which organizations to list. All conditions must hold.' })
export class OrganizationFilter {
  @Field(() => [OrganizationKind], { nullable: true, description: 'Any of these kinds.' })
  kind?: OrganizationKind[];

  @Field(() => String, { nullable: true, description: 'Direct children of the organization with this AGS, e.g. "05554" for the municipalities of Kreis Borken.' })
  parentAgs?: string;

  @Field(() => String, { nullable: true, description: 'Name contains this text (case-insensitive).' })
  name?: string;

  @Field(() => Boolean, { nullable: true, description: 'Include archived organizations (default false).' })
  includeArchived?: boolean;
}

@ArgsType()
export class OrganizationsArgs extends PageArgs {
  @Field(() => OrganizationFilter, { nullable: true, description: 'Conditions on the organizations.' })
  filter?: OrganizationFilter;
}
