import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { createHash } from 'node:crypto';
import { envInt } from '../subgraphs/toolkit/config.js';

/**
 * Per-client rate limit: by partner token when one is sent, else by address. A refusal is a 429
 * with `Retry-After`. `RATE_LIMIT_PER_MINUTE=0` turns it off (bench and soak runs set their own).
 */
export function rateLimitPerClient(): RequestHandler {
  const perMinute = envInt('RATE_LIMIT_PER_MINUTE', 600);
  if (perMinute === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const token = req.headers.authorization;
      return token ? `token:${createHash('sha256').update(token).digest('base64url')}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (req, res) => {
      const resetTime = (req as typeof req & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfter = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
      res.setHeader('Retry-After', String(retryAfter));
      res.status(429).json({ errors: [{ message: `Too many requests: at most ${perMinute} a minute per client`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter } }] });
    },
  });
}
