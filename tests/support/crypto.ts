/** Helpers for the crypto tests only (imported by *.test.ts, never by production code). */
import { expect } from 'vitest';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { CryptoError, type CryptoErrorCode } from '@/lib/crypto/errors';

/** Asserts that the promise (or function) fails with a CryptoError of the given code. */
export async function expectCryptoError(
  action: Promise<unknown> | (() => unknown),
  code: CryptoErrorCode,
): Promise<CryptoError> {
  try {
    const result = typeof action === 'function' ? action() : action;
    await result;
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    expect((error as CryptoError).code).toBe(code);
    return error as CryptoError;
  }
  throw new Error(`expected CryptoError '${code}', but nothing was thrown`);
}

/** The base64url blob with one bit flipped (bit 0 = most significant bit of the first byte). */
export function flipBit(blob: string, bit: number): string {
  const bytes = fromBase64Url(blob);
  bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) ^ (0x80 >> (bit & 7));
  return toBase64Url(bytes);
}

export function byteLength(blob: string): number {
  return fromBase64Url(blob).length;
}
