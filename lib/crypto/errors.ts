/**
 * The one error type of the crypto core. `code` is stable and meant for program logic and the UI;
 * `message` is English for logs and never contains key material, passwords or plaintext.
 */

export type CryptoErrorCode =
  /** KDF parameters below the client's floor (ops < 2, memory < 19 MiB): refused before deriving. */
  | 'kdf-too-weak'
  /** Another algorithm, or parameters so large they would freeze the device (ops > 20, > 256 MiB). */
  | 'kdf-unsupported'
  /** Bytes or text that do not have the shape of what was expected (bad base64url, too short…). */
  | 'malformed'
  /** A blob or wrapped key with a format version this code does not know (written by a newer one). */
  | 'unsupported-version'
  /**
   * The vault key could not be unwrapped. A wrong password, a wrong account key, a tampered wrapped
   * key, a different account id or epoch, and KDF parameters or salt changed by the server all end
   * here: the AEAD cannot tell them apart, by design, and neither can we.
   */
  | 'unwrap-failed'
  /**
   * An item failed authentication: a flipped bit anywhere, a blob moved to another item id, account
   * or epoch, or the wrong vault key. Again indistinguishable by design.
   */
  | 'item-tampered'
  /**
   * The key is all zero: the vault locked and wiped it while this work was still running. Never
   * sealed or opened under; the work must stop (issue 9).
   */
  | 'key-wiped'
  /**
   * A password-sealed file (an encrypted export) did not open: a wrong password, or a changed
   * byte in its header or ciphertext. Indistinguishable by design, like 'unwrap-failed'.
   */
  | 'password-box-failed'
  /** A caller passed something impossible (a 31-byte key, a negative epoch, an empty id). */
  | 'invalid-input';

export class CryptoError extends Error {
  override readonly name = 'CryptoError';
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
  }
}
