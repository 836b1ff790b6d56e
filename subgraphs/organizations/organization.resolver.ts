import { Args, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../toolkit/context.js';
import { FigureKind } from './figure.entity.js';
import type { OrganizationEntity } from './organization.entity.js';
import { OrganizationLookupArgs, OrganizationsArgs } from './organization.inputs.js';
import type { OrganizationLoaders } from './organization.loader.js';
import { findOrganization, listOrganizations } from './organization.repository.js';
import { Address, ContactPerson, DatedFigure, Organization, OrganizationConnection } from './organization.type.js';

type Context = RequestContext<OrganizationLoaders>;

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: 'One organization by exactly one of id, slug or AGS; null when none matches.' })
  organization(@Args(() => OrganizationLookupArgs) args: OrganizationLookupArgs, @Ctx() { em }: Context) {
    return findOrganization(em, args);
  }

  @Query(() => OrganizationConnection, { description: 'Organizations in name order.' })
  organizations(@Args(() => OrganizationsArgs) args: OrganizationsArgs, @Ctx() { em }: Context) {
    return listOrganizations(em, args.filter, args);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The body this one belongs to: a municipality\'s Kreis, a Kreis\'s Regierungsbezirk.' })
  parent(@Root() organization: OrganizationEntity, @Ctx() { loaders }: Context) {
    return organization.parent ? loaders.organizationById.load(organization.parent.id) : null;
  }

  @FieldResolver(() => [Organization], { description: 'Bodies that belong to this one, e.g. the municipalities of a Kreis, in name order.' })
  children(@Root() organization: OrganizationEntity, @Ctx() { loaders }: Context) {
    return loaders.childrenByParentId.load(organization.id);
  }

  @FieldResolver(() => DatedFigure, { nullable: true, description: 'The most recent population figure, with its source and reference date.' })
  async population(@Root() organization: OrganizationEntity, @Ctx() { loaders }: Context) {
    const figures = await loaders.figuresByOrganizationId.load(organization.id);
    return figures.find((figure) => figure.kind === FigureKind.POPULATION) ?? null;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Area in square kilometres, from the most recent area figure.' })
  async areaKm2(@Root() organization: OrganizationEntity, @Ctx() { loaders }: Context) {
    const figures = await loaders.figuresByOrganizationId.load(organization.id);
    return figures.find((figure) => figure.kind === FigureKind.AREA_KM2)?.value ?? null;
  }

  @FieldResolver(() => [DatedFigure], { description: 'Every figure known for this organization, newest first: several sources may stand side by side.' })
  figures(@Root() organization: OrganizationEntity, @Ctx() { loaders }: Context) {
    return loaders.figuresByOrganizationId.load(organization.id);
  }

  @FieldResolver(() => Address, { nullable: true, description: 'Postal address, where known.' })
  address(@Root() organization: OrganizationEntity): Address | null {
    const { street, postalCode, city } = organization.address ?? {};
    return street || postalCode || city ? { street, postalCode, city } : null;
  }

  @FieldResolver(() => [ContactPerson], { description: 'Contact persons and Arbeitskreis members of this organization.' })
  people(@Root() organization: OrganizationEntity, @Ctx() { loaders }: Context) {
    return loaders.peopleByOrganizationId.load(organization.id);
  }
}
