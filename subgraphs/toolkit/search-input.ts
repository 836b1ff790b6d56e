import { BadUserInputError } from '../../shared/errors.js';

/**
 * Search input from clients, checked before it reaches SQL. The SQL side of German full-text
 * search is `search-sql.ts` and each subgraph's migration (`fold_german`, a stored `search_vector`).
 */
export const SEARCH_TEXT_MAX_LENGTH = 500;

/**
 * The search text of a filter, or null when there is nothing to search for. Too long is a
 * BAD_USER_INPUT; NUL (which PostgreSQL text cannot hold) and other control characters become
 * spaces, and lone UTF-16 surrogates are replaced, so any remaining text is safe to bind.
 */
export function searchText(value: string | null | undefined, field: string, maxLength = SEARCH_TEXT_MAX_LENGTH): string | null {
  if (value == null) return null;
  if (value.length > maxLength) throw new BadUserInputError(`${field} is longer than ${maxLength} characters`, field);
  const text = value
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim();
  return text === '' ? null : text;
}

/** Topic keys and slugs are lowercase ASCII words joined by hyphens. */
export const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A list of keys from a client: bounded, and each a key, so no odd byte (NUL…) reaches SQL. */
export function assertKeys(keys: readonly string[], field: string, max = 100): void {
  if (keys.length > max || keys.some((key) => key.length > 60 || !KEY.test(key))) {
    throw new BadUserInputError(`${field} takes at most ${max} keys of lowercase letters, digits and hyphens (at most 60 characters each)`, field);
  }
}
