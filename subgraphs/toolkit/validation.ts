import { BadUserInputError } from '../../shared/errors.js';
import { isUuid, looksLikeSlug } from '../../shared/ids.js';

/**
 * Checks of mutation input. Each failure is BAD_USER_INPUT naming the field as the client wrote
 * it (`input.title`). For optional fields `undefined` means "leave as is" and null or "" clears.
 */

type Optional<T> = T | null | undefined;

/**
 * Control characters other than tab, line feed and carriage return: NUL cannot be stored in
 * PostgreSQL text at all, and the others only garble what partners read. Lone UTF-16 surrogates
 * cannot be encoded as UTF-8 and would silently become U+FFFD.
 */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Refuses text holding control characters (NUL …), naming the field. */
export function assertPrintable(text: string, field: string): string {
  if (CONTROL_CHARACTER.test(text)) {
    throw new BadUserInputError(`${field} must not contain control characters (such as NUL) or broken Unicode`, field);
  }
  return text;
}

export function requiredText(value: Optional<string>, field: string, max: number): string {
  const text = value?.trim() ?? '';
  if (!text) throw new BadUserInputError(`${field} must not be empty`, field);
  if (text.length > max) throw new BadUserInputError(`${field} may have at most ${max} characters`, field);
  return assertPrintable(text, field);
}

export function optionalText(value: Optional<string>, field: string, max: number): Optional<string> {
  if (value === undefined) return undefined;
  const text = value?.trim() ?? '';
  if (!text) return null;
  if (text.length > max) throw new BadUserInputError(`${field} may have at most ${max} characters`, field);
  return assertPrintable(text, field);
}

/** An absolute http(s) address of a named host. */
export function optionalUrl(value: Optional<string>, field: string): Optional<string> {
  const text = optionalText(value, field, 500);
  if (text == null) return text;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname.includes('.') || /\s/.test(text)) {
    throw new BadUserInputError(`${field} must be a web address starting with https:// or http://`, field);
  }
  return text;
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[^\s@.]{2,}$/;
export function optionalEmail(value: Optional<string>, field: string): Optional<string> {
  const text = optionalText(value, field, 320);
  if (text != null && !EMAIL.test(text)) throw new BadUserInputError(`${field} must be an e-mail address like name@example.de`, field);
  return text;
}

const PHONE = /^\+?[0-9][0-9 ()/-]{2,40}$/;
export function optionalPhone(value: Optional<string>, field: string): Optional<string> {
  const text = optionalText(value, field, 60);
  if (text != null && !PHONE.test(text)) throw new BadUserInputError(`${field} must be a phone number of digits, spaces, +, /, - and ()`, field);
  return text;
}

export function requiredId(value: string, field: string): string {
  if (looksLikeSlug(value)) throw slugGivenAsId(value, field, lookupOf(field));
  if (!isUuid(value)) throw new BadUserInputError(`${field} is not a valid id`, field);
  return value.toLowerCase();
}

/** The lookup by slug that finds the id a field wants: `input.organizationId` → `organization`. */
function lookupOf(field: string): string {
  const name = field.split('.').pop()!.replace(/Ids?$/, '');
  if (/organization$/i.test(name)) return 'organization';
  if (/project$/i.test(name)) return 'project';
  if (/resource$/i.test(name)) return 'knowledgeResource';
  return 'project';
}

/**
 * BAD_USER_INPUT for a slug given where an id belongs, naming the lookup that turns the slug into
 * the id (`project(slug: "…") { id }`).
 */
export function slugGivenAsId(value: string, field: string, lookup: string): BadUserInputError {
  return new BadUserInputError(
    `${field} takes an id (a UUID), and "${value}" looks like a slug: look the record up by its slug with ${lookup}(slug: "${value}") { id }`,
    field,
  );
}

/** Trimmed, non-empty, distinct entries; null clears the list. */
export function textList(values: Optional<string[]>, field: string, maxItems: number, maxLength: number): string[] | undefined {
  if (values === undefined) return undefined;
  const list = [...new Set((values ?? []).map((value) => value.trim()))];
  if (list.length > maxItems) throw new BadUserInputError(`${field} may have at most ${maxItems} entries`, field);
  list.forEach((value, index) => {
    if (!value) throw new BadUserInputError(`${field}[${index}] must not be empty`, field);
    if (value.length > maxLength) throw new BadUserInputError(`${field}[${index}] may have at most ${maxLength} characters`, field);
    assertPrintable(value, field);
  });
  return list;
}

/** The first year of a cooperation: from the founding of Nordrhein-Westfalen (1946) to this year. */
export function optionalYear(value: Optional<number>, field: string): Optional<number> {
  if (value == null) return value;
  const thisYear = new Date().getUTCFullYear();
  if (!Number.isInteger(value) || value < 1946 || value > thisYear) {
    throw new BadUserInputError(`${field} must be a year from 1946 to ${thisYear}`, field);
  }
  return value;
}

/** Dates arrive as `Date` from the scalar; entities keep `YYYY-MM-DD`. */
export function optionalDate(value: Optional<Date | string>, _field: string): Optional<string> {
  if (value == null) return value;
  return value instanceof Date ? value.toISOString().slice(0, 10) : value.slice(0, 10);
}

export function assertDateOrder(start: Optional<string>, end: Optional<string>, field: string): void {
  if (start && end && end < start) throw new BadUserInputError(`${field} lies before the start date`, field);
}
