import { CryptoError } from './errors';
import { KEY_BYTES } from './random';

/**
 * A key is 32 bytes, and not all zero: `wipe` zeroes a key in place when the vault locks, and
 * work that started before the lock may still hold the buffer. Sealing under that all-zero key
 * would give the server plaintext it can open, so it is refused with its own code (issue 9).
 * A real key is all zero with probability 2^-256.
 */
export function checkKey(name: string, key: unknown): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
    throw new CryptoError('invalid-input', `The ${name} must be ${KEY_BYTES} bytes.`);
  }
  if (key.every((byte) => byte === 0)) {
    throw new CryptoError('key-wiped', `The ${name} was wiped: Cassaforte locked.`);
  }
}
