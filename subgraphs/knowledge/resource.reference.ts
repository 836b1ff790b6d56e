import type { RequestContext } from '../toolkit/context.js';
import type { KnowledgeLoaders } from './resource.loader.js';
import type { KnowledgeResource } from './resource.type.js';

/** Resolves `KnowledgeResource` representations from other subgraphs, batched per request. */
export function resolveKnowledgeResourceReference(reference: Pick<KnowledgeResource, 'id'>, { loaders }: RequestContext<KnowledgeLoaders>) {
  return loaders.resourceById.load(reference.id);
}
