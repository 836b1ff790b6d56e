import { Arg, Ctx, Directive, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import { envString } from '../../shared/config.js';
import type { RequestContext } from '../toolkit/context.js';
import { BadUserInputError } from '../../shared/errors.js';
import { COVERAGE_REQUIRES, DistrictCoverage, TopicCoverage } from './coverage.type.js';
import type { ProjectLoaders } from './project.loader.js';
import { OrganizationReference, Topic } from './project.type.js';
import { splitCoverage, type CoverageSplit } from './topic.coverage.js';

type Context = RequestContext<ProjectLoaders>;

/** Where the gateway answers for the public: maps and profile sheets are its routes. */
const PUBLIC_URL = envString('PUBLIC_URL', 'http://localhost:4000').replace(/\/+$/, '');

const reference = ({ id }: OrganizationReference): OrganizationReference => ({ id });

@Resolver(() => TopicCoverage)
export class TopicCoverageResolver {
  @Query(() => TopicCoverage, { nullable: true, description: 'Coverage ("Flächendeckung") of the Münsterland\'s 66 municipalities by the projects on a topic. An unknown key is BAD_USER_INPUT (the `topics` query lists the keys).' })
  async topicCoverage(@Arg('topicKey', () => String, { description: 'Key of the topic, e.g. `leader`.' }) topicKey: string, @Ctx() { loaders }: Context) {
    if (await loaders.topicByKey.load(topicKey)) return { topicKey };
    throw new BadUserInputError(`Unknown topic key ${JSON.stringify(topicKey.slice(0, 80))}: the \`topics\` query lists the keys (e.g. leader)`, 'topicKey');
  }

  @FieldResolver(() => Topic, { description: 'The topic.' })
  topic(@Root() coverage: TopicCoverage, @Ctx() { loaders }: Context) {
    return loaders.topicByKey.load(coverage.topicKey);
  }

  @FieldResolver(() => String, {
    description: 'The coverage as a map of the 66 municipalities (SVG, covered and uncovered in two colours, Kreis borders, both shares with their reference date), served by the gateway; the same path with `.png` gives a PNG.',
  })
  mapUrl(@Root() coverage: TopicCoverage): string {
    return `${PUBLIC_URL}/maps/coverage/${encodeURIComponent(coverage.topicKey)}.svg`;
  }

  @Directive(COVERAGE_REQUIRES)
  @FieldResolver(() => [OrganizationReference], { description: 'Municipalities that at least one project on the topic covers, in AGS order.' })
  async coveredMunicipalities(@Root() coverage: TopicCoverage, @Ctx() context: Context) {
    return (await split(coverage, context)).covered.map(reference);
  }

  @Directive(COVERAGE_REQUIRES)
  @FieldResolver(() => [OrganizationReference], { description: 'Municipalities that no project on the topic covers, in AGS order: where the topic has yet to reach.' })
  async uncoveredMunicipalities(@Root() coverage: TopicCoverage, @Ctx() context: Context) {
    return (await split(coverage, context)).uncovered.map(reference);
  }

  @Directive(COVERAGE_REQUIRES)
  @FieldResolver(() => Float, { description: 'Share of the region\'s municipalities covered, from 0 to 1.' })
  async municipalityShare(@Root() coverage: TopicCoverage, @Ctx() context: Context) {
    const { covered, uncovered } = await split(coverage, context);
    return covered.length + uncovered.length ? covered.length / (covered.length + uncovered.length) : 0;
  }

  @Directive(COVERAGE_REQUIRES)
  @FieldResolver(() => Float, { nullable: true, description: 'Share of the region\'s inhabitants living in covered municipalities, from 0 to 1, by the population figures of `populationReferenceDate`; null when the figures are missing or of different dates.' })
  async populationShare(@Root() coverage: TopicCoverage, @Ctx() context: Context) {
    const { coveredPopulation, totalPopulation } = await split(coverage, context);
    return coveredPopulation != null && totalPopulation ? coveredPopulation / totalPopulation : null;
  }

  @Directive(COVERAGE_REQUIRES)
  @FieldResolver(() => Float, { nullable: true, description: 'Inhabitants of the covered municipalities, by the figures of `populationReferenceDate`.' })
  async coveredPopulation(@Root() coverage: TopicCoverage, @Ctx() context: Context) {
    return (await split(coverage, context)).coveredPopulation;
  }

  @Directive(COVERAGE_REQUIRES)
  @FieldResolver(() => Date, { nullable: true, description: 'Reference date (Stichtag) of the population figures behind `populationShare`.' })
  async populationReferenceDate(@Root() coverage: TopicCoverage, @Ctx() context: Context) {
    return (await split(coverage, context)).populationReferenceDate;
  }

  @Directive(COVERAGE_REQUIRES)
  @FieldResolver(() => [OrganizationReference], { description: 'Kreise (and the kreisfreie Stadt Münster) with at least one covered municipality.' })
  async coveredDistricts(@Root() coverage: TopicCoverage, @Ctx() context: Context) {
    return (await split(coverage, context)).districts.filter((district) => district.coveredMunicipalities > 0).map((district) => district.district);
  }

  @Directive(COVERAGE_REQUIRES)
  @FieldResolver(() => [DistrictCoverage], { description: 'Coverage per Kreis (and of the kreisfreie Stadt Münster), in AGS order.' })
  async districts(@Root() coverage: TopicCoverage, @Ctx() context: Context): Promise<DistrictCoverage[]> {
    return (await split(coverage, context)).districts.map((district) => ({
      ...district,
      municipalityShare: district.coveredMunicipalities / district.municipalities,
    }));
  }
}

async function split(coverage: TopicCoverage, { loaders }: Context): Promise<CoverageSplit> {
  const covered = await loaders.coveredAgsByTopicKey.load(coverage.topicKey);
  return splitCoverage(coverage.municipalities ?? [], new Set(covered));
}
