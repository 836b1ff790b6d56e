import { SignJWT } from 'jose';
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { graphql, subgraphUrl, tokenFor } from './client.js';

const root = path.join(import.meta.dirname, '..');
const secret = () => new TextEncoder().encode(inject('tokenSecret'));

/** The environment of `npm run token` against the running test system. */
function tokenEnv() {
  return { ...process.env, DATA_DIR: inject('dataDir'), GATEWAY_PORT: new URL(inject('gatewayUrl')).port, AUTH_SECRET: '', GATEWAY_SECRET: '' };
}

/** The script itself, without npm around it: several run at once. */
async function token(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], { cwd: root, env: tokenEnv() }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

describe('npm run token', () => {
  it('prints the token alone on standard output, and the system accepts it', async () => {
    const result = spawnSync('npm', ['run', '-s', 'token', '--', '--org', 'kreis-borken', '--role', 'editor'], { cwd: root, encoding: 'utf8', env: tokenEnv() });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const jwt = result.stdout.trim();
    expect(claimsOf(jwt)).toMatchObject({ org: 'kreis-borken', role: 'editor' });
    expect(claimsOf(jwt).exp - claimsOf(jwt).iat).toBe(8 * 3600);

    const { status, errors } = await graphql(`{ topics { key } }`, {}, { token: jwt });
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
  });

  it('takes --expires, and refuses unknown organizations, roles and malformed arguments with a clear message and exit code 2', async () => {
    const [thirtyMinutes, ...refused] = await Promise.all([
      token('--org', 'stadt-muenster', '--role', 'viewer', '--expires', '30m'),
      token('--org', 'kreis-gibt-es-nicht', '--role', 'editor'),
      token('--org', 'kreis-borken', '--role', 'owner'),
      token('--role', 'editor'),
      token('--org', 'kreis-borken', '--role', 'editor', '--expires', 'forever'),
    ]);
    expect(thirtyMinutes.status).toBe(0);
    const claims = claimsOf(thirtyMinutes.stdout.trim());
    expect(claims.exp - claims.iat).toBe(1800);

    const messages = [/no organization with the slug "kreis-gibt-es-nicht"/, /--role must be one of viewer, editor, admin/, /--org is missing/, /--expires must be/];
    refused.forEach((result, index) => {
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(messages[index]);
    });
  });
});

describe('tokens the system refuses', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: [string, () => Promise<string>][] = [
    ['an expired token', () => new SignJWT({ org: 'kreis-borken', role: 'editor' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(now() - 60).sign(secret())],
    ['a token signed with another secret', () => new SignJWT({ org: 'kreis-borken', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode('guessed-secret-guessed-secret-32'))],
    ['a malformed token', async () => 'not.a.token'],
    ['a token without expiry', () => new SignJWT({ org: 'kreis-borken', role: 'editor' }).setProtectedHeader({ alg: 'HS256' }).sign(secret())],
    ['a token with an unknown role', () => new SignJWT({ org: 'kreis-borken', role: 'owner' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(secret())],
    ['a token without organization', () => new SignJWT({ role: 'editor' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(secret())],
    ['a token of an unknown organization', () => tokenFor('kreis-gibt-es-nicht', 'editor')],
    ['an unsigned token (alg none)', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ org: 'kreis-borken', role: 'admin', exp: now() + 3600 })).toString('base64url')}.`],
  ];

  it.each(cases)('%s gets UNAUTHENTICATED, even on a read-only query', async (_name, make) => {
    const { status, data, errors } = await graphql(`{ topics { key } }`, {}, { token: await make() });
    expect(status).toBe(401);
    expect(data).toBeUndefined();
    expect(errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an Authorization header that is not a bearer token gets UNAUTHENTICATED', async () => {
    const { status, errors } = await graphql(`{ topics { key } }`, {}, { headers: { authorization: 'Basic a3JlaXM6Ym9ya2Vu' } });
    expect(status).toBe(401);
    expect(errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('each subgraph verifies the token itself, even with the gateway\'s secret', async () => {
    const { data } = await graphql(`{ organization(slug: "kreis-borken") { id } }`);
    const forged = await new SignJWT({ org: 'muensterland-e-v', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h')
      .sign(new TextEncoder().encode('guessed-secret-guessed-secret-32'));
    const direct = await graphql(`{ topics { key } }`, {}, { url: subgraphUrl('projects'), token: forged, headers: { 'x-partner-organization-id': data.organization.id } });
    expect(direct.status).toBe(401);
    expect(direct.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // A valid token whose organization the gateway did not resolve is refused too.
    const unresolved = await graphql(`{ topics { key } }`, {}, { url: subgraphUrl('projects'), token: await tokenFor('kreis-borken') });
    expect(unresolved.status).toBe(401);
  });
});

describe('personal data of contact persons', () => {
  it('shows e-mail and phone to signed-in partners only; anonymous callers get null and no error', async () => {
    const { data: lookup } = await graphql(`{ organization(slug: "kreis-warendorf") { id } }`);
    const warendorf = await tokenFor('kreis-warendorf', 'editor');
    const created = await graphql(
      `mutation($input: CreateContactPersonInput!) { createContactPerson(input: $input) { contactPerson { id version name role email phone createdBy organization { slug } } } }`,
      { input: { organizationId: lookup.organization.id, name: 'Erika Musterfrau', role: 'Mitglied im Arbeitskreis', email: 'erika.musterfrau@kreis-warendorf.de', phone: '02581 53-0' } },
      { token: warendorf },
    );
    expect(created.errors).toBeUndefined();
    const person = created.data.createContactPerson.contactPerson;
    expect(person).toMatchObject({ name: 'Erika Musterfrau', email: 'erika.musterfrau@kreis-warendorf.de', phone: '02581 53-0', createdBy: 'kreis-warendorf', organization: { slug: 'kreis-warendorf' } });

    try {
      const query = `{ organization(slug: "kreis-warendorf") { name people { name role email phone } } }`;
      const anonymous = await graphql(query);
      expect(anonymous.errors).toBeUndefined();
      expect(anonymous.data.organization.people).toContainEqual({ name: 'Erika Musterfrau', role: 'Mitglied im Arbeitskreis', email: null, phone: null });

      const viewer = await graphql(query, {}, { token: await tokenFor('stadt-muenster', 'viewer') });
      expect(viewer.errors).toBeUndefined();
      expect(viewer.data.organization.people).toContainEqual({
        name: 'Erika Musterfrau', role: 'Mitglied im Arbeitskreis', email: 'erika.musterfrau@kreis-warendorf.de', phone: '02581 53-0',
      });
    } finally {
      const removed = await graphql(
        `mutation($input: RemoveContactPersonInput!) { removeContactPerson(input: $input) { removedContactPersonId organization { people { id } } } }`,
        { input: { id: person.id, version: person.version } },
        { token: warendorf },
      );
      expect(removed.errors).toBeUndefined();
      expect(removed.data.removeContactPerson.organization.people).not.toContainEqual({ id: person.id });
    }
  });
});
