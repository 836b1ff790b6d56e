import { GraphQLError } from 'graphql';
import type { IncomingHttpHeaders } from 'node:http';
import { bearerToken, verifyPartnerToken, type PartnerClaims, type Role } from '../shared/auth.js';
import { InvalidTokenError } from '../shared/errors.js';
import { querySubgraph } from '../shared/peers.js';

/** The partner behind a request, as the gateway forwards it to the subgraphs. */
export interface Partner {
  /** The caller's `Authorization` header, forwarded so each subgraph verifies the token itself. */
  authorization: string;
  organizationId: string;
  organizationSlug: string;
  role: Role;
}

const verified = new WeakMap<object, Promise<PartnerClaims | null>>();

/**
 * The claims of a request's partner token, verified once per request however many steps ask
 * (budget key, trusted documents, context): null without a token; rejects for a bad one.
 */
export function tokenClaimsOf(req: { headers: IncomingHttpHeaders }): Promise<PartnerClaims | null> {
  let claims = verified.get(req);
  if (!claims) {
    claims = (async () => {
      const token = bearerToken(req.headers.authorization);
      return token ? verifyPartnerToken(token) : null;
    })();
    verified.set(req, claims);
  }
  return claims;
}

const MAX_CACHED_ORGANIZATIONS = 10_000;
const ORGANIZATION_BY_SLUG = 'query($slug: String!) { organization(slug: $slug) { id } }';

/**
 * Turns a request's partner token into a `Partner`. The token is verified first (a bad token
 * fails every request, reads included, with UNAUTHENTICATED), then its organization slug is
 * resolved to an id by asking the organizations subgraph. Only verified slugs are looked up, so
 * the cache holds real partners only; it keeps answers for `ttlMs`.
 */
export function createPartnerResolver(organizationsUrl: string, ttlMs = 30_000) {
  const cache = new Map<string, { id: string | null; until: number }>();

  async function organizationIdOf(slug: string): Promise<string | null> {
    const cached = cache.get(slug);
    if (cached && cached.until > Date.now()) return cached.id;
    let data: { organization: { id: string } | null };
    try {
      data = await querySubgraph(organizationsUrl, ORGANIZATION_BY_SLUG, { slug });
    } catch {
      // Without the organizations subgraph no token can be checked: the whole request waits (503).
      throw new GraphQLError('Partner tokens cannot be checked right now: the organizations subgraph did not answer', {
        extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
      });
    }
    const id = data.organization?.id ?? null;
    // Slugs come from verified tokens only, but a key server may sign many: keep the map bounded.
    if (cache.size >= MAX_CACHED_ORGANIZATIONS) {
      for (const [key, entry] of cache) if (entry.until <= Date.now() || cache.size >= MAX_CACHED_ORGANIZATIONS) cache.delete(key);
    }
    cache.set(slug, { id, until: Date.now() + ttlMs });
    return id;
  }

  return async function partnerOf(req: { headers: IncomingHttpHeaders }): Promise<Partner | null> {
    const claims = await tokenClaimsOf(req);
    if (!claims) return null;
    const organizationId = await organizationIdOf(claims.org);
    if (!organizationId) throw new InvalidTokenError(`The partner token names an unknown organization ("${claims.org}")`);
    return { authorization: req.headers.authorization!, organizationId, organizationSlug: claims.org, role: claims.role };
  };
}
