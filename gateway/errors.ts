import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { formatError } from '../shared/errors.js';
import { serviceLogger } from '../shared/logger.js';
import { ADMISSION_CODES } from './admission.js';

const logger = serviceLogger('gateway');
import type { GatewayContext } from './context.js';

/** Extensions a subgraph error may carry to the client; anything else (URLs, bodies, stacks) is dropped. */
const FORWARDED_EXTENSIONS = ['code', 'serviceName', 'field', 'rows', 'currentVersion', 'limit', 'actual', 'retryAfterSeconds'];

/**
 * The gateway's error contract: every error has `extensions.code`; errors from a subgraph also
 * `extensions.serviceName`; nothing internal leaks unless DEBUG_ERRORS is set.
 */
export function formatGatewayError(debug: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (debug) return formatted;
    const serviceName = formatted.extensions?.serviceName;
    if (typeof serviceName === 'string') {
      const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => FORWARDED_EXTENSIONS.includes(key)));
      if (typeof extensions.code !== 'string') extensions.code = 'DOWNSTREAM_SERVICE_ERROR';
      return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions };
    }
    if (formatted.extensions?.code === 'SUBGRAPH_UNAVAILABLE') return formatted;
    if (ADMISSION_CODES.has(String(formatted.extensions?.code))) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    return formatError(formatted, error);
  };
}

const CLIENT_MISTAKES = new Set(['BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE', 'GRAPHQL_VALIDATION_FAILED']);

/** Unknown failures get the request id, in the response and in the log line, to find one from the other. */
export const requestIdOnInternalErrors: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors, request }) {
        for (const error of errors) {
          const code = error.extensions?.code;
          if (code === undefined || code === 'INTERNAL_SERVER_ERROR') {
            logger.error({ requestId: contextValue.requestId, operation: request.operationName, err: { message: error.message, stack: error.stack } }, 'internal error');
          }
        }
      },
      async willSendResponse({ contextValue, response }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors ?? [];
        for (const error of errors) {
          if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
        }
        // The gateway's planner reports some request mistakes (unknown operation name, missing
        // subscription type) as failures of its own: a request nothing could run is a 400.
        const clientMistake = errors.length > 0 && errors.every((error) => CLIENT_MISTAKES.has(String(error.extensions?.code)));
        if (clientMistake && response.body.singleResult.data == null && (response.http.status ?? 200) >= 500) response.http.status = 400;
      },
    };
  },
};
