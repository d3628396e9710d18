import { z } from 'zod';

/**
 * Every error the API returns has this body, whatever the status. `error` is a stable code the
 * extension maps to a translated message; `message` is English for logs and developers.
 */
export const ERROR_CODES = [
  'bad_request',
  'bad_json',
  'unauthorized',
  'invalid_credentials',
  'reauth_failed',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'rate_limited',
  'email_taken',
  'account_id_taken',
  'login_expired',
  'stale_epoch',
  'invalid_token',
  'internal',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorResponseSchema = z.object({
  error: z.string().min(1).max(64),
  message: z.string().max(1000),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** `{ ok: true }`, the answer of endpoints that only act. */
export const okResponseSchema = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof okResponseSchema>;
