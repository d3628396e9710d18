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
  /** Another device signed this one out. */
  'signed-out-elsewhere',
  /** The session reached its lifetime (a year). */
  'session-ended',
  'rate-limited',
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

/** What the server said about a session it ended (lib/api sessionEndedErrorSchema). */
export interface SessionEndDetail {
  /** When the reset or sign-out happened (ms since the Unix epoch). */
  at?: number;
  /** The device that signed this one out. */
  by?: string;
}

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Only on the codes of a session the server ended: account-reset, signed-out-elsewhere… */
    readonly detail?: SessionEndDetail,
  ) {
    super(message);
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return (errorCodes as readonly string[]).includes(code);
}
