import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../toolkit/context.js';
import { DistrictProjectCountContribution, TopicCoverageContribution } from './contributions.type.js';
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
}

/** Both entities are resolved from their key alone: the representation is the object. */
export const contributionReferences = {
  TopicCoverage: { __resolveReference: (reference: TopicCoverageContribution) => reference },
  DistrictProjectCount: { __resolveReference: (reference: DistrictProjectCountContribution) => reference },
};
