/**
 * The account key (AK) as people see and type it. DESIGN.md §2: 128 random bits, shown as `CF1-`,
 * Crockford base32 and a check character. Pure text functions, no libsodium: the popup uses them to
 * format and check what the user types without touching keys.
 *
 * Display format (27 characters of key; 35 with the prefix and dashes):
 *
 *   CF1-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXXC
 *
 * 26 base32 digits (the first is 0–7, see base32.ts), then one check character C (see checksum.ts),
 * grouped 6-5-5-5-6. Parsing forgives what people do when copying a key: spaces, lower case, missing
 * or extra dashes (including typographic ones), Crockford's aliases O→0 and I/L→1, and a missing
 * `CF1` prefix (unambiguous: a key's first digit is 0–7, never `C`).
 */
import {
  ACCOUNT_KEY_BYTES,
  ACCOUNT_KEY_DIGITS,
  CROCKFORD_ALPHABET,
  bytesToDigits,
  canonicalChar,
  digitValue,
  digitsToBytes,
} from './base32';
import { checkDigit } from './checksum';
import { AccountKeyError } from './errors';

export { ACCOUNT_KEY_BYTES } from './base32';

export const ACCOUNT_KEY_PREFIX = 'CF1';
/** Characters after the prefix: 26 digits + 1 check character. */
export const ACCOUNT_KEY_LENGTH = ACCOUNT_KEY_DIGITS + 1;
const GROUPS = [6, 5, 5, 5, 6] as const;

// Whitespace of any kind, and the dash look-alikes that word processors and PDFs substitute.
const SEPARATORS = /[\s\-_\u2010-\u2015\u2212\u00ad\u200b\u2060\ufeff]/g;

/** Upper-cases and drops separators (no aliases yet: a prefix may hold an L). */
export function compactTyped(text: string): string {
  return text.replace(SEPARATORS, '').toUpperCase();
}

/** Upper-cases, drops separators and applies the Crockford aliases. */
export function normaliseTyped(text: string): string {
  return [...compactTyped(text)].map(canonicalChar).join('');
}
const normalise = normaliseTyped;

/** Splits normalised text into an optional prefix and the key characters. */
function splitPrefix(text: string): { prefix: string; body: string } {
  if (text.startsWith(ACCOUNT_KEY_PREFIX)) {
    return { prefix: ACCOUNT_KEY_PREFIX, body: text.slice(ACCOUNT_KEY_PREFIX.length) };
  }
  return { prefix: '', body: text };
}

/** 27 key characters grouped 6-5-5-5-6 (the account key's and the license code's layout). */
export function groupKeyChars(chars: string): string {
  const parts: string[] = [];
  let start = 0;
  for (const size of GROUPS) {
    if (start >= chars.length) break;
    parts.push(chars.slice(start, start + size));
    start += size;
  }
  // Anything beyond a full key stays visible, so "too long" can be seen and fixed.
  if (start < chars.length) parts.push(chars.slice(start));
  return parts.join('-');
}

/** 16 bytes → `CF1-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXXC`. */
export function formatAccountKey(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array) || bytes.length !== ACCOUNT_KEY_BYTES) {
    throw new AccountKeyError('wrong-length', `An account key is ${ACCOUNT_KEY_BYTES} bytes.`);
  }
  const digits = bytesToDigits(bytes);
  digits.push(checkDigit(digits));
  const chars = digits.map((d) => CROCKFORD_ALPHABET.charAt(d)).join('');
  return `${ACCOUNT_KEY_PREFIX}-${groupKeyChars(chars)}`;
}

/**
 * Typed or pasted text → the 16-byte account key, or an AccountKeyError whose code says what to fix.
 * Checks in the order a person would fix things: prefix, characters, length, then the check character.
 */
export function parseAccountKey(text: string): Uint8Array {
  const normalised = typeof text === 'string' ? normalise(text) : '';
  if (normalised === '') {
    throw new AccountKeyError('empty', 'Enter your account key. It starts with CF1-.');
  }
  const { prefix, body } = splitPrefix(normalised);
  if (prefix === '' && /^[A-Z]/.test(body)) {
    throw new AccountKeyError(
      'bad-prefix',
      'This is not a Cassaforte account key: those start with CF1- (see your Emergency Kit).',
    );
  }
  const values: number[] = [];
  for (const [index, char] of [...body].entries()) {
    const value = digitValue(char);
    if (value === undefined) {
      const shown = /^[\x21-\x7e]$/.test(char) ? `"${char}"` : 'a character';
      throw new AccountKeyError(
        'bad-character',
        `Account keys never contain ${shown} (position ${index + 1}). They use the digits 0–9 and ` +
          'the letters A–Z except I, L, O and U.',
        index + 1,
      );
    }
    values.push(value);
  }
  if (values.length !== ACCOUNT_KEY_LENGTH) {
    const which = values.length < ACCOUNT_KEY_LENGTH ? 'short' : 'long';
    throw new AccountKeyError(
      'wrong-length',
      `This account key is too ${which}: it has ${values.length} characters after CF1-, ` +
        `and should have ${ACCOUNT_KEY_LENGTH}.`,
    );
  }
  const digits = values.slice(0, ACCOUNT_KEY_DIGITS);
  // The key's first digit carries only 3 bits (two leading zero bits), so it is 0–7.
  if ((digits[0] ?? 0) > 7) {
    throw new AccountKeyError(
      'bad-character',
      'The first character of an account key, after CF1-, is a digit from 0 to 7.',
      1,
    );
  }
  if (checkDigit(digits) !== values[ACCOUNT_KEY_DIGITS]) {
    throw new AccountKeyError(
      'checksum',
      'This account key has a typo: check each character against your Emergency Kit.',
    );
  }
  return digitsToBytes(digits);
}

/** True when the text parses as an account key. */
export function isValidAccountKey(text: string): boolean {
  try {
    parseAccountKey(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Normalises and groups what the user has typed so far, for the input field: upper case, aliases
 * applied, separators re-placed. Characters that are not allowed are kept (so parseAccountKey can
 * point at them), and nothing is cut off. A partial prefix (`c`, `cf`) is left as typed; text that
 * starts with key digits gets the `CF1-` prefix.
 */
export function formatAsTyped(partial: string): string {
  const normalised = normalise(partial);
  if (normalised === '') return '';
  if (ACCOUNT_KEY_PREFIX.startsWith(normalised)) return normalised;
  const { prefix, body } = splitPrefix(normalised);
  if (prefix === '' && !/^[0-7]/.test(body)) return body; // not a key; parse will say why
  // No dash after a bare prefix: backspacing over it would otherwise put it straight back.
  return body === '' ? ACCOUNT_KEY_PREFIX : `${ACCOUNT_KEY_PREFIX}-${groupKeyChars(body)}`;
}
