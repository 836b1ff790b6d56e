import { postGraphQL, type GraphQLAnswer } from '../lib/graphql-post.js';
import { refused } from './report.js';
import type { Problem, Row } from './types.js';

/** The gateway as `npm run import` talks to it: over `scripts/lib/graphql-post.ts`, a missing answer as an error. */

export async function request(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLAnswer> {
  try {
    return await postGraphQL(url, query, variables, { token });
  } catch (error) {
    return { status: 0, errors: [{ message: `cannot reach the gateway at ${url} (${error instanceof Error ? error.message : error}); start the system with \`npm start\`, or pass --gateway <url>`, extensions: { code: 'NO_ANSWER' } }] };
  }
}

const ROW_PROBLEM = /^line (\d+)(?:, ([^:]+))?: (.*)$/;

/** The bad rows an import mutation named: `extensions.rows` where the gateway passes it on, else the lines of the message. */
export function rowProblems(error: NonNullable<GraphQLAnswer['errors']>[number]): Problem[] | null {
  if (!['BAD_USER_INPUT', 'FORBIDDEN'].includes(error.extensions?.code)) return null;
  if (Array.isArray(error.extensions?.rows)) {
    return error.extensions.rows.map((row: { line: number | null; row: number; field: string; message: string }) => ({ line: row.line ?? row.row, field: row.field, message: row.message }));
  }
  const problems = error.message.split('\n').slice(1).flatMap((text) => {
    const match = ROW_PROBLEM.exec(text);
    return match ? [{ line: Number(match[1]), field: match[2] ?? '', message: match[3] }] : [];
  });
  return problems.length ? problems : null;
}

/**
 * One root field per item, in requests of at most LOOKUP_CHUNK root fields (the gateway's limit
 * on root fields and aliases): `field(i)` is the selection for the i-th item with its variable `$vi`.
 */
const LOOKUP_CHUNK = 20;
export async function perItem<T>(gatewayUrl: string, items: unknown[], variableType: string, field: (variable: string) => string, token?: string): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < items.length; start += LOOKUP_CHUNK) {
    const chunk = items.slice(start, start + LOOKUP_CHUNK);
    const query = `query(${chunk.map((_, index) => `$v${index}: ${variableType}`).join(', ')}) { ${chunk.map((_, index) => `r${index}: ${field(`$v${index}`)}`).join(' ')} }`;
    const answer = await request(gatewayUrl, query, Object.fromEntries(chunk.map((item, index) => [`v${index}`, item])), token);
    if (!answer.data) refused(answer);
    results.push(...chunk.map((_, index) => answer.data![`r${index}`] as T));
  }
  return results;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type ParticipantRow = { organizationId: string };

/** Participants named by slug (as exports write them) become ids; an unknown slug is a problem of its row. */
export async function resolveParticipantSlugs(gatewayUrl: string, rows: Row[], problems: Problem[]): Promise<void> {
  const participantSlugs = [...new Set(rows.flatMap((row) => ((row.participants ?? []) as ParticipantRow[]).map((participant) => participant.organizationId)).filter((key) => !UUID.test(key)))];
  if (!participantSlugs.length) return;
  const found = await perItem<{ id: string } | null>(gatewayUrl, participantSlugs, 'String!', (variable) => `organization(slug: ${variable}) { id }`);
  const ids = new Map(participantSlugs.map((slug, index) => [slug, found[index]?.id]));
  for (const row of rows) {
    ((row.participants ?? []) as ParticipantRow[]).forEach((participant, index) => {
      if (!ids.has(participant.organizationId)) return;
      const id = ids.get(participant.organizationId);
      if (id) participant.organizationId = id;
      else problems.push({ line: row.line, field: 'participants', message: `entry ${index + 1}: there is no organization with the slug "${participant.organizationId}"` });
    });
  }
}
