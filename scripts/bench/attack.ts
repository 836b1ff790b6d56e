import { createHash } from 'node:crypto';
import { signPartnerToken, type Role } from '../../shared/auth.js';

/**
 * The hostile client of `npm run soak -- --attack`: one partner token (a viewer) and its own
 * address, cycling through every way around the gateway's limits that was ever found (issue 10),
 * on a few connections at once without pause. Loopback only: it talks to the gateway it is given.
 */

export const ATTACKER: { org: string; role: Role } = { org: 'muensterland-e-v', role: 'viewer' };

const ORGANIZATIONS = ['kreis-borken', 'kreis-coesfeld', 'kreis-steinfurt', 'kreis-warendorf', 'stadt-muenster', 'muensterland-e-v'];
const ROLES: Role[] = ['editor', 'admin', 'viewer'];

/** The partner app a normal client is: each its own organization and role, never the attacker's. */
export function normalClientIdentity(index: number): { org: string; role: Role } {
  const identities = ROLES.flatMap((role) => ORGANIZATIONS.map((org) => ({ org, role }))).filter((identity) => identity.org !== ATTACKER.org || identity.role !== ATTACKER.role);
  return identities[index % identities.length];
}

export interface AttackTally {
  requests: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  /** Requests that should never run (over the cost limit by hash, default or GET) and did. */
  admittedCostly: number;
}

const CONNECTIONS = 4;
const COSTLY = 'query Costly($first: Int!) { projects(first: $first) { edges { node { participants { organization { children { name children { name } } } } } } } }';
const HEAVY = 'query Heavy($n: Int!) { projects(first: $n) { edges { node { title participants { organization { name } } topics { key } resources { title } } } } }';
const WRITE = 'mutation Touch($input: UpdateProjectInput!) { updateProject(input: $input) { project { version } } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function runAttacker(gatewayUrl: string, deadline: number): Promise<AttackTally> {
  const base = gatewayUrl.replace(/\/graphql$/, '');
  const token = await signPartnerToken(ATTACKER, '2h');
  const spellings = [`Bearer ${token}`, `bearer ${token}`, `BEARER ${token}`, `Bearer  ${token}`, `Bearer ${token} `, `bEaReR   ${token}`, `Bearer   ${token}  `, `BeArEr ${token}`];
  const tally: AttackTally = { requests: 0, byStatus: {}, byCode: {}, admittedCostly: 0 };
  let step = 0;

  const send = async (url: string, init: RequestInit, costly = false) => {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
      const text = await response.text();
      tally.byStatus[response.status] = (tally.byStatus[response.status] ?? 0) + 1;
      if (costly && response.status === 200) tally.admittedCostly += 1;
      const code = /"code":"([A-Z_]+)"/.exec(text.slice(0, 2000))?.[1];
      if (code) tally.byCode[code] = (tally.byCode[code] ?? 0) + 1;
    } catch (error) {
      tally.byStatus.error = (tally.byStatus.error ?? 0) + 1;
      tally.byCode[error instanceof Error ? error.name : 'error'] = (tally.byCode[error instanceof Error ? error.name : 'error'] ?? 0) + 1;
    }
    tally.requests += 1;
  };
  const json = (body: unknown, authorization?: string): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

  // Register the costly text harmlessly (first: 0), as the original attack did.
  await send(gatewayUrl, json({ query: COSTLY, variables: { first: 0 }, extensions: persisted(COSTLY) }));

  const tricks: ((n: number) => Promise<void>)[] = [
    // A persisted hash with the costly variable.
    () => send(gatewayUrl, json({ variables: { first: 500 }, extensions: persisted(COSTLY) }, spellings[0]), true),
    // The cost hidden in a variable default.
    () => send(gatewayUrl, json({ query: COSTLY.replace('$first: Int!', '$first: Int = 500') }), true),
    // GET with the costly variable.
    () => send(`${gatewayUrl}?${new URLSearchParams({ query: COSTLY, variables: JSON.stringify({ first: 500 }) })}`, { headers: { 'apollo-require-preflight': 'true' } }, true),
    // Heavy but admissible reads, with the token in ever other spellings: the budget stops them.
    (n) => send(gatewayUrl, json({ query: HEAVY, variables: { n: 200 } }, spellings[n % spellings.length])),
    // The same anonymously, from the attacker's address.
    () => send(gatewayUrl, json({ query: HEAVY, variables: { n: 200 } })),
    // Invented operation names for the metrics.
    (n) => send(gatewayUrl, json({ query: `query Invented${n}x${Date.now()} { topics { key } }` })),
    // Files: exports and profile sheets.
    () => send(`${base}/export/projects.csv`, {}),
    (n) => send(`${base}/profiles/informelle-regionalentwicklung-im-muensterland.pdf`, { headers: { authorization: spellings[n % spellings.length] } }),
    // A write by hash (the viewer may not write; it still reaches the pipeline).
    () => send(gatewayUrl, json({ query: WRITE, variables: { input: { id: '00000000-0000-4000-8000-000000000000', version: 1, summary: 'x' } }, extensions: persisted(WRITE) }, spellings[1])),
    // Bombs: depth, aliases, directives, tokens.
    () => send(gatewayUrl, json({ query: `{ organization(slug: "kreis-borken") { ${'parent { '.repeat(40)} name ${'} '.repeat(40)} } }` })),
    () => send(gatewayUrl, json({ query: `{ ...A } fragment A on Query { ${Array.from({ length: 10 }, (_, i) => `x${i}: topics { ...B }`).join(' ')} } fragment B on Topic { ${Array.from({ length: 10 }, (_, i) => `y${i}: key`).join(' ')} }` })),
    () => send(gatewayUrl, json({ query: `{ topics { ${'key @include(if: true) '.repeat(200)} } }` })),
    () => send(gatewayUrl, json({ query: `{ topics { ${'key '.repeat(20_000)} } }` })),
  ];

  const connection = async () => {
    while (Date.now() < deadline) {
      step += 1;
      await tricks[step % tricks.length](step);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, connection));
  return tally;
}
