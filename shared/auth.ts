import type { RequestHandler } from 'express';
import { createRemoteJWKSet, errors as jose, jwtVerify, SignJWT, type JWTVerifyGetKey, type KeyObject } from 'jose';
import { createHash, createPublicKey, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ForbiddenError, InvalidTokenError, ServiceUnavailableError, UnauthenticatedError } from './errors.js';
import { isUuid } from './ids.js';
import { PARTNER_SLUGS } from './reference-data.js';
import { tokenSecret } from './secrets.js';

export { gatewaySecret } from './secrets.js';

/**
 * Partner tokens and the trust between services, in one place for the gateway and every subgraph.
 *
 * A partner token is a JWT naming the partner organization (`org`, its slug), a `role` and an
 * expiry. Production verifies it against `AUTH_JWKS_URL` or `AUTH_PUBLIC_KEY` (RS256/ES256); the
 * embedded default uses HS256 with a secret generated into the data folder. Subgraphs serve only
 * the gateway, which proves itself with a shared secret header, resolves the token's organization
 * to an id and forwards both; each subgraph verifies the token again itself.
 */

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface PartnerClaims {
  /** Slug of the partner organization, e.g. `kreis-borken`. */
  org: string;
  role: Role;
}

/**
 * The signed-in partner of a request (the gateway's `Partner` as a subgraph sees it). Its `role`
 * is viewer, editor or admin: "viewer" names only the role, never the caller.
 */
export interface Partner {
  organizationSlug: string;
  /** Resolved by the gateway from the slug; ownership compares ids. */
  organizationId: string;
  role: Role;
}

export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';
export const PARTNER_ORGANIZATION_HEADER = 'x-partner-organization-id';

const SLUG = /^[a-z0-9][a-z0-9-]{0,119}$/;
const BEARER = /^Bearer +([A-Za-z0-9_.~+/=-]{1,8192}) *$/i;

interface Verification {
  key: JWTVerifyGetKey | KeyObject | Uint8Array;
  algorithms: string[];
}

let verification: Verification | undefined;

function keys(): Verification {
  if (verification) return verification;
  if (process.env.AUTH_JWKS_URL) {
    verification = { key: createRemoteJWKSet(new URL(process.env.AUTH_JWKS_URL)), algorithms: ['RS256', 'ES256'] };
  } else if (process.env.AUTH_PUBLIC_KEY) {
    // Environment files often carry a PEM on one line with literal "\n".
    const key = createPublicKey(process.env.AUTH_PUBLIC_KEY.replace(/\\n/g, '\n'));
    verification = { key, algorithms: [key.asymmetricKeyType === 'ec' ? 'ES256' : 'RS256'] };
  } else {
    verification = { key: new TextEncoder().encode(tokenSecret()), algorithms: ['HS256'] };
  }
  return verification;
}

/** Checks signature, expiry (required), issuer and audience where configured, and the claims. */
export async function verifyPartnerToken(token: string): Promise<PartnerClaims> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, keys().key, {
      algorithms: keys().algorithms,
      issuer: process.env.AUTH_ISSUER || undefined,
      audience: process.env.AUTH_AUDIENCE || undefined,
      requiredClaims: ['exp'],
    }));
  } catch (error) {
    if (error instanceof jose.JWKSTimeout) throw new ServiceUnavailableError('The key server for partner tokens did not answer');
    throw new InvalidTokenError(error instanceof jose.JWTExpired ? 'The partner token has expired' : 'The partner token is invalid');
  }
  const { org, role } = payload;
  if (typeof org !== 'string' || !SLUG.test(org)) throw new InvalidTokenError('The partner token names no organization slug (claim "org")');
  if (!ROLES.includes(role as Role)) throw new InvalidTokenError(`The partner token's role must be one of ${ROLES.join(', ')}`);
  return { org, role: role as Role };
}

/** The token of an `Authorization: Bearer …` header; null without the header. */
export function bearerToken(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const match = BEARER.exec(authorization);
  if (!match) throw new InvalidTokenError('The Authorization header must read "Bearer <partner token>"');
  return match[1];
}

/** Signs a token with the embedded default's secret (`npm run token`, tests). */
export function signPartnerToken(claims: PartnerClaims, expiresIn: string | number = '8h', secret = tokenSecret()): Promise<string> {
  const jwt = new SignJWT({ org: claims.org, role: claims.role }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(expiresIn);
  if (process.env.AUTH_ISSUER) jwt.setIssuer(process.env.AUTH_ISSUER);
  if (process.env.AUTH_AUDIENCE) jwt.setAudience(process.env.AUTH_AUDIENCE);
  return jwt.sign(new TextEncoder().encode(secret));
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Lets through only requests that carry the gateway's secret, compared in constant time (both
 * sides hashed to the same length first). Anything else is refused before it is parsed.
 */
export function requireGateway(secret: string): RequestHandler {
  const expected = digest(secret);
  return (req, res, next) => {
    const given = req.headers[GATEWAY_SECRET_HEADER];
    if (typeof given === 'string' && timingSafeEqual(digest(given), expected)) return next();
    const status = given === undefined ? 401 : 403;
    res.status(status).json({
      errors: [{ message: 'This service answers the gateway only', extensions: { code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' } }],
    });
  };
}

/**
 * The partner of a request that passed `requireGateway`: the token is verified here again, the
 * organization id is the one the gateway resolved. No token: anonymous (null).
 */
export async function partnerFromHeaders(headers: IncomingHttpHeaders): Promise<Partner | null> {
  const token = bearerToken(headers.authorization);
  if (!token) return null;
  const claims = await verifyPartnerToken(token);
  const organizationId = headers[PARTNER_ORGANIZATION_HEADER];
  if (typeof organizationId !== 'string' || !isUuid(organizationId)) {
    throw new InvalidTokenError(`The partner token names an unknown organization ("${claims.org}")`);
  }
  return { organizationSlug: claims.org, organizationId, role: claims.role };
}

/** The Münsterland e.V. runs the regional hub: its admins may correct anything. */
export function isRegionalAdmin(partner: Partner): boolean {
  return partner.role === 'admin' && partner.organizationSlug === PARTNER_SLUGS.muensterland;
}

/** The partner, if it may write at all: anonymous callers and viewer tokens write nothing. */
export function requireWriter(partner: Partner | null): Partner {
  if (!partner) throw new UnauthenticatedError('Sign in with a partner token (role editor or admin) to change data');
  if (partner.role === 'viewer') throw new ForbiddenError(`A viewer token of ${partner.organizationSlug} may read but not change data`);
  return partner;
}
