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
import { kdfParamsSchema } from './kdf';
import {
  finishLoginRequestSchema,
  registrationRecordSchema,
  registrationRequestSchema,
  registrationResponseSchema,
} from './opaque';
import { syncModeSchema } from './sync-mode';

export const sessionInfoSchema = z.object({
  id: sessionIdSchema,
  deviceName: deviceNameSchema,
  createdAt: timestampSchema,
  lastSeenAt: timestampSchema,
  /** The last unlock this device reported (POST /v1/account/unlocks), or null. */
  lastUnlockedAt: timestampSchema.nullable(),
  expiresAt: timestampSchema,
  /** The session that made this request. */
  current: z.boolean(),
});

/** GET /v1/account */
export const accountResponseSchema = z.object({
  accountId: accountIdSchema,
  email: emailSchema,
  plan: planSchema,
  rev: revSchema,
  epoch: epochSchema,
  hint: hintSchema.nullable(),
  createdAt: timestampSchema,
  sessions: z.array(sessionInfoSchema).max(10_000),
  /** Where the vault lives; a server from before the choice existed syncs: `cloud`. */
  syncMode: syncModeSchema.default('cloud'),
});

/** DELETE /v1/account/sessions/:id revokes one device (the current one too: that is a logout). */
export const sessionParamSchema = z.strictObject({ id: sessionIdSchema });

/**
 * POST /v1/account/sessions/revoke-others: signs out every device but this one. Each of them learns
 * at its next request (401 `session_revoked`, with this device's name and the time).
 */
export const revokeOthersResponseSchema = z.object({ revokedSessions: z.int().min(0) });

/**
 * POST /v1/account/unlocks: the device reports its unlocks (sent with its next sync), so the reset
 * guidance and Settings → Devices can show when each device last opened the vault. The server
 * keeps the latest, never later than its own clock.
 */
export const unlockReportRequestSchema = z.strictObject({ unlockedAt: timestampSchema });

/** POST /v1/account/password/start: registration step for the new password (authenticated). */
export const passwordStartRequestSchema = z.strictObject({
  registrationRequest: registrationRequestSchema,
});
export const passwordStartResponseSchema = z.object({
  registrationResponse: registrationResponseSchema,
});

/**
 * POST /v1/account/password. A session token alone is not enough to change the password: the
 * client proves the current one with a fresh OPAQUE login (POST /v1/auth/login/start, then the
 * client's finish message here), so a stolen token cannot lock the owner out.
 * Items are untouched; the epoch stays; every other session is revoked.
 */
export const passwordChangeRequestSchema = z.strictObject({
  currentLogin: z.strictObject({
    loginId: loginIdSchema,
    finishLoginRequest: finishLoginRequestSchema,
  }),
  registrationRecord: registrationRecordSchema,
  kdf: kdfParamsSchema,
  wrappedVaultKey: wrappedVaultKeySchema,
  hint: hintSchema.optional(),
});
export const passwordChangeResponseSchema = z.object({
  revokedSessions: z.int().min(0),
});

/**
 * POST /v1/account/reset/request: always 202 with a fresh random `handle`, whether or not the email
 * has an account. The email holds a link (token in the fragment) and a short code; the short code
 * works only together with this handle, which the requesting device keeps. A new request does not
 * cancel earlier links: several unexpired tokens stay valid until one is used.
 */
export const resetRequestRequestSchema = z.strictObject({ email: emailSchema });
export const resetRequestResponseSchema = z.object({
  status: z.literal('check-email'),
  handle: handleSchema,
});

/**
 * What proves the reset: the link's token, or the short code with the handle of the device that
 * asked. Wrong codes count per (email, client address), so a stranger's guesses cannot spend the
 * owner's tries; they never invalidate the link.
 */
export const resetProofSchema = z.union([
  z.strictObject({ token: tokenSchema }),
  z.strictObject({ handle: handleSchema, code: shortCodeSchema }),
]);

/**
 * POST /v1/account/reset/start: checks the emailed token (without using it up) and answers the
 * OPAQUE registration step, plus what the reset page needs to build the new key material: the
 * account id, the email (part of M) and the epoch the new vault key must be wrapped for.
 */
export const resetStartRequestSchema = z.strictObject({
  proof: resetProofSchema,
  registrationRequest: registrationRequestSchema,
});
export const resetStartResponseSchema = z.object({
  registrationResponse: registrationResponseSchema,
  accountId: accountIdSchema,
  email: emailSchema,
  /** The epoch after the reset (current + 1). */
  epoch: epochSchema,
  /** How many items the reset will erase (tombstones excluded), for the page to show. */
  itemCount: z.int().min(0),
  /** The plan, which the reset keeps. */
  plan: planSchema,
});

/**
 * POST /v1/account/reset/confirm: uses the token up and, in one transaction, erases the items,
 * stores the new key material, moves to `epoch`, and revokes every session. Plan and email stay.
 */
export const resetConfirmRequestSchema = z.strictObject({
  proof: resetProofSchema,
  epoch: epochSchema,
  registrationRecord: registrationRecordSchema,
  kdf: kdfParamsSchema,
  wrappedVaultKey: wrappedVaultKeySchema,
  hint: hintSchema.optional(),
});
export const resetConfirmResponseSchema = z.object({
  accountId: accountIdSchema,
  epoch: epochSchema,
});

export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export type AccountResponse = z.infer<typeof accountResponseSchema>;
export type PasswordStartRequest = z.infer<typeof passwordStartRequestSchema>;
export type PasswordStartResponse = z.infer<typeof passwordStartResponseSchema>;
export type PasswordChangeRequest = z.infer<typeof passwordChangeRequestSchema>;
export type PasswordChangeResponse = z.infer<typeof passwordChangeResponseSchema>;
export type RevokeOthersResponse = z.infer<typeof revokeOthersResponseSchema>;
export type UnlockReportRequest = z.infer<typeof unlockReportRequestSchema>;
export type ResetProof = z.infer<typeof resetProofSchema>;
export type ResetRequestRequest = z.infer<typeof resetRequestRequestSchema>;
export type ResetRequestResponse = z.infer<typeof resetRequestResponseSchema>;
export type ResetStartRequest = z.infer<typeof resetStartRequestSchema>;
export type ResetStartResponse = z.infer<typeof resetStartResponseSchema>;
export type ResetConfirmRequest = z.infer<typeof resetConfirmRequestSchema>;
export type ResetConfirmResponse = z.infer<typeof resetConfirmResponseSchema>;
