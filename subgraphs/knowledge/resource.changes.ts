import type { EntityManager } from '@mikro-orm/postgresql';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { isoOrNull, trackRecord, type EventScope } from '../toolkit/change-events.js';
import { changeEventTypes, HistoryArgs, organizationStubs, recordHistory } from '../toolkit/change-events.type.js';
import type { RequestContext } from '../toolkit/context.js';
import { KnowledgeResourceEntity } from './resource.entity.js';
import type { KnowledgeLoaders } from './resource.loader.js';
import { KnowledgeResource } from './resource.type.js';
import { OrganizationReference } from './stubs.type.js';

/** What a change event of a knowledge resource records, and `KnowledgeResource.history`. */

trackRecord<KnowledgeResourceEntity>({
  entity: KnowledgeResourceEntity,
  recordType: 'KNOWLEDGE_RESOURCE',
  label: (resource) => resource.title,
  fields: (resource) => ({
    slug: resource.slug,
    title: resource.title,
    kind: resource.kind,
    summary: resource.summary,
    body: resource.body ?? null,
    url: resource.url ?? null,
    language: resource.language,
    authorOrganizationId: resource.authorOrganizationId ?? null,
    topicKeys: resource.topicKeys,
    projectIds: resource.projectIds,
    publishedOn: resource.publishedOn ?? null,
    sourceAttribution: resource.sourceAttribution ?? null,
    license: resource.license ?? null,
    isSample: resource.isSample,
    archivedAt: isoOrNull(resource.archivedAt),
  }),
  async scopes(_em: EntityManager, resources: KnowledgeResourceEntity[]) {
    return new Map<string, EventScope>(resources.map((resource) => [resource.id, {
      organizationIds: resource.authorOrganizationId ? [resource.authorOrganizationId] : [],
      ags: [],
      topicKeys: resource.topicKeys,
    }]));
  },
});

const { ChangeEventConnection } = changeEventTypes(OrganizationReference);

@Resolver(() => KnowledgeResource)
export class KnowledgeResourceHistoryResolver {
  @FieldResolver(() => ChangeEventConnection, {
    description: 'Every change of this resource, newest first: the fields with old and new values, who and when. Stays readable when the resource is archived.',
  })
  history(@Root() resource: KnowledgeResourceEntity, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() { em, partner }: RequestContext<KnowledgeLoaders>) {
    return recordHistory(em, 'knowledge', 'KNOWLEDGE_RESOURCE', resource.id, args, partner, organizationStubs);
  }
}
