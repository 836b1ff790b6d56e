import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { MAX_PAGE_SIZE } from '../toolkit/connection.js';
import type { RequestContext } from '../toolkit/context.js';
import { selectsSnippet } from '../toolkit/search-connection.js';
import type { KnowledgeResourceEntity } from './resource.entity.js';
import { KnowledgeResourceLookupArgs, KnowledgeResourcesArgs } from './resource.inputs.js';
import type { KnowledgeLoaders } from './resource.loader.js';
import { findResource, listResources } from './resource.repository.js';
import { KnowledgeResource, KnowledgeResourceConnection } from './resource.type.js';
import { OrganizationReference, ProjectReference, TopicReference } from './stubs.type.js';

type Context = RequestContext<KnowledgeLoaders>;

@Resolver(() => KnowledgeResource)
export class KnowledgeResourceResolver {
  @Query(() => KnowledgeResource, { nullable: true, description: 'One knowledge resource by exactly one of id or slug; null when none matches.' })
  knowledgeResource(@Args(() => KnowledgeResourceLookupArgs) args: KnowledgeResourceLookupArgs, @Ctx() { em }: Context) {
    return findResource(em, args);
  }

  @Query(() => KnowledgeResourceConnection, {
    description: `Knowledge resources matching the filter, searched in German by \`filter.text\`; most recently added first, or best match first when searching. At most ${MAX_PAGE_SIZE} per page.`,
  })
  knowledgeResources(@Args(() => KnowledgeResourcesArgs) args: KnowledgeResourcesArgs, @Ctx() { em }: Context, @Info() info: GraphQLResolveInfo) {
    return listResources(em, args.filter, args, args.orderBy, { snippets: selectsSnippet(info) });
  }

  // The stubs below are resolved by the subgraphs that own them; no lookup is needed here.

  @FieldResolver(() => OrganizationReference, { nullable: true, description: 'The organization that wrote or published the resource, where known.' })
  author(@Root() resource: KnowledgeResourceEntity): OrganizationReference | null {
    return resource.authorOrganizationId ? { id: resource.authorOrganizationId } : null;
  }

  @FieldResolver(() => [ProjectReference], { description: 'Projects the resource belongs to or reports on.' })
  projects(@Root() resource: KnowledgeResourceEntity): ProjectReference[] {
    return resource.projectIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [TopicReference], { description: 'Topics the resource is about.' })
  topics(@Root() resource: KnowledgeResourceEntity): TopicReference[] {
    return resource.topicKeys.map((key) => ({ key }));
  }
}
