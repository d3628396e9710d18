import { describe, expect, it } from 'vitest';
import { formatLicenseCode, formatShortCode, formatShortCodeAsTyped } from '@/lib/account-key';
import { formatLicenseCodeAsTyped } from '@/lib/account-key';
import { formatWithCaret } from './account-key-input';
import { licenseCodeFeedback, shortCodeFeedback } from './code-input';

const short = formatShortCode(new Uint8Array([1, 2, 3, 4, 5]));
const license = formatLicenseCode(new Uint8Array(16).map((_, i) => i * 13 + 7));

describe('the emailed code as typed', () => {
  it('is grouped as typed, lower case and all, with the caret where it was', () => {
    const typed = short.replace('-', '').toLowerCase().slice(0, 6);
    const out = formatWithCaret(typed, typed.length, formatShortCodeAsTyped);
    expect(out.value).toBe(short.slice(0, 7));
    expect(out.caret).toBe(out.value.length);
  });

  it('stays quiet while a right code is typed, and says when it cannot be one', () => {
    for (let n = 0; n < short.length; n++) {
      expect(shortCodeFeedback(short.slice(0, n)).kind, short.slice(0, n)).toBe('none');
    }
    expect(shortCodeFeedback(short).kind).toBe('ok');
    expect(shortCodeFeedback(`${short}7`)).toEqual({ kind: 'error', key: 'verifyCodeNotACode' });
    expect(shortCodeFeedback('AB#U')).toEqual({ kind: 'error', key: 'verifyCodeNotACode' });
  });

  it('is incomplete only once submitted', () => {
    expect(shortCodeFeedback('ABCD', true)).toEqual({ kind: 'error', key: 'verifyCodeIncomplete' });
    expect(shortCodeFeedback('', true)).toEqual({ kind: 'error', key: 'verifyCodeIncomplete' });
  });
});

describe('the license code as typed', () => {
  it('gets its prefix and dashes back, and stays quiet until complete', () => {
    const bare = license.slice(4).replace(/-/g, '').toLowerCase();
    expect(formatLicenseCodeAsTyped(bare)).toBe(license);
    for (let n = 0; n < bare.length; n++) {
      expect(licenseCodeFeedback(bare.slice(0, n)).kind, bare.slice(0, n)).toBe('none');
    }
    expect(licenseCodeFeedback(bare).kind).toBe('ok');
  });

  it('catches a typo with the check character, as it is typed', () => {
    const last = license.at(-1) === '7' ? '8' : '7';
    expect(licenseCodeFeedback(license.slice(0, -1) + last)).toEqual({
      kind: 'error',
      key: 'licenseChecksum',
    });
  });

  it('says what is wrong on submit', () => {
    expect(licenseCodeFeedback('', true)).toEqual({ kind: 'error', key: 'licenseEmpty' });
    expect(licenseCodeFeedback(license.slice(0, 12), true)).toEqual({
      kind: 'error',
      key: 'licenseWrongLength',
    });
    expect(licenseCodeFeedback(`${license}X`)).toEqual({
      kind: 'error',
      key: 'licenseWrongLength',
    });
  });
});
