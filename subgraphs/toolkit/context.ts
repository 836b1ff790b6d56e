import type { EntityManager } from '@mikro-orm/postgresql';
import type { Partner } from '../../shared/auth.js';

/** What every resolver gets: its request's own EntityManager fork and DataLoaders, and who asks. */
export interface RequestContext<Loaders> {
  em: EntityManager;
  loaders: Loaders;
  requestId: string;
  /** The signed-in partner, verified from its token; null for anonymous callers. */
  partner: Partner | null;
}
