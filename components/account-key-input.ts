/**
 * What the account-key field does as the user types: re-format (groups, upper case, prefix) without
 * making the caret jump, and judge the text so far without nagging about a key not yet finished.
 */
import {
  ACCOUNT_KEY_LENGTH,
  ACCOUNT_KEY_PREFIX,
  AccountKeyError,
  formatAsTyped,
  parseAccountKey,
} from '@/lib/account-key';

const SIGNIFICANT = /[0-9A-Za-z]/;

function significantCount(text: string): number {
  return [...text].filter((c) => SIGNIFICANT.test(c)).length;
}

/**
 * Formats `raw` and finds where the caret goes: after the same characters it was after. Counting
 * from the end keeps it right when formatting adds the `CF1-` prefix at the start. `format` is the
 * account key's by default; the emailed and license codes pass theirs (lib/account-key/codes.ts).
 */
export function formatWithCaret(
  raw: string,
  caret: number,
  format: (text: string) => string = formatAsTyped,
): { value: string; caret: number } {
  const value = format(raw);
  let after = significantCount(raw.slice(caret));
  let position = value.length;
  while (after > 0 && position > 0) {
    position--;
    if (SIGNIFICANT.test(value.charAt(position))) after--;
  }
  // Skip back over a dash the caret would otherwise sit after, so typing continues naturally.
  return { value, caret: position };
}

export type KeyFeedback =
  { kind: 'none' } | { kind: 'ok' } | { kind: 'error'; error: AccountKeyError };

/**
 * `none` while an unfinished key has nothing wrong yet; `error` as soon as something is certainly
 * wrong (a character no key has, another product's prefix, too long, a typo); `ok` for a key whose
 * check character matches. With `finished` (the form was submitted) a short key is an error too.
 */
export function accountKeyFeedback(text: string, finished = false): KeyFeedback {
  if (text.trim() === '' && !finished) return { kind: 'none' };
  try {
    parseAccountKey(text);
    return { kind: 'ok' };
  } catch (error) {
    if (!(error instanceof AccountKeyError)) throw error;
    if (finished) return { kind: 'error', error };
    if (error.code === 'empty') return { kind: 'none' };
    const compact = text.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
    if (error.code === 'bad-prefix' && ACCOUNT_KEY_PREFIX.startsWith(compact))
      return { kind: 'none' };
    if (error.code === 'wrong-length') {
      const body = significantCount(text.replace(/^\s*CF1/i, ''));
      return body < ACCOUNT_KEY_LENGTH ? { kind: 'none' } : { kind: 'error', error };
    }
    return { kind: 'error', error };
  }
}
