import { GraphQLScalarType, Kind } from 'graphql';
import { BadUserInputError } from './errors.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new BadUserInputError(`Expected a calendar date as YYYY-MM-DD, got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  const date = new Date(`${value}T00:00:00Z`);
  if (date.toISOString().slice(0, 10) !== value) throw new BadUserInputError(`${value} is not a calendar date`);
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
