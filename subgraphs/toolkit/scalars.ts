import { GraphQLScalarType, Kind } from 'graphql';
import { calendarDate, ISO_DATE } from '../../shared/dates.js';
import { BadUserInputError } from '../../shared/errors.js';

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
