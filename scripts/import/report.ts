import type { GraphQLAnswer } from '../lib/graphql-post.js';
import { TYPES, type ImportType, type Problem } from './types.js';

/** What `npm run import` tells its user when it stops: every message ends the process. */

export const USAGE = 'Usage: npm run import -- <file.csv|file.json|file.xlsx> --type projects|resources --as <organization slug> [--gateway <url>] [--dry-run] [--allow-duplicates]';

export function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

export function refused(answer: GraphQLAnswer): never {
  const error = answer.errors?.[0];
  fail(`The import failed (${error?.extensions?.code ?? `HTTP ${answer.status}`}): ${error?.message ?? 'no answer'}. Nothing was written.`, 1);
}

/**
 * The write request got no answer: the gateway gave up waiting for the subgraph (SUBGRAPH_TIMEOUT_MS)
 * or the connection broke. The transaction may still have committed, so say so instead of guessing.
 */
export function outcomeUnknown(type: ImportType, answer: GraphQLAnswer, since: Date, organizationId: string): never {
  const error = answer.errors?.[0];
  const where = type === TYPES.projects ? `projects.csv?organizationId=${organizationId}` : `resources.csv?authorOrganizationId=${organizationId}`;
  fail(`No answer to the write (${error?.extensions?.code ?? `HTTP ${answer.status}`}: ${error?.message ?? 'no answer'}). The transaction wrote all rows or none; `
    + `before importing again, look for them: GET /export/${where}&modifiedSince=${since.toISOString()}`, 1);
}

export const rowsWord = (count: number) => `${count} ${count === 1 ? 'row' : 'rows'}`;

export function report(file: string, problems: Problem[], total: number): never {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
  const badLines = new Set(sorted.map((problem) => problem.line)).size;
  const lines = sorted.map((problem) => `  line ${problem.line}${problem.field ? `, ${problem.field}` : ''}: ${problem.message}`);
  const headline = total === 0 || sorted.every((problem) => problem.line === 1)
    ? `${file} cannot be imported; nothing was written.`
    : `${file}: ${badLines} of ${rowsWord(total)} ${badLines === 1 ? 'is' : 'are'} invalid; nothing was written.`;
  fail(`${headline}\n${lines.join('\n')}`, 1);
}
