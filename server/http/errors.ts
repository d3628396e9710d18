import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import type { ErrorCode } from '../../lib/api/errors';

/** An expected failure with the status and stable code the client sees. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    /** More fields for the body beside `error` and `message` (e.g. sessionEndedErrorSchema's). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function errorJson(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return c.json({ error: code, message, ...extra }, status);
}

const codeForStatus: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  429: 'rate_limited',
};

/**
 * The one place errors become responses: expected ones keep their status and code, Hono's own
 * (malformed JSON, body limit) are mapped, and anything else is a logged 500 whose body reveals
 * nothing. Every body is `{error, message}`.
 */
export function createErrorHandler(log: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof ApiError) {
      for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
      return errorJson(c, err.status, err.code, err.message, err.extra);
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const code =
        status === 400 && /json/i.test(err.message)
          ? 'bad_json'
          : (codeForStatus[status] ?? 'bad_request');
      if (status >= 500) log.error({ err }, 'http exception');
      return errorJson(c, status, code, err.message || 'request refused');
    }
    log.error(
      { err: { name: err.name, message: err.message, stack: err.stack } },
      'unhandled error',
    );
    return errorJson(c, 500, 'internal', 'internal error');
  };
}

export function notFound(c: Context) {
  return errorJson(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`);
}

/** A reset or verification short code that is wrong, used or expired (the same words for all). */
export const invalidCode = () =>
  new ApiError(400, 'invalid_code', 'this code is wrong, used or expired; ask for a new email');
