/**
 * The behaviours that matter most in the regional graph (security first, then correctness), each
 * with one small source mutation that removes it and the test that claims to check it
 * (`npm run mutation-check`, docs/mutation-testing.md). A search text must occur exactly once
 * in its file; when the code around it changes, the check says "no longer applies" and fails,
 * rather than passing with nothing mutated: then pick a new stable line here.
 */
export interface Mutant {
  behaviour: string;
  /** What the replacement does to the code, in a few words. */
  mutation: string;
  file: string;
  search: string;
  replace: string;
  /** Test file and optional `-t` filter (vitest matches it against describe + test name). */
  test: string;
  filter?: string;
  /** fast: in-process tier; e2e: against the system the global setup starts. */
  tier: 'fast' | 'e2e';
  /** e2e only: false when the mutated code runs from source in the test process (no `npm run build` needed). */
  build?: boolean;
}

export const MUTANTS: Mutant[] = [
  {
    behaviour: 'a viewer token cannot write',
    mutation: 'requireWriter lets the viewer role through',
    file: 'shared/auth.ts',
    search: "if (partner.role === 'viewer') throw new ForbiddenError(",
    replace: "if ((partner.role as string) === 'no-such-role') throw new ForbiddenError(",
    test: 'test/ownership.test.ts',
    filter: 'by viewer$',
    tier: 'e2e',
  },
  {
    behaviour: "a partner cannot change another organization's project",
    mutation: 'assertMayEditProject lets every writer through',
    file: 'subgraphs/projects/ownership.ts',
    search: 'export function assertMayEditProject(partner: Partner, project: ProjectEntity): void {\n  if (isRegionalAdmin(partner) ||',
    replace: 'export function assertMayEditProject(partner: Partner, project: ProjectEntity): void {\n  if (true || isRegionalAdmin(partner) ||',
    test: 'test/ownership.test.ts',
    filter: '(updateProject|archiveProject) by',
    tier: 'e2e',
  },
  {
    behaviour: 'forged, expired and claimless partner tokens are refused (UNAUTHENTICATED)',
    mutation: 'verifyPartnerToken decodes the payload without checking signature or expiry',
    file: 'shared/auth.ts',
    search: '({ payload } = await jwtVerify(token, keys().key, {',
    replace: "({ payload } = await (async (jwt: string, ..._ignored: unknown[]) => ({ payload: JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString() || '{}') as Record<string, unknown> }))(token, keys().key, {",
    test: 'test/fast/auth.test.ts',
    tier: 'fast',
  },
  {
    behaviour: 'a subgraph answers only the gateway (shared secret)',
    mutation: 'requireGateway lets a request without the secret header through',
    file: 'shared/auth.ts',
    search: "if (typeof given === 'string' && timingSafeEqual(digest(given), expected)) return next();",
    replace: "if (given === undefined || (typeof given === 'string' && timingSafeEqual(digest(given), expected))) return next();",
    test: 'test/mutations.test.ts',
    filter: 'only the gateway may ask a subgraph',
    tier: 'e2e',
  },
  {
    behaviour: 'the cost limit refuses an expensive query, also sent by persisted-query hash',
    mutation: 'admission skips operations that arrive as an APQ hash',
    file: 'gateway/admission.ts',
    search: 'if (!operation) return; // no such operation',
    replace: 'if (!operation || request.extensions?.persistedQuery) return; // no such operation',
    test: 'test/admission.test.ts',
    filter: 'persisted-query hash registered harmless',
    tier: 'e2e',
  },
  {
    behaviour: 'the cost limit refuses an expensive query, also sent by GET',
    mutation: 'admission skips GET requests',
    file: 'gateway/admission.ts',
    search: 'if (!operation) return; // no such operation',
    replace: "if (!operation || request.http?.method === 'GET') return; // no such operation",
    test: 'test/admission.test.ts',
    filter: 'measures GET requests the same way',
    tier: 'e2e',
  },
  {
    behaviour: 'the depth limit refuses deeply nested queries (QUERY_DEPTH_LIMIT)',
    mutation: 'the depth rule allows 100 more levels',
    file: 'gateway/limits.ts',
    search: 'maxDepthRule({ ...options, n: maxDepth,',
    replace: 'maxDepthRule({ ...options, n: maxDepth + 100,',
    test: 'test/fast/admission.test.ts',
    filter: 'keeps the codes of every limit',
    tier: 'fast',
  },
  {
    behaviour: 'the rate limit keys a verified partner, whatever the spelling of its header (429)',
    mutation: 'the budget key is the raw Authorization header',
    file: 'gateway/rate-limit.ts',
    search: 'if (claims) return `partner:${claims.org}:${claims.role}`;',
    replace: 'if (claims) return `partner:${req.headers.authorization}`;',
    test: 'test/admission.test.ts',
    filter: '8 spellings of one header',
    tier: 'e2e',
    build: false, // the test starts its own gateway from source
  },
  {
    behaviour: 'no stale read after a write (response cache)',
    mutation: 'a mutation is not recognised: the response cache is never emptied',
    file: 'gateway/response-cache.ts',
    search: "if (operation.operation === 'mutation') {",
    replace: "if (operation.operation === 'mutation' && false) {",
    test: 'test/limits.test.ts',
    filter: 'never a stale one after a write',
    tier: 'e2e',
  },
  {
    behaviour: 'no stale read after a write (entity cache)',
    mutation: 'writes pass the entity cache without emptying it',
    file: 'gateway/entity-cache.ts',
    search: 'if (!request.readOnly) {',
    replace: 'if (!request.readOnly && false) {',
    test: 'test/entity-cache.test.ts',
    filter: 'never reads stale after updateOrganization',
    tier: 'e2e',
  },
  {
    behaviour: 'a request costs the same SQL statements however long its lists (DataLoader batching)',
    mutation: 'loadMany fetches every key on its own (N+1)',
    file: 'subgraphs/toolkit/loaders.ts',
    search: 'return new DataLoader<K, V[]>(async (keys) => {\n    const rows = await fetch(keys);',
    replace: 'return new DataLoader<K, V[]>(async (keys) => {\n    const rows = (await Promise.all(keys.map((key) => fetch([key])))).flat();',
    test: 'test/batching.test.ts',
    filter: 'a request costs the same SQL statements',
    tier: 'e2e',
  },
  {
    behaviour: 'the change feed hands out every event exactly once, each record in order',
    mutation: 'a page starts at its cursor instead of after it',
    file: 'subgraphs/toolkit/change-events.ts',
    search: 'where.push(`(txid, seq) > (?::xid8, ?::bigint)`);',
    replace: 'where.push(`(txid, seq) >= (?::xid8, ?::bigint)`);',
    test: 'test/change-events.test.ts',
    filter: 'a harvester paging while 200 writes run concurrently',
    tier: 'e2e',
  },
  {
    behaviour: 'webhook deliveries are signed over their body (Standard Webhooks)',
    mutation: 'the HMAC leaves the body out',
    file: 'subgraphs/toolkit/webhook-signing.ts',
    search: 'update(`${id}.${timestamp}.${body}`)',
    replace: 'update(`${id}.${timestamp}.`)',
    test: 'test/webhooks.test.ts',
    filter: 'receives a signed delivery of the rename',
    tier: 'e2e',
  },
  {
    behaviour: 'impossible calendar dates are refused before any SQL (BAD_USER_INPUT)',
    mutation: 'calendarDate accepts dates JavaScript rolls over (30 February → 2 March)',
    file: 'shared/dates.ts',
    search: "if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return null;",
    replace: 'if (Number.isNaN(date.getTime())) return null;',
    test: 'test/fast/input-errors.test.ts',
    filter: 'calendar date',
    tier: 'fast',
  },
  {
    behaviour: "contact persons' e-mail and phone stay hidden from anonymous callers",
    mutation: 'the phone resolver ignores who asks',
    file: 'subgraphs/organizations/person.resolver.ts',
    search: 'return partner ? person.phone ?? null : null;',
    replace: 'return person.phone ?? null;',
    test: 'test/auth.test.ts',
    filter: 'shows e-mail and phone to signed-in partners only',
    tier: 'e2e',
  },
  {
    behaviour: "the entity cache never gives one caller's personal data to another",
    mutation: 'every caller shares one cache scope',
    file: 'gateway/entity-cache.ts',
    search: "`${request.headers.authorization ?? ''}\\n${request.headers['x-partner-organization-id'] ?? ''}\\n${request.payload.query",
    replace: "`${request.payload.query",
    test: 'test/entity-cache.test.ts',
    filter: 'personal data of contact persons',
    tier: 'e2e',
  },
  {
    behaviour: 'the change history masks personal data for anonymous callers',
    mutation: 'history fields are never masked',
    file: 'subgraphs/toolkit/change-events.type.ts',
    search: 'changedFields: maskFields(row.changedFields, partner != null),',
    replace: 'changedFields: maskFields(row.changedFields, true),',
    test: 'test/change-events.test.ts',
    filter: 'masks contact persons',
    tier: 'e2e',
  },
  {
    behaviour: 'a write with a stale version is refused (CONFLICT), 50 concurrent writers: one wins',
    mutation: 'expectVersion accepts any version',
    file: 'subgraphs/toolkit/mutations.ts',
    search: 'if (record.version !== version) {',
    replace: 'if (record.version !== version && false) {',
    test: 'test/mutations.test.ts',
    filter: 'exactly one succeeds, 49 get CONFLICT',
    tier: 'e2e',
  },
];
