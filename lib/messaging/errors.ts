/**
 * Errors that travel through the protocol. Each has a stable code that the UI turns into a
 * translated, actionable sentence; the English message is for logs and tests.
 */
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
  'session-expired',
  'account-reset',
  'rate-limited',
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
  // Network and server
  'server-unreachable',
  'server-error',
  'server-malformed',
  // Data
  'invalid-item',
  'not-found',
  'newer-version',
  'tampered',
  'storage-full',
  'storage-failed',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return (errorCodes as readonly string[]).includes(code);
}
