import { GraphQLScalarType, Kind } from 'graphql';
import { BadUserInputError } from './errors.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The day a `YYYY-MM-DD` text names (midnight UTC), or null when it names none: month 13,
 * 30 February, year 0000 (there is no year 0, and PostgreSQL refuses it). One check for the
 * Date scalar of every subgraph and for the gateway's export parameters, so an impossible date
 * is refused before any SQL is written.
 */
export function calendarDate(value: unknown): Date | null {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || value.startsWith('0000')) return null;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return null;
  return date;
}

function parseDate(value: unknown): Date {
  const date = calendarDate(value);
  if (!date) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
    throw new BadUserInputError(`Expected a calendar date as YYYY-MM-DD (years 0001 to 9999), got ${shown}`);
  }
  return date;
}

/** A calendar date without time of day (`2022-05-15`), as reference dates and periods are. */
export const DateScalar = new GraphQLScalarType<Date, string>({
  name: 'Date',
  description: 'A calendar date, `YYYY-MM-DD` (ISO 8601).',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && ISO_DATE.test(value.slice(0, 10))) return value.slice(0, 10);
    throw new TypeError('Date cannot represent this value');
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    return parseDate(ast.kind === Kind.STRING ? ast.value : undefined);
  },
});
