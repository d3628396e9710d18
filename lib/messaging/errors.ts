/**
 * Errors that travel through the protocol. Each has a stable code that the UI turns into a
 * translated, actionable sentence; the English message is for logs and tests.
 */
import type { DeviceLimit } from './devices';

export const errorCodes = [
  // The router
  'bad-message',
  'unknown-type',
  'forbidden-sender',
  'stale-build',
  'internal',
  // Account and session
  'not-signed-in',
  'already-signed-in',
  'locked',
  'wrong-password',
  'weak-password',
  'password-changed',
  'wrong-credentials',
  'bad-account-key',
  'bad-email',
  'bad-server-url',
  'email-taken',
  'weak-kdf',
  'device-limit',
  /** An emailed code (account verification) that is wrong, used or expired. */
  'invalid-code',
  /** A license code the server does not know, or one already used. */
  'invalid-license',
  'session-expired',
  'account-reset',
  'rate-limited',
  /** Another device signed this one out. */
  'signed-out-elsewhere',
  /** The session reached its lifetime (a year). */
  'session-ended',
  // Reset
  /** The reset link is used, expired or unknown: ask for a new email. */
  'reset-link-invalid',
  /** The short code is wrong, used or expired. */
  'reset-code-invalid',
  /** A code was typed, but this device sent no reset request in the last 30 minutes. */
  'reset-no-request',
  /** The link belongs to a server this device does not use. */
  'reset-other-server',
  /** This device is signed in to another account than the one the link resets. */
  'reset-other-account',
  /** Nothing to reset here: no link or code was given (or it was given too long ago). */
  'reset-none',
  /** The Emergency Kit shows again only after the account password is typed. */
  'kit-needs-password',
  // Passkey unlock (services/passkey.ts)
  /** The passkey's answer did not open the wrap: another passkey, or the wrap was altered. */
  'passkey-failed',
  /** Set up but paused (restart, 14 days, session ended): the password this time. */
  'passkey-paused',
  'passkey-not-set-up',
  /** Setting up took longer than the password typed for it counts. */
  'passkey-expired',
  // Network and server
  'server-unreachable',
  'server-error',
  'server-malformed',
  /** The account keeps its vault on its devices only: the server takes and gives no item. */
  'sync-off',
  /**
   * A vault kept on this device only, and the server says the account syncs again: nothing is
   * sent until the user asks (a hostile server could say so to get the vault uploaded).
   */
  'sync-resumable',
  // Data
  'invalid-item',
  /** An import with more items than the vault has room for: nothing was written. */
  'too-many-items',
  'not-found',
  'newer-version',
  'tampered',
  'storage-full',
  'storage-failed',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** What some errors carry besides their code, for the view that explains them. */
export interface ErrorDetails {
  /** With 'device-limit': the plan and the devices signed in, so one can be signed out. */
  deviceLimit?: DeviceLimit;
}

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return (errorCodes as readonly string[]).includes(code);
}

/** What the server said about a session it ended (lib/api sessionEndedErrorSchema). */
export interface SessionEndDetail {
  /** When the reset or sign-out happened (ms since the Unix epoch). */
  at?: number;
  /** The device that signed this one out. */
  by?: string;
}

/**
 * A session the server ended for good (account-reset, signed-out-elsewhere, session-ended), with
 * what it said about when and by whom, so the signed-out view can give the date (issue 11).
 */
export class SessionEndedError extends ProtocolError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly ended: SessionEndDetail,
  ) {
    super(code, message);
  }
}
