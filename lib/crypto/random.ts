/**
 * Randomness from `crypto.getRandomValues` (Web Crypto: Node ≥ 19, pages and service workers), never
 * from libsodium: TOOLCHAIN.md measured `sodium.randombytes_buf` 10–20× slower than the encryption
 * itself. Nonces come from a pool refilled by one call per 1,024 nonces, since each
 * `getRandomValues` call has a fixed cost; every nonce is a copy of bytes handed out exactly once.
 */
import { ACCOUNT_KEY_BYTES } from '../account-key/base32';
import { toBase64Url } from './bytes';

export const NONCE_BYTES = 24; // XChaCha20-Poly1305: random nonces are safe at this size
export const KEY_BYTES = 32;

const POOL_BYTES = NONCE_BYTES * 1024; // well under getRandomValues' 65,536-byte limit
let pool: Uint8Array = new Uint8Array(0);
let poolOffset = 0;

export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let i = 0; i < length; i += 65536) crypto.getRandomValues(out.subarray(i, i + 65536));
  return out;
}

/** A fresh 24-byte nonce. */
export function randomNonce(): Uint8Array {
  if (poolOffset + NONCE_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const nonce = pool.slice(poolOffset, poolOffset + NONCE_BYTES);
  pool.fill(0, poolOffset, poolOffset + NONCE_BYTES);
  poolOffset += NONCE_BYTES;
  return nonce;
}

/** A random identifier: 16 bytes as base64url (22 characters), e.g. for item ids. */
export function randomId(): string {
  return toBase64Url(randomBytes(16));
}

/** A new vault key: 32 random bytes. */
export function generateVaultKey(): Uint8Array {
  return randomBytes(KEY_BYTES);
}

/** A new account key: 16 random bytes (format it with lib/account-key). */
export function generateAccountKey(): Uint8Array {
  return randomBytes(ACCOUNT_KEY_BYTES);
}
