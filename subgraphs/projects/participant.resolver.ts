import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../toolkit/context.js';
import type { ParticipationEntity } from './participation.entity.js';
import type { ProjectLoaders } from './project.loader.js';
import { OrganizationReference, Participant, Project } from './project.type.js';

@Resolver(() => Participant)
export class ParticipantResolver {
  @FieldResolver(() => OrganizationReference, { nullable: true, description: 'The organization taking part; null when the organizations subgraph is unavailable.' })
  organization(@Root() participation: ParticipationEntity): OrganizationReference {
    return { id: participation.organizationId };
  }

  @FieldResolver(() => Project, { description: 'The project it takes part in.' })
  project(@Root() participation: ParticipationEntity, @Ctx() { loaders }: RequestContext<ProjectLoaders>) {
    return loaders.projectById.load(participation.project.id);
  }
}
