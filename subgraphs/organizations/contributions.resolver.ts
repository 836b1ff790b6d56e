import { Ctx, Directive, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../toolkit/context.js';
import { DistrictProjectCountContribution, TopicCoverageContribution } from './contributions.type.js';
import { FigureKind } from './figure.entity.js';
import type { OrganizationLoaders } from './organization.loader.js';
import { Organization } from './organization.type.js';

type Context = RequestContext<OrganizationLoaders>;

@Resolver(() => TopicCoverageContribution)
export class TopicCoverageContributionResolver {
  @FieldResolver(() => [Organization], {
    description: 'All municipalities of the region (the kreisfreie Stadt Münster and the municipalities of the four Kreise), in AGS order, with their population figures.',
  })
  municipalities(@Root() _coverage: TopicCoverageContribution, @Ctx() { loaders }: Context) {
    return loaders.regionMunicipalities.load('region');
  }
}

@Resolver(() => DistrictProjectCountContribution)
export class DistrictProjectCountContributionResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'The Kreis (or kreisfreie Stadt) of this AGS; null when none is known.' })
  district(@Root() count: DistrictProjectCountContribution, @Ctx() { loaders }: Context) {
    return loaders.organizationByAgs.load(count.ags);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Inhabitants per km² of the Kreis: its most recent population figure (see `populationReferenceDate`) over its area. Null when a figure is missing.',
  })
  async inhabitantsPerKm2(@Root() count: DistrictProjectCountContribution, @Ctx() { loaders }: Context) {
    const { population, area } = await districtFigures(count, loaders);
    return population && area ? Math.round((population.value / area.value) * 10) / 10 : null;
  }

  @Directive('@requires(fields: "count")')
  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Projects covering the Kreis per 100,000 of its inhabitants, by the population figure of `populationReferenceDate`, to compare Kreise of different size. Null without a population figure.',
  })
  async projectsPer100000Inhabitants(@Root() count: DistrictProjectCountContribution, @Ctx() { loaders }: Context) {
    const { population } = await districtFigures(count, loaders);
    return population && count.count != null ? Math.round((count.count / population.value) * 100_000 * 100) / 100 : null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'Reference date (Stichtag) of the population figure behind the per-inhabitant figures.' })
  async populationReferenceDate(@Root() count: DistrictProjectCountContribution, @Ctx() { loaders }: Context) {
    return (await districtFigures(count, loaders)).population?.referenceDate ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Source of the population figure behind the per-inhabitant figures.' })
  async populationSource(@Root() count: DistrictProjectCountContribution, @Ctx() { loaders }: Context) {
    return (await districtFigures(count, loaders)).population?.source ?? null;
  }
}

/** The Kreis's most recent population and area figures (the loader orders them newest first). */
async function districtFigures(count: DistrictProjectCountContribution, loaders: OrganizationLoaders) {
  const district = await loaders.organizationByAgs.load(count.ags);
  const figures = district ? await loaders.figuresByOrganizationId.load(district.id) : [];
  return { population: figures.find((figure) => figure.kind === FigureKind.POPULATION), area: figures.find((figure) => figure.kind === FigureKind.AREA_KM2) };
}

/** Both entities are resolved from their key alone: the representation is the object. */
export const contributionReferences = {
  TopicCoverage: { __resolveReference: (reference: TopicCoverageContribution) => reference },
  DistrictProjectCount: { __resolveReference: (reference: DistrictProjectCountContribution) => reference },
};
