/**
 * Crockford base32 (https://www.crockford.com/base32.html) for the 128-bit account key.
 *
 * 128 bits do not fill whole 5-bit digits: we encode the key as a 130-bit big-endian number with two
 * leading zero bits, so there are 26 digits and the first one is always 0–7. Putting the padding in
 * front (not at the end) means every digit after the first carries 5 real bits.
 */

export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const ACCOUNT_KEY_BYTES = 16;
export const ACCOUNT_KEY_DIGITS = 26;

const VALUES: ReadonlyMap<string, number> = new Map([
  ...[...CROCKFORD_ALPHABET].map((char, value) => [char, value] as const),
  // Crockford's aliases for characters people confuse when reading or typing.
  ['O', 0],
  ['I', 1],
  ['L', 1],
]);

/** The value 0–31 of an upper-case character (aliases included), or undefined. */
export function digitValue(char: string): number | undefined {
  return VALUES.get(char);
}

/** Maps a typed upper-case character to its canonical symbol (O→0, I/L→1); others unchanged. */
export function canonicalChar(char: string): string {
  const value = VALUES.get(char);
  return value === undefined ? char : CROCKFORD_ALPHABET.charAt(value);
}

/** 16 bytes → 26 digit values (0–31), the first one 0–7. */
export function bytesToDigits(bytes: Uint8Array): number[] {
  const digits: number[] = [];
  let acc = 0;
  let bits = 2; // the two leading zero bits
  for (const byte of bytes) {
    acc = ((acc << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      digits.push((acc >> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  return digits;
}

/** 26 digit values → 16 bytes. The caller has checked that the first digit is 0–7. */
export function digitsToBytes(digits: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(ACCOUNT_KEY_BYTES);
  let acc = 0;
  let bits = -2; // drop the two leading zero bits of the first digit
  let out = 0;
  for (const digit of digits) {
    acc = ((acc << 5) | digit) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bytes[out++] = (acc >> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return bytes;
}
