/**
 * Typed errors for what a user types or scans: an account key or a setup code.
 *
 * Each error has a stable `code` the UI can translate (the English `message` is a fallback for logs
 * and tests). Messages never repeat the key the user typed: at most they name one character that is
 * not part of any account key, and its position.
 */

export type AccountKeyErrorCode =
  /** Nothing was typed (or only spaces and dashes). */
  | 'empty'
  /** The text starts with something other than `CF1-` (another product's key, or a newer format). */
  | 'bad-prefix'
  /** A character that no account key contains (e.g. `U`, `*`); see `position`. */
  | 'bad-character'
  /** Too few or too many characters. */
  | 'wrong-length'
  /** Every character is allowed but the check character does not match: a typo somewhere. */
  | 'checksum';

export class AccountKeyError extends Error {
  override readonly name = 'AccountKeyError';
  constructor(
    readonly code: AccountKeyErrorCode,
    message: string,
    /** 1-based position of the offending character after `CF1-`, for 'bad-character'. */
    readonly position?: number,
  ) {
    super(message);
  }
}

export type SetupCodeErrorCode =
  | 'empty'
  /** The text is not a Cassaforte setup code at all (e.g. a web link, or just the account key). */
  | 'not-a-setup-code'
  /** A setup code from a newer version of Cassaforte. */
  | 'unsupported-version'
  /** A setup code with missing, repeated or undecodable fields. */
  | 'malformed'
  /** The email address does not have the shape of one. */
  | 'bad-email'
  /** The server address is not https (or http on this computer), or is not a plain address. */
  | 'bad-server-url'
  /** The account key inside failed to parse; `cause` is the AccountKeyError. */
  | 'bad-account-key';

export class SetupCodeError extends Error {
  override readonly name = 'SetupCodeError';
  constructor(
    readonly code: SetupCodeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What is wrong with a server address, so a hand-typed one can be told exactly what to fix. */
export type ServerUrlProblem =
  /** Nothing typed. */
  | 'empty'
  /** A space, tab or line break inside. */
  | 'spaces'
  /** Not a web address at all (e.g. `vault.example.com`, with no scheme). */
  | 'not-an-address'
  /** A scheme other than https or http (`ftp:`, `ws:`, `javascript:`). */
  | 'scheme'
  /** Plain http to a host that is not this computer. */
  | 'http-not-loopback'
  /** `user:password@` inside. */
  | 'user-name'
  /** A `?` or `#` part. */
  | 'query';

/** A SetupCodeError 'bad-server-url' that also says which rule the address broke. */
export class ServerUrlError extends SetupCodeError {
  constructor(
    readonly problem: ServerUrlProblem,
    message: string,
  ) {
    super('bad-server-url', message);
  }
}
