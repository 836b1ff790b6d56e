import { raw, type EntityManager, type EntityName } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { BadUserInputError } from '../../shared/errors.js';
import { slugify } from '../../shared/ids.js';

/**
 * What the batch imports (`importProjects`, `importKnowledgeResources`) share. A batch is checked
 * row by row with the very checks of the single-record mutation; instead of stopping at the first
 * bad row, every bad row is collected, and the batch is refused as a whole when any row is bad.
 */

/**
 * Rows per batch: one transaction must finish within the gateway's wait for a subgraph
 * (SUBGRAPH_TIMEOUT_MS, 5 s by default); 500 projects take about 1 s on a loaded 2-core machine.
 */
export const MAX_IMPORT_ROWS = 500;
/** Rows checked at once: the checks ask the database and other subgraphs. */
const CHECK_CONCURRENCY = 8;
/** Errors that describe a row; anything else (a subgraph down, a bug) fails the whole request as it is. */
const ROW_CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN']);

/** Every import row may say where it stands in the file it was read from, so that errors name the line the user sees. */
export interface ImportRowInput {
  line?: number | null;
}

export const LINE_DESCRIPTION = 'Line of the row in the source file (1 = the first line), named by errors; default: the row\'s position in `rows`.';

/** One bad row: where it stands, which field (as the row names it, e.g. `title`, `contact.email`), what is wrong. */
export interface RowProblem {
  /** Line in the source file when the row gave one, else null. */
  line: number | null;
  /** Position in `rows`, from 1. */
  row: number;
  field: string;
  message: string;
  code: string;
}

/** `line 7, title: must not be empty` (or `row 3, …` when the row named no line). */
export function formatRowProblem(problem: RowProblem): string {
  const where = problem.line == null ? `row ${problem.row}` : `line ${problem.line}`;
  return problem.field ? `${where}, ${problem.field}: ${problem.message}` : `${where}: ${problem.message}`;
}

/**
 * A batch with bad rows. The message lists every bad row, one per line, so that a client that
 * sees only messages still learns all of them; `extensions.rows` holds the same as data and
 * `extensions.field` points at the first bad field.
 */
export class InvalidRowsError extends GraphQLError {
  constructor(problems: RowProblem[], total: number) {
    const code = problems.every((problem) => problem.code === 'FORBIDDEN') ? 'FORBIDDEN' : 'BAD_USER_INPUT';
    const first = problems[0];
    super(`${problems.length} of ${total} rows are invalid; nothing was imported:\n${problems.map(formatRowProblem).join('\n')}`, {
      extensions: {
        code,
        field: `input.rows[${first.row - 1}]${first.field ? `.${first.field}` : ''}`,
        rows: problems.map(({ line, row, field, message }) => ({ line, row, field, message })),
      },
    });
  }
}

/** A row error for `field` when the check that raised it names none (ownership checks). */
export function inField(error: unknown, field: string): unknown {
  if (!(error instanceof GraphQLError) || error.extensions?.field) return error;
  return new GraphQLError(error.message, { extensions: { ...error.extensions, field } });
}

function problemOf(error: GraphQLError, index: number, line: number | null): RowProblem {
  const code = String(error.extensions.code);
  // The mutations' checks say `input.title must not be empty`: inside a row that is `title: must not be empty`.
  const named = /^input\.([\w.[\]]+):? (.+)$/s.exec(error.message);
  if (named) return { line, row: index + 1, field: named[1], message: named[2], code };
  const field = typeof error.extensions.field === 'string' ? error.extensions.field.replace(/^input\./, '') : '';
  return { line, row: index + 1, field, message: error.message, code };
}

/**
 * Runs `check` (the single-record mutation's checks) on every row and returns the checked rows
 * in order; when any row fails, throws one `InvalidRowsError` naming every bad row.
 */
export async function checkEveryRow<Row extends ImportRowInput, Checked>(rows: Row[], check: (row: Row, index: number) => Promise<Checked>): Promise<Checked[]> {
  if (rows.length === 0) throw new BadUserInputError('input.rows must hold at least one row', 'input.rows');
  if (rows.length > MAX_IMPORT_ROWS) throw new BadUserInputError(`input.rows may hold at most ${MAX_IMPORT_ROWS} rows; import larger files in parts`, 'input.rows');
  rows.forEach((row, index) => {
    if (row.line != null && (!Number.isInteger(row.line) || row.line < 1)) throw new BadUserInputError(`input.rows[${index}].line must be a line number from 1`, `input.rows[${index}].line`);
  });

  const results: (Checked | undefined)[] = new Array(rows.length);
  const problems: RowProblem[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < rows.length; index = next++) {
      try {
        results[index] = await check(rows[index], index);
      } catch (error) {
        if (!(error instanceof GraphQLError) || !ROW_CODES.has(String(error.extensions?.code))) throw error;
        problems.push(problemOf(error, index, rows[index].line ?? null));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, rows.length) }, worker));
  if (problems.length) throw new InvalidRowsError(problems.sort((a, b) => a.row - b.row), rows.length);
  return results as Checked[];
}

/**
 * Free slugs for new records of one batch, in one query: like `uniqueSlug` (`title`, else
 * `title-2` …), and also distinct among the batch's own rows.
 */
export async function uniqueSlugs<T extends { slug: string }>(em: EntityManager, entity: EntityName<T>, titles: string[], fallback: string, maxLength: number): Promise<string[]> {
  const bases = titles.map((title) => (slugify(title) || fallback).slice(0, maxLength - 6).replace(/-+$/, ''));
  const distinct = [...new Set(bases)];
  // Slugs equal to a base, or a base with a numeric suffix: one scan, however many titles.
  const withoutSuffix = raw((alias: string) => `regexp_replace(${alias}.slug, '-[0-9]+$', '')`);
  const rows = await em.find(entity, { $or: [{ slug: { $in: distinct } }, { [withoutSuffix]: { $in: distinct } }] } as never, { fields: ['slug'] as never });
  const taken = new Set(rows.map((row) => row.slug));
  return bases.map((base) => {
    let slug = base;
    for (let suffix = 2; taken.has(slug); suffix += 1) slug = `${base}-${suffix}`;
    taken.add(slug);
    return slug;
  });
}
