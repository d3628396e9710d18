/**
 * The one binary layout for everything sealed with XChaCha20-Poly1305-IETF (wrapped vault keys and
 * item blobs), sent as a single base64url string without padding:
 *
 *   version (1 byte, currently 1) ‖ nonce (24 bytes) ‖ ciphertext with its 16-byte tag
 */
import { concatBytes, fromBase64Url, toBase64Url } from './bytes';
import { CryptoError } from './errors';
import { NONCE_BYTES } from './random';

export const FORMAT_VERSION = 1;
export const TAG_BYTES = 16;

export interface Envelope {
  version: number;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

export function packEnvelope({ version, nonce, ciphertext }: Envelope): string {
  return toBase64Url(concatBytes(Uint8Array.of(version), nonce, ciphertext));
}

/** Parses the layout; the caller decides what a failed decryption means. */
export function unpackEnvelope(text: unknown, what: string): Envelope {
  if (typeof text !== 'string') throw new CryptoError('malformed', `The ${what} is missing.`);
  const bytes = fromBase64Url(text);
  if (bytes.length < 1 + NONCE_BYTES + TAG_BYTES) {
    throw new CryptoError('malformed', `The ${what} is too short.`);
  }
  const version = bytes[0] ?? 0;
  if (version !== FORMAT_VERSION) {
    throw new CryptoError(
      'unsupported-version',
      `The ${what} was written in a format this version of Cassaforte does not know.`,
    );
  }
  return {
    version,
    nonce: bytes.subarray(1, 1 + NONCE_BYTES),
    ciphertext: bytes.subarray(1 + NONCE_BYTES),
  };
}
