import { parseArgs } from 'node:util';
import { ROLES, signPartnerToken, type Role } from '../shared/auth.js';
import { envInt } from '../shared/config.js';
import { usesExternalKeys } from '../shared/secrets.js';
import { postGraphQL } from './lib/graphql-post.js';

/**
 * `npm run -s token -- --org <organization slug> --role editor [--expires 8h]`: prints a partner
 * token for local use (and nothing else) on standard output, signed with the embedded default's
 * secret in DATA_DIR. The organization is checked with the running gateway, the same way the
 * gateway checks every token: so a token printed here is one the system accepts.
 */
const USAGE = 'Usage: npm run -s token -- --org <organization slug> --role viewer|editor|admin [--expires 8h]';
const EXPIRES = /^[1-9][0-9]{0,5}(s|m|h|d)$/;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let values: { org?: string; role?: string; expires?: string };
try {
  ({ values } = parseArgs({ options: { org: { type: 'string' }, role: { type: 'string' }, expires: { type: 'string', default: '8h' } } }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : error}\n${USAGE}`);
}
const { org, role, expires = '8h' } = values;
if (!org) fail(`--org is missing.\n${USAGE}`);
if (!role || !ROLES.includes(role as Role)) fail(`--role must be one of ${ROLES.join(', ')}, got ${role ? `"${role}"` : 'nothing'}.\n${USAGE}`);
if (!EXPIRES.test(expires)) fail(`--expires must be a number with s, m, h or d, e.g. 30m or 8h; got "${expires}".`);
if (usesExternalKeys()) fail('AUTH_JWKS_URL or AUTH_PUBLIC_KEY is set: partner tokens come from your identity provider, not from this script.');

const gatewayUrl = process.env.GATEWAY_URL || `http://127.0.0.1:${envInt('GATEWAY_PORT', 4000)}/graphql`;
let organization: { name: string } | null;
try {
  const answer = await postGraphQL<{ organization: { name: string } | null }>(gatewayUrl, 'query($slug: String!) { organization(slug: $slug) { name } }', { slug: org }, { timeoutMs: 10_000 });
  if (!answer.data) throw new Error(`HTTP ${answer.status}`);
  organization = answer.data.organization;
} catch (error) {
  fail(`Cannot ask the gateway at ${gatewayUrl} whether "${org}" exists (${error instanceof Error ? error.message : error}). Start the system with \`npm start\`, or set GATEWAY_URL.`, 1);
}
if (!organization) fail(`There is no organization with the slug "${org}". Slugs look like kreis-borken, stadt-muenster, muensterland-e-v.`);

console.error(`Token for ${organization.name} (${org}), role ${role}, valid for ${expires}.`);
console.log(await signPartnerToken({ org, role: role as Role }, expires));
