import pino from 'pino';

/**
 * Structured JSON logs (pino) for every service. Tokens, secrets and personal data are redacted
 * wherever they might appear; log lines carry the request id the gateway created.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL || 'info',
  base: { service: process.env.SERVICE_NAME || undefined },
  redact: {
    paths: ['authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization', '*.email', '*.phone', 'variables', '*.variables', 'token', '*.token', 'secret', '*.secret'],
    censor: '[redacted]',
  },
});

export type Logger = typeof logger;
