/**
 * The other codes people type (DESIGN §5), in the account key's alphabet (Crockford base32, with its
 * aliases O→0 and I/L→1, separators forgiven):
 *
 * - **Short code** of a reset or verification email: 8 digits = 40 random bits, shown `XXXX-XXXX`.
 *   No check character: the server counts wrong tries, and a short code works only together with
 *   the handle the requesting device kept.
 * - **License code**: 128 random bits written like the account key with its own prefix,
 *   `CFL-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXXC`, so the check character catches a typo as it is typed.
 *
 * Pure text functions (no libsodium): the popup formats and checks as the user types, the server
 * parses the same way before hashing, so both agree on one canonical form.
 */
import {
  ACCOUNT_KEY_BYTES,
  ACCOUNT_KEY_DIGITS,
  CROCKFORD_ALPHABET,
  bytesToDigits,
  digitValue,
} from './base32';
import { checkDigit } from './checksum';

import { compactTyped as compact, groupKeyChars, normaliseTyped as normalise } from './account-key';

// ---- short codes ---------------------------------------------------------------------------

export const SHORT_CODE_DIGITS = 8;
/** Bytes of randomness behind one short code (8 × 5 bits). */
export const SHORT_CODE_BYTES = 5;

/** 5 random bytes → `XXXX-XXXX`. */
export function formatShortCode(bytes: Uint8Array): string {
  if (bytes.length !== SHORT_CODE_BYTES) throw new Error('a short code is 5 bytes');
  let acc = 0n;
  for (const byte of bytes) acc = (acc << 8n) | BigInt(byte);
  let chars = '';
  for (let i = SHORT_CODE_DIGITS - 1; i >= 0; i--) {
    chars += CROCKFORD_ALPHABET.charAt(Number((acc >> BigInt(i * 5)) & 31n));
  }
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** Typed text → the canonical `XXXX-XXXX`, or null when it cannot be a short code. */
export function parseShortCode(text: string): string | null {
  const chars = normalise(text);
  if (chars.length !== SHORT_CODE_DIGITS) return null;
  if (![...chars].every((c) => digitValue(c) !== undefined)) return null;
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** What the user typed so far, grouped for the input field. */
export function formatShortCodeAsTyped(partial: string): string {
  const chars = normalise(partial);
  return chars.length > 4 ? `${chars.slice(0, 4)}-${chars.slice(4)}` : chars;
}

// ---- license codes -------------------------------------------------------------------------

export const LICENSE_CODE_PREFIX = 'CFL';

export type LicenseCodeProblem = 'empty' | 'bad-character' | 'wrong-length' | 'checksum';

/** 16 random bytes → `CFL-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXXC`. */
export function formatLicenseCode(bytes: Uint8Array): string {
  if (bytes.length !== ACCOUNT_KEY_BYTES) throw new Error('a license code is 16 bytes');
  const digits = bytesToDigits(bytes);
  digits.push(checkDigit(digits));
  return `${LICENSE_CODE_PREFIX}-${groupKeyChars(digits.map((d) => CROCKFORD_ALPHABET.charAt(d)).join(''))}`;
}

/**
 * Typed text → `{ code }` in canonical form, or `{ problem }` saying what to fix. The prefix may be
 * left out; an account key (CF1-) is not a license code.
 */
export function checkLicenseCode(
  text: string,
): { code: string; problem?: undefined } | { code?: undefined; problem: LicenseCodeProblem } {
  if (compact(text) === '') return { problem: 'empty' };
  const chars = licenseBody(text);
  const values = [...chars].map(digitValue);
  if (values.some((v) => v === undefined)) return { problem: 'bad-character' };
  if (values.length !== ACCOUNT_KEY_DIGITS + 1) return { problem: 'wrong-length' };
  const digits = values.slice(0, ACCOUNT_KEY_DIGITS) as number[];
  if ((digits[0] ?? 0) > 7) return { problem: 'bad-character' };
  if (checkDigit(digits) !== values[ACCOUNT_KEY_DIGITS]) return { problem: 'checksum' };
  return { code: `${LICENSE_CODE_PREFIX}-${groupKeyChars(chars)}` };
}

/**
 * The code's digits without the prefix. The prefix is taken off before the aliases apply: they map
 * the L of `CFL` to 1, after which no code would be recognised with its prefix.
 */
function licenseBody(text: string): string {
  const raw = compact(text);
  return normalise(
    raw.startsWith(LICENSE_CODE_PREFIX) ? raw.slice(LICENSE_CODE_PREFIX.length) : raw,
  );
}

/** What the user typed so far, with the prefix and dashes put back. */
export function formatLicenseCodeAsTyped(partial: string): string {
  const raw = compact(partial);
  if (raw === '' || LICENSE_CODE_PREFIX.startsWith(raw)) return raw;
  const chars = licenseBody(partial);
  return chars === '' ? LICENSE_CODE_PREFIX : `${LICENSE_CODE_PREFIX}-${groupKeyChars(chars)}`;
}
