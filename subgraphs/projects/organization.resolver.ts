import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../toolkit/context.js';
import type { ProjectLoaders } from './project.loader.js';
import { OrganizationReference, Participant, Project } from './project.type.js';

/** What the projects subgraph adds to `Organization`. */
@Resolver(() => OrganizationReference)
export class OrganizationProjectsResolver {
  @FieldResolver(() => [Project], { nullable: true, description: 'Projects this organization leads (Hauptverantwortlich), in title order. Null when the projects subgraph is unavailable.' })
  projects(@Root() organization: OrganizationReference, @Ctx() { loaders }: RequestContext<ProjectLoaders>) {
    return loaders.projectsByLeadId.load(organization.id);
  }

  @FieldResolver(() => [Participant], { nullable: true, description: 'Projects this organization takes part in besides leading, with its role. Null when the projects subgraph is unavailable.' })
  participations(@Root() organization: OrganizationReference, @Ctx() { loaders }: RequestContext<ProjectLoaders>) {
    return loaders.participationsByOrganizationId.load(organization.id);
  }
}
