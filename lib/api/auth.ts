import { z } from 'zod';
import {
  accountIdSchema,
  deviceNameSchema,
  emailSchema,
  epochSchema,
  hintSchema,
  loginIdSchema,
  planSchema,
  revSchema,
  sessionIdSchema,
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

export type PreloginRequest = z.infer<typeof preloginRequestSchema>;
export type PreloginResponse = z.infer<typeof preloginResponseSchema>;
export type RegisterStartRequest = z.infer<typeof registerStartRequestSchema>;
export type RegisterStartResponse = z.infer<typeof registerStartResponseSchema>;
export type RegisterFinishRequest = z.infer<typeof registerFinishRequestSchema>;
export type RegisterFinishResponse = z.infer<typeof registerFinishResponseSchema>;
export type LoginStartRequest = z.infer<typeof loginStartRequestSchema>;
export type LoginStartResponse = z.infer<typeof loginStartResponseSchema>;
export type LoginFinishRequest = z.infer<typeof loginFinishRequestSchema>;
export type LoginFinishResponse = z.infer<typeof loginFinishResponseSchema>;
