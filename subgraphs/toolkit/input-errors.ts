import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { BadUserInputError } from '../../shared/errors.js';
import { CONTROL_CHARACTER } from './validation.js';

/**
 * The last line of defence behind the input checks: a value that still reaches PostgreSQL and is
 * refused there as data (SQLSTATE class 22: NUL in text, a date out of range, a number too big …)
 * is the client's mistake, so it becomes BAD_USER_INPUT naming the argument that holds it, never
 * INTERNAL_SERVER_ERROR. Only fields that take arguments are wrapped; plain fields cost nothing.
 */
const DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;
const DATE_EXCEPTIONS = new Set(['22007', '22008']);

type Args = Record<string, unknown>;

function* leaves(value: unknown, path: string): Generator<[string, unknown]> {
  if (Array.isArray(value)) {
    for (const item of value) yield* leaves(item, path);
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) yield* leaves(item, path ? `${path}.${key}` : key);
  } else {
    yield [path, value];
  }
}

/** The argument path (`input.title`, `filter.name`) most likely to hold the value the database refused. */
export function suspectField(args: Args, sqlState: string): string | undefined {
  const all = [...leaves(args, '')];
  const suspect =
    all.find(([, value]) => typeof value === 'string' && CONTROL_CHARACTER.test(value)) ??
    (DATE_EXCEPTIONS.has(sqlState) ? all.find(([, value]) => value instanceof Date || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value))) : undefined) ??
    all[0];
  return suspect?.[0] || undefined;
}

export function asInputError(error: unknown, args: Args): unknown {
  const sqlState = (error as { code?: unknown } | null)?.code;
  if (typeof sqlState !== 'string' || !DATA_EXCEPTION.test(sqlState)) return error;
  const field = suspectField(args, sqlState);
  return new BadUserInputError(`${field ?? 'A value of this request'} is not a value that can be stored or compared (for example a NUL character or a date out of range)`, field);
}

function guarded(resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    try {
      const result = resolve(source, args, context, info);
      return result instanceof Promise ? result.catch((error) => Promise.reject(asInputError(error, args))) : result;
    } catch (error) {
      throw asInputError(error, args);
    }
  };
}

/** Wraps the resolver of every field with arguments in `schema` (in place), returning it. */
export function guardInputErrors(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length > 0) field.resolve = guarded(field.resolve ?? defaultFieldResolver);
    }
  }
  return schema;
}
