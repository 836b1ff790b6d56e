import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { envString } from '../../shared/config.js';
import { MAX_PAGE_SIZE } from '../toolkit/connection.js';
import { selectsSnippet } from '../toolkit/search-connection.js';
import type { RequestContext } from '../toolkit/context.js';
import { BadUserInputError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import type { ProjectEntity } from './project.entity.js';
import { MAX_SIMILAR, ProjectLookupArgs, ProjectsArgs, SimilarProjectsArgs } from './project.inputs.js';
import type { ProjectLoaders } from './project.loader.js';
import { findProject, listProjects } from './project.repository.js';
import { Funding, OrganizationReference, Participant, Project, ProjectConnection, SimilarProject, Topic } from './project.type.js';
import { findSimilarProjects } from './similarity.js';

type Context = RequestContext<ProjectLoaders>;

/** Where the gateway serves profile sheets (`GET /profiles/<slug>.pdf`). */
const PUBLIC_URL = envString('PUBLIC_URL', 'http://localhost:4000').replace(/\/+$/, '');

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: 'One project by exactly one of id or slug; null when none matches.' })
  project(@Args(() => ProjectLookupArgs) args: ProjectLookupArgs, @Ctx() { em }: Context) {
    return findProject(em, args);
  }

  @Query(() => ProjectConnection, {
    description: `Projects matching the filter, searched in German by \`filter.text\`; by title, or best match first when searching. At most ${MAX_PAGE_SIZE} per page.`,
  })
  projects(@Args(() => ProjectsArgs) args: ProjectsArgs, @Ctx() { em }: Context, @Info() info: GraphQLResolveInfo) {
    return listProjects(em, args.filter, args, args.orderBy, { snippets: selectsSnippet(info) });
  }

  @Query(() => [SimilarProject], {
    description: 'Duplicate check ("Doppelarbeit vermeiden"): existing projects most similar to a project or to a planned one, best first, each with a score and reasons. Give exactly one of projectId or draft.',
  })
  async similarProjects(@Args(() => SimilarProjectsArgs) args: SimilarProjectsArgs, @Ctx() { em, loaders }: Context) {
    if ((args.projectId == null) === (args.draft == null)) throw new BadUserInputError('Give exactly one of projectId or draft', 'projectId');
    const first = args.first ?? 5;
    if (!Number.isInteger(first) || first < 1 || first > MAX_SIMILAR) throw new BadUserInputError(`first must be between 1 and ${MAX_SIMILAR}`, 'first');
    if (args.draft) return findSimilarProjects(em, args.draft, first);

    const project = isUuid(args.projectId!) ? await loaders.projectById.load(args.projectId!) : null;
    if (!project) throw new BadUserInputError('projectId names no project', 'projectId');
    return findSimilarProjects(em, project, first, project.id);
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

  @FieldResolver(() => String, {
    description: 'The profile sheet as PDF ("Diese Übersicht als PDF herunterladen"), served by the gateway; the same path with `.html` gives it as a web page.',
  })
  profileUrl(@Root() project: ProjectEntity): string {
    return `${PUBLIC_URL}/profiles/${encodeURIComponent(project.slug)}.pdf`;
  }
}
