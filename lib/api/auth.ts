import { z } from 'zod';
import {
  accountIdSchema,
  deviceNameSchema,
  emailSchema,
  epochSchema,
  handleSchema,
  hintSchema,
  loginIdSchema,
  planSchema,
  revSchema,
  sessionIdSchema,
  shortCodeSchema,
  timestampSchema,
  tokenSchema,
  wrappedVaultKeySchema,
} from './common';
import { kdfAnswerSchema, kdfParamsSchema } from './kdf';
import {
  finishLoginRequestSchema,
  loginResponseSchema,
  registrationRecordSchema,
  registrationRequestSchema,
  registrationResponseSchema,
  startLoginRequestSchema,
} from './opaque';

// Requests are strict objects (unknown keys are a client bug: 400). Responses are plain objects:
// the extension drops fields it does not know, so a newer server does not break an older client,
// while every known field is still checked for type and size.

/** POST /v1/auth/prelogin. Unknown emails get deterministic fake parameters of the same shape. */
export const preloginRequestSchema = z.strictObject({ email: emailSchema });
export const preloginResponseSchema = z.object({ kdf: kdfAnswerSchema });

/**
 * POST /v1/accounts/verify: the first step of creating an account (DESIGN §5). Always 202 with a
 * fresh random `verificationId`, byte for byte the same shape whether or not the email is taken:
 * a new address gets a short code by email, an address that has an account gets a notice instead
 * (someone tried to create an account with it), so no answer tells a stranger which emails exist.
 */
export const verifyEmailRequestSchema = z.strictObject({ email: emailSchema });
export const verifyEmailResponseSchema = z.object({
  status: z.literal('check-email'),
  verificationId: handleSchema,
});

/** The emailed code and the id it belongs to; wrong codes count per (email, client address). */
export const emailVerificationSchema = z.strictObject({
  id: handleSchema,
  code: shortCodeSchema,
});

/** POST /v1/accounts/register/start: stateless OPAQUE registration step (identifier = email). */
export const registerStartRequestSchema = z.strictObject({
  email: emailSchema,
  registrationRequest: registrationRequestSchema,
});
export const registerStartResponseSchema = z.object({
  registrationResponse: registrationResponseSchema,
});

/**
 * POST /v1/accounts/register/finish. The client picks the account id (16 random bytes) because the
 * wrapped vault key's AAD contains it; a new account starts at epoch 1 and rev 0.
 */
export const registerFinishRequestSchema = z.strictObject({
  accountId: accountIdSchema,
  email: emailSchema,
  registrationRecord: registrationRecordSchema,
  kdf: kdfParamsSchema,
  wrappedVaultKey: wrappedVaultKeySchema,
  hint: hintSchema.optional(),
  /**
   * Required: an unverified email gets 400 `invalid_code`, and so does a taken one (whose owner
   * never received a code), so finishing does not tell the two apart either.
   */
  verification: emailVerificationSchema,
});
export const registerFinishResponseSchema = z.object({
  accountId: accountIdSchema,
  epoch: epochSchema,
  plan: planSchema,
});

/** POST /v1/auth/login/start. Unknown emails get the library's fake response: same shape. */
export const loginStartRequestSchema = z.strictObject({
  email: emailSchema,
  startLoginRequest: startLoginRequestSchema,
});
export const loginStartResponseSchema = z.object({
  loginId: loginIdSchema,
  loginResponse: loginResponseSchema,
});

/** POST /v1/auth/login/finish: the login state lives in the database for about 60 s. */
export const loginFinishRequestSchema = z.strictObject({
  loginId: loginIdSchema,
  finishLoginRequest: finishLoginRequestSchema,
  deviceName: deviceNameSchema,
  /**
   * Sessions of this account to end before this one starts, authorised by this login's proof:
   * how a free-plan user signs the other device out from here after a `device_limit` answer.
   */
  signOutSessions: z.array(sessionIdSchema).max(10).optional(),
});
export const loginFinishResponseSchema = z.object({
  /** Bearer token for `Authorization: Bearer …`; the server keeps only its SHA-256. */
  token: tokenSchema,
  sessionId: sessionIdSchema,
  expiresAt: timestampSchema,
  accountId: accountIdSchema,
  email: emailSchema,
  epoch: epochSchema,
  rev: revSchema,
  plan: planSchema,
  kdf: kdfAnswerSchema,
  wrappedVaultKey: wrappedVaultKeySchema,
  hint: hintSchema.nullable(),
});

/**
 * 403 `device_limit` of POST /v1/auth/login/finish: the proof was right, but the plan allows no
 * more signed-in devices. Lists the account's devices (shown only after a correct proof), so the
 * user can sign one out with `signOutSessions`.
 */
export const deviceLimitErrorSchema = z.object({
  error: z.literal('device_limit'),
  message: z.string().max(1000),
  plan: planSchema,
  /** Devices the plan allows. */
  deviceLimit: z.int().min(1),
  sessions: z
    .array(
      z.object({
        id: sessionIdSchema,
        deviceName: deviceNameSchema,
        createdAt: timestampSchema,
        lastSeenAt: timestampSchema,
        lastUnlockedAt: timestampSchema.nullable(),
      }),
    )
    .max(1000),
});

export type PreloginRequest = z.infer<typeof preloginRequestSchema>;
export type PreloginResponse = z.infer<typeof preloginResponseSchema>;
export type RegisterStartRequest = z.infer<typeof registerStartRequestSchema>;
export type RegisterStartResponse = z.infer<typeof registerStartResponseSchema>;
export type RegisterFinishRequest = z.infer<typeof registerFinishRequestSchema>;
export type RegisterFinishResponse = z.infer<typeof registerFinishResponseSchema>;
export type VerifyEmailRequest = z.infer<typeof verifyEmailRequestSchema>;
export type VerifyEmailResponse = z.infer<typeof verifyEmailResponseSchema>;
export type EmailVerification = z.infer<typeof emailVerificationSchema>;
export type DeviceLimitError = z.infer<typeof deviceLimitErrorSchema>;
export type LoginStartRequest = z.infer<typeof loginStartRequestSchema>;
export type LoginStartResponse = z.infer<typeof loginStartResponseSchema>;
export type LoginFinishRequest = z.infer<typeof loginFinishRequestSchema>;
export type LoginFinishResponse = z.infer<typeof loginFinishResponseSchema>;
