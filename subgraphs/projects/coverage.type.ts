import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { OrganizationReference } from './project.type.js';
import type { RequiredMunicipality } from './topic.coverage.js';

/** What the fields of TopicCoverage need from the organizations subgraph, fetched by the gateway. */
export const COVERAGE_REQUIRES = '@requires(fields: "municipalities { id ags parent { id ags } population { value referenceDate } }")';

@ObjectType({ description: 'How much of one Kreis (or of the kreisfreie Stadt Münster) projects on a topic reach.' })
export class DistrictCoverage {
  @Field(() => OrganizationReference, { description: 'The Kreis, or the kreisfreie Stadt.' })
  district!: OrganizationReference;

  @Field(() => Int, { description: 'Its municipalities.' })
  municipalities!: number;

  @Field(() => Int, { description: 'Its municipalities covered by at least one project on the topic.' })
  coveredMunicipalities!: number;

  @Field(() => Float, { description: 'coveredMunicipalities / municipalities, from 0 to 1.' })
  municipalityShare!: number;
}

/**
 * Coverage ("Flächendeckung") of a topic over the whole Münsterland. The region's municipalities
 * and their population belong to the organizations subgraph, which contributes `municipalities`;
 * the fields here are computed from them (`@requires`) and from the projects' municipalities.
 */
@Directive('@key(fields: "topicKey")')
@ObjectType({ description: 'Which municipalities and Kreise of the Münsterland take part in projects on a topic, and which do not ("Flächendeckung").' })
export class TopicCoverage {
  @Field(() => String, { description: 'Key of the topic.' })
  topicKey!: string;

  @Directive('@external')
  @Field(() => [OrganizationReference], { description: 'All municipalities of the region, from the organizations subgraph.' })
  municipalities?: RequiredMunicipality[];
}
