import { describe, expect, it } from 'vitest';
import { formatAccountKey } from '@/lib/account-key';
import { accountKeyFeedback, formatWithCaret } from './account-key-input';

const key = formatAccountKey(new Uint8Array(16).map((_, i) => i * 17));

describe('formatWithCaret', () => {
  it('groups and upper-cases what is typed, caret at the end', () => {
    const typed = key.slice(4, 14).replace(/-/g, '').toLowerCase();
    const out = formatWithCaret(typed, typed.length);
    expect(out.value).toBe(key.slice(0, 4 + 6 + 1 + 3));
    expect(out.caret).toBe(out.value.length);
  });

  it('keeps the caret after the same character when editing in the middle', () => {
    const full = key.replace(/-/g, '');
    // Caret after the 8th character of the body (CF1 + 8).
    const out = formatWithCaret(full, 3 + 8);
    const before = out.value.slice(0, out.caret).replace(/-/g, '');
    expect(before).toBe(full.slice(0, 11));
  });
});

describe('accountKeyFeedback', () => {
  it('stays quiet while a correct key is being typed', () => {
    for (let n = 1; n < key.length; n++) {
      expect(accountKeyFeedback(key.slice(0, n)).kind, key.slice(0, n)).toBe('none');
    }
  });

  it('accepts the whole key, in any case and spacing', () => {
    expect(accountKeyFeedback(key).kind).toBe('ok');
    expect(accountKeyFeedback(key.toLowerCase().replace(/-/g, ' ')).kind).toBe('ok');
  });

  it('catches a typo through the check character', () => {
    const last = key.at(-1) === '0' ? '1' : '0';
    const typo = key.slice(0, -1) + last;
    const feedback = accountKeyFeedback(typo);
    expect(feedback.kind === 'error' && feedback.error.code).toBe('checksum');
  });

  it('points at a character no key has, at once', () => {
    const feedback = accountKeyFeedback('CF1-12U');
    expect(feedback.kind === 'error' && feedback.error.code).toBe('bad-character');
    expect(feedback.kind === 'error' && feedback.error.position).toBe(3);
  });

  it('says too short only once the form is submitted', () => {
    const feedback = accountKeyFeedback(key.slice(0, 12), true);
    expect(feedback.kind === 'error' && feedback.error.code).toBe('wrong-length');
    const empty = accountKeyFeedback('', true);
    expect(empty.kind === 'error' && empty.error.code).toBe('empty');
  });

  it('says too long at once', () => {
    const feedback = accountKeyFeedback(`${key}7`);
    expect(feedback.kind === 'error' && feedback.error.code).toBe('wrong-length');
  });
});
