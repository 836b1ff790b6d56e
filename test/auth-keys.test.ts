import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * Production key configurations of the toolkit's token check, in-process: a public key
 * (`AUTH_PUBLIC_KEY`) or a key set (`AUTH_JWKS_URL`) of an outside identity provider.
 */

const VARIABLES = ['AUTH_PUBLIC_KEY', 'AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_SECRET'] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));

/** The auth module as a service would load it with `env` (keys are read once per process). */
async function authWith(env: Partial<Record<(typeof VARIABLES)[number], string>>) {
  for (const name of VARIABLES) delete process.env[name];
  Object.assign(process.env, env);
  vi.resetModules();
  return import('../shared/auth.js');
}

afterEach(() => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

const sign = (claims: Record<string, unknown>, alg: string, key: Parameters<SignJWT['sign']>[0], kid?: string) =>
  new SignJWT(claims).setProtectedHeader({ alg, ...(kid ? { kid } : {}) }).setExpirationTime('1h').sign(key);

describe('tokens of an outside identity provider', () => {
  it.each(['ES256', 'RS256'])('verifies %s tokens against AUTH_PUBLIC_KEY and refuses tokens signed otherwise', async (alg) => {
    const { publicKey, privateKey } = await generateKeyPair(alg);
    const other = await generateKeyPair(alg);
    // As it often arrives from an environment file: on one line with literal "\n".
    const auth = await authWith({ AUTH_PUBLIC_KEY: (await exportSPKI(publicKey)).replace(/\n/g, '\\n') });

    await expect(auth.verifyPartnerToken(await sign({ org: 'kreis-borken', role: 'editor' }, alg, privateKey))).resolves.toEqual({ org: 'kreis-borken', role: 'editor' });
    await expect(auth.verifyPartnerToken(await sign({ org: 'kreis-borken', role: 'editor' }, alg, other.privateKey))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    // A shared-secret token must not pass where a public key is configured.
    await expect(auth.verifyPartnerToken(await sign({ org: 'kreis-borken', role: 'admin' }, 'HS256', new TextEncoder().encode('x'.repeat(32)))))
      .rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('verifies tokens against AUTH_JWKS_URL, with the configured issuer and audience', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' };
    const server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const auth = await authWith({ AUTH_JWKS_URL: url, AUTH_ISSUER: 'https://login.example.org', AUTH_AUDIENCE: 'muensterland-graph' });
      const claims = { org: 'stadt-muenster', role: 'viewer', iss: 'https://login.example.org', aud: 'muensterland-graph' };
      await expect(auth.verifyPartnerToken(await sign(claims, 'ES256', privateKey, 'key-1'))).resolves.toEqual({ org: 'stadt-muenster', role: 'viewer' });
      await expect(auth.verifyPartnerToken(await sign({ ...claims, aud: 'another-app' }, 'ES256', privateKey, 'key-1'))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      await expect(auth.verifyPartnerToken(await sign({ ...claims, iss: 'https://evil.example' }, 'ES256', privateKey, 'key-1'))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      server.close();
    }
  });

  it('the embedded default (HS256) takes AUTH_SECRET over the generated file', async () => {
    const auth = await authWith({ AUTH_SECRET: 'a-secret-from-the-environment-000' });
    const token = await auth.signPartnerToken({ org: 'kreis-coesfeld', role: 'admin' }, '5m');
    await expect(auth.verifyPartnerToken(token)).resolves.toEqual({ org: 'kreis-coesfeld', role: 'admin' });
  });
});
