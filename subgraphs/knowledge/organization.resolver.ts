import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, pageSize } from '../toolkit/connection.js';
import type { RequestContext } from '../toolkit/context.js';
import { authorPageKey, type KnowledgeLoaders } from './resource.loader.js';
import { resourcesOfAuthor } from './resource.repository.js';
import { KnowledgeResourceConnection } from './resource.type.js';
import { OrganizationReference } from './stubs.type.js';

type Context = RequestContext<KnowledgeLoaders>;

/** What the knowledge subgraph adds to `Organization`. */
@Resolver(() => OrganizationReference)
export class OrganizationResourcesResolver {
  @FieldResolver(() => KnowledgeResourceConnection, { nullable: true, description: 'Knowledge resources this organization authored, most recently added first; archived ones are left out. Null when the knowledge subgraph is unavailable.' })
  resources(@Root() organization: OrganizationReference, @Args(() => PageArgs) page: PageArgs, @Ctx() { em, loaders }: Context) {
    // First pages of all organizations in a request are batched; a page after a cursor is rarer
    // and asked for one organization at a time.
    if (page.after != null) return resourcesOfAuthor(em, organization.id, page);
    return loaders.firstResourcesByAuthorPage.load(authorPageKey(pageSize(page.first), organization.id));
  }
}
