import type { EntityManager } from '@mikro-orm/postgresql';

/** What every resolver gets: its request's own EntityManager fork and DataLoaders. */
export interface RequestContext<Loaders> {
  em: EntityManager;
  loaders: Loaders;
  requestId: string;
}
