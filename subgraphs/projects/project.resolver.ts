import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../toolkit/context.js';
import type { ProjectEntity } from './project.entity.js';
import { ProjectLookupArgs, ProjectsArgs } from './project.inputs.js';
import type { ProjectLoaders } from './project.loader.js';
import { findProject, listProjects } from './project.repository.js';
import { Funding, OrganizationReference, Participant, Project, ProjectConnection, Topic } from './project.type.js';

type Context = RequestContext<ProjectLoaders>;

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: 'One project by exactly one of id or slug; null when none matches.' })
  project(@Args(() => ProjectLookupArgs) args: ProjectLookupArgs, @Ctx() { em }: Context) {
    return findProject(em, args);
  }

  @Query(() => ProjectConnection, { description: 'Projects in title order.' })
  projects(@Args(() => ProjectsArgs) args: ProjectsArgs, @Ctx() { em }: Context) {
    return listProjects(em, args.filter, args);
  }

  @FieldResolver(() => OrganizationReference, { nullable: true, description: 'Hauptverantwortlich: the organization that leads the project.' })
  lead(@Root() project: ProjectEntity): OrganizationReference | null {
    return project.leadOrganizationId ? { id: project.leadOrganizationId } : null;
  }

  @FieldResolver(() => [Participant], { description: 'Sonstige Beteiligte: the organizations taking part besides the lead.' })
  participants(@Root() project: ProjectEntity, @Ctx() { loaders }: Context) {
    return loaders.participantsByProjectId.load(project.id);
  }

  @FieldResolver(() => [Topic], { description: 'The topics of the project.' })
  async topics(@Root() project: ProjectEntity, @Ctx() { loaders }: Context) {
    const topics = await loaders.topicByKey.loadMany(project.topicKeys);
    return topics.filter((topic) => topic && !(topic instanceof Error));
  }

  @FieldResolver(() => [Funding], { description: 'Sources of the financing, with amounts where known.' })
  funding(@Root() project: ProjectEntity, @Ctx() { loaders }: Context) {
    return loaders.fundingByProjectId.load(project.id);
  }
}
