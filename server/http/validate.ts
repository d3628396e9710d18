import type { Context } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { errorJson } from './errors';

type Issue = z.core.$ZodIssue;

export interface ValidateOptions {
  /** Issues answered with 413 instead of 400 (e.g. an oversized blob or batch). */
  tooLarge?: (issue: Issue) => boolean;
}

/** A short, value-free description of what is wrong (zod messages never echo the input). */
function describe(issues: readonly Issue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

function reject(c: Context, error: z.ZodError, options: ValidateOptions) {
  const tooLarge = options.tooLarge !== undefined && error.issues.some(options.tooLarge);
  return tooLarge
    ? errorJson(c, 413, 'payload_too_large', describe(error.issues))
    : errorJson(c, 400, 'bad_request', describe(error.issues));
}

/** Validates the JSON body with a lib/api schema; the handler gets `c.req.valid('json')`. */
export function jsonBody<S extends z.ZodType>(schema: S, options: ValidateOptions = {}) {
  return validator('json', (value, c): z.output<S> | Response => {
    const result = schema.safeParse(value);
    return result.success ? result.data : reject(c, result.error, options);
  });
}

/** Validates the query string (each parameter given at most once). */
export function queryParams<S extends z.ZodType>(schema: S) {
  return validator('query', (value, c): z.output<S> | Response => {
    const result = schema.safeParse(value);
    return result.success ? result.data : reject(c, result.error, {});
  });
}

/** Validates path parameters. */
export function pathParams<S extends z.ZodType>(schema: S) {
  return validator('param', (value, c): z.output<S> | Response => {
    const result = schema.safeParse(value);
    return result.success ? result.data : reject(c, result.error, {});
  });
}
