import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

/** Errors a client can act on carry a literal `extensions.code` (and the offending field). */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'NOT_FOUND' } });
  }
}

/** How a developer gets a partner token: said wherever one is missing. */
export const HOW_TO_GET_A_TOKEN =
  'send it as "Authorization: Bearer <token>"; for local use `npm run -s token -- --org <your organization\'s slug> --role editor` prints one';

export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'Sign in with a partner token to do this') {
    super(`${message}: ${HOW_TO_GET_A_TOKEN}`, { extensions: { code: 'UNAUTHENTICATED' } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}

export class ConflictError extends GraphQLError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code: 'CONFLICT', ...extensions } });
  }
}

/**
 * A partner token that cannot be accepted (malformed, expired, wrongly signed, unknown partner).
 * Raised while the request context is built, so the whole request is refused with HTTP 401.
 */
export class InvalidTokenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}

/** A service this one depends on (another subgraph, a key server) did not answer. */
export class ServiceUnavailableError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  }
}

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'SERVICE_UNAVAILABLE',
]);

/**
 * One place decides what a client sees of an error: coded client errors pass; anything else
 * (ORM, driver, bug) becomes a bare INTERNAL_SERVER_ERROR without message details or stack.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const original = unwrapResolverError(error);
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (original instanceof GraphQLError && original.extensions?.code && CLIENT_CODES.has(String(original.extensions.code))) {
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { ...original.extensions } };
  }
  // The statement timeout (DATABASE_STATEMENT_TIMEOUT_MS) stopped a query: the client may retry or ask for less.
  if ((original as { code?: unknown } | null)?.code === '57014') {
    return { message: 'The database took too long for this request and stopped it; ask for less or try again later', path: formatted.path, locations: formatted.locations, extensions: { code: 'SERVICE_UNAVAILABLE' } };
  }
  // Type-graphql reports wrong argument values as GraphQL errors without a code.
  if (original instanceof GraphQLError && !original.originalError) {
    return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
  }
  return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
