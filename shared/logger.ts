import type { ApolloServerPlugin } from '@apollo/server';
import pino from 'pino';
import pretty from 'pino-pretty';

/** One line per entry: time, level, `[service] message`, then the other fields. */
const PRETTY_OPTIONS = {
  sync: true,
  colorize: true,
  translateTime: 'SYS:HH:MM:ss',
  ignore: 'pid,hostname,service',
  messageFormat: '[{service}] {msg}',
  singleLine: true,
};

/**
 * Structured JSON logs (pino) for every service. Tokens, secrets and personal data are redacted
 * wherever they might appear; request lines carry the request id the gateway created, so one
 * client request can be followed through the gateway and every subgraph.
 */
export const logger = pino(
  {
    level: process.env.LOG_LEVEL || 'info',
    base: undefined,
    redact: {
      paths: ['authorization', '*.authorization', 'headers.authorization', '*.email', '*.phone', 'variables', '*.variables', 'token', '*.token', 'secret', '*.secret'],
      censor: '[redacted]',
    },
  },
  // A person at a terminal reads lines (`LOG_FORMAT=json` keeps JSON there too); log collectors
  // and pipes get JSON lines.
  logFormat() === 'pretty' ? pretty(PRETTY_OPTIONS) : undefined,
);

export type Logger = typeof logger;

/** `LOG_FORMAT`: `pretty` or `json`; by default pretty when standard output is a terminal. */
export function logFormat(): 'pretty' | 'json' {
  const format = process.env.LOG_FORMAT;
  if (format === 'json' || format === 'pretty') return format;
  return process.stdout.isTTY ? 'pretty' : 'json';
}

export const serviceLogger = (service: string): Logger => logger.child({ service });

/**
 * One line per GraphQL request: request id, operation name, duration, error codes. Never the
 * query variables or headers (they may hold personal data or tokens).
 */
export function requestLogging(log: Logger): ApolloServerPlugin<{ requestId?: string }> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue, operationName, request, response }) {
          if (!log.isLevelEnabled('info')) return;
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          log.info(
            {
              requestId: contextValue.requestId,
              operation: (operationName ?? request.operationName)?.slice(0, 60) ?? null,
              durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
              status: response.http.status ?? 200,
              ...(errors?.length ? { errorCodes: [...new Set(errors.map((error) => String(error.extensions?.code)))] } : {}),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
