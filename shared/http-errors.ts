import type { ErrorRequestHandler } from 'express';

/**
 * Express errors (body too large, malformed JSON, wrong charset) as GraphQL-shaped JSON with a
 * code, instead of Express's HTML page; anything unknown becomes a bare 500 without details.
 */
export const jsonHttpErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = typeof error?.status === 'number' ? error.status : 500;
  const [code, message] =
    status === 413 ? ['PAYLOAD_TOO_LARGE', 'The request body is too large']
    : error?.type === 'entity.parse.failed' ? ['BAD_REQUEST', 'The request body is not valid JSON']
    : status === 415 || error?.type === 'charset.unsupported' || error?.type === 'encoding.unsupported' ? ['UNSUPPORTED_MEDIA_TYPE', 'Unsupported content encoding or charset']
    : status < 500 ? ['BAD_REQUEST', 'Bad request']
    : ['INTERNAL_SERVER_ERROR', 'Internal server error'];
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};
