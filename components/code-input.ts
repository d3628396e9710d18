/**
 * What the emailed code and the license code fields say as the user types (the account key's field
 * is account-key-input.ts): quiet while an unfinished code has nothing wrong yet, an error as soon
 * as something is certainly wrong, and on submit (`finished`) a short code is an error too.
 */
import {
  ACCOUNT_KEY_LENGTH,
  LICENSE_CODE_PREFIX,
  checkLicenseCode,
  formatLicenseCodeAsTyped,
  formatShortCodeAsTyped,
  parseShortCode,
  type LicenseCodeProblem,
} from '@/lib/account-key';
import type { MessageKey } from '@/lib/i18n';

export type CodeFeedback = { kind: 'none' } | { kind: 'ok' } | { kind: 'error'; key: MessageKey };

const SHORT_CODE_CHARS = 8;

const shortCodeProblems: Record<'not-a-code' | 'incomplete', MessageKey> = {
  'not-a-code': 'verifyCodeNotACode',
  incomplete: 'verifyCodeIncomplete',
};

/** The emailed code (`XXXX-XXXX`). */
export function shortCodeFeedback(text: string, finished = false): CodeFeedback {
  if (parseShortCode(text) !== null) return { kind: 'ok' };
  const chars = formatShortCodeAsTyped(text).replace(/-/g, '');
  // What is typed so far is a code's beginning if the rest could still make it one.
  const couldBe =
    chars.length < SHORT_CODE_CHARS &&
    parseShortCode(chars + '0'.repeat(SHORT_CODE_CHARS - chars.length)) !== null;
  if (!couldBe) return { kind: 'error', key: shortCodeProblems['not-a-code'] };
  return finished ? { kind: 'error', key: shortCodeProblems.incomplete } : { kind: 'none' };
}

const licenseProblems: Record<LicenseCodeProblem, MessageKey> = {
  empty: 'licenseEmpty',
  'bad-character': 'licenseBadCharacter',
  'wrong-length': 'licenseWrongLength',
  checksum: 'licenseChecksum',
};

/** A license code (`CFL-…`): its check character catches a typo once the code is complete. */
export function licenseCodeFeedback(text: string, finished = false): CodeFeedback {
  const checked = checkLicenseCode(text);
  if (checked.code !== undefined) return { kind: 'ok' };
  const { problem } = checked;
  if (!finished) {
    const body = formatLicenseCodeAsTyped(text)
      .replace(new RegExp(`^${LICENSE_CODE_PREFIX}`), '')
      .replace(/-/g, '');
    if (problem === 'empty') return { kind: 'none' };
    if (problem === 'wrong-length' && body.length < ACCOUNT_KEY_LENGTH) return { kind: 'none' };
  }
  return { kind: 'error', key: licenseProblems[problem] };
}
