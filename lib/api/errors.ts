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
  /** A reset or verification short code that is wrong, used or expired. */
  'invalid_code',
  /** A license code that is unknown or already used. */
  'invalid_license',
  /** The plan allows no more signed-in devices (body: deviceLimitErrorSchema). */
  'device_limit',
  /** 401: another device signed this one out (body: sessionEndedErrorSchema). */
  'session_revoked',
  /** 401: the session passed its absolute lifetime (a year): sign in with the password again. */
  'session_expired',
  /** 409: the account keeps its vault on its devices only (PUT /v1/account/sync-mode). */
  'sync_off',
  'internal',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorResponseSchema = z.object({
  error: z.string().min(1).max(64),
  message: z.string().max(1000),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/**
 * Extra fields of 401 `session_revoked` and 409 `stale_epoch`, so the device can say what happened:
 * "Signed out from <device> on <date>" / "This account was reset on <date>".
 */
export const sessionEndedErrorSchema = z.object({
  error: z.enum(['session_revoked', 'session_expired', 'stale_epoch']),
  message: z.string().max(1000),
  /** When the session was ended or the account reset (ms since the Unix epoch). */
  at: z.int().min(0).optional(),
  /** The device name of the session that signed this one out, when it was another device. */
  by: z.string().max(64).optional(),
});
export type SessionEndedError = z.infer<typeof sessionEndedErrorSchema>;

/** `{ ok: true }`, the answer of endpoints that only act. */
export const okResponseSchema = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof okResponseSchema>;
