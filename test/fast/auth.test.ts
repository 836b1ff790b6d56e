import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerToken, signPartnerToken, verifyPartnerToken } from '../../shared/auth.js';

const SECRET = 'a-secret-only-for-the-fast-tests-0123456789';

describe('partner tokens', () => {
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.AUTH_SECRET = SECRET;
    for (const name of ['AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY', 'AUTH_ISSUER', 'AUTH_AUDIENCE']) delete process.env[name];
  });
  afterAll(() => {
    process.env = saved;
  });

  it('round-trips organization and role', async () => {
    const token = await signPartnerToken({ org: 'kreis-borken', role: 'editor' }, '1h', SECRET);
    expect(await verifyPartnerToken(token)).toEqual({ org: 'kreis-borken', role: 'editor' });
  });

  it.each([
    ['a wrong signature', () => signPartnerToken({ org: 'kreis-borken', role: 'editor' }, '1h', `${SECRET}-other`), /invalid/],
    ['an expired token', () => signPartnerToken({ org: 'kreis-borken', role: 'editor' }, -10, SECRET), /expired/],
    ['an unknown role', () => new SignJWT({ org: 'kreis-borken', role: 'owner' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET)), /role/],
    ['no expiry', () => new SignJWT({ org: 'kreis-borken', role: 'viewer' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET)), /invalid/],
    ['no organization', () => new SignJWT({ role: 'viewer' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET)), /organization/],
  ])('refuses %s with UNAUTHENTICATED', async (_name, make, message) => {
    const token = await make();
    const error = await verifyPartnerToken(token).then(() => null, (caught: unknown) => caught as { message: string; extensions: { code: string } });
    expect(error?.extensions.code).toBe('UNAUTHENTICATED');
    expect(error?.message).toMatch(message);
  });

  it('reads the token of a Bearer header and refuses other schemes', () => {
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(() => bearerToken('Basic dXNlcjpwYXNz')).toThrow(/Bearer/);
  });
});
