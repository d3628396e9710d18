/** The one-time code setup (`otp`) in the three-way merge (merge.ts). */
import { describe, expect, it } from 'vitest';
import { emptyLogin, normalizeItem, type LoginItem } from './item';
import { mergeItems } from './merge';
import { normalizeOtp } from './totp';

const base: LoginItem = {
  ...emptyLogin('item-1', 1_000),
  title: 'Bank',
  username: 'ada',
  password: 'pw',
  urls: [{ url: 'https://bank.test', match: 'domain' }],
};
const OTP_A = normalizeOtp('otpauth://totp/Bank:ada?secret=JBSWY3DPEHPK3PXP');
const OTP_B = normalizeOtp('otpauth://totp/Bank:ada?secret=KRSXG5CTMVRXEZLU');

const edit = (changes: Partial<LoginItem>, at = 2_000): LoginItem => ({
  ...base,
  ...changes,
  updatedAt: at,
});

describe('merging the one-time code setup', () => {
  it('keeps a code added on one device and a password changed on the other', () => {
    const result = mergeItems(base, edit({ otp: OTP_A }), edit({ password: 'new' }, 3_000));
    expect(result.conflict).toBe(false);
    expect(!result.conflict && result.merged).toMatchObject({ otp: OTP_A, password: 'new' });
  });

  it('honours a code removed on one device while the other left it alone', () => {
    const withCode = { ...base, otp: OTP_A };
    const result = mergeItems(withCode, { ...withCode, otp: '' }, { ...withCode, title: 'B' });
    expect(!result.conflict && result.merged).toMatchObject({ otp: '', title: 'B' });
  });

  it('is a conflict when both devices set different codes, each keeping its own', () => {
    const result = mergeItems(base, edit({ otp: OTP_A }), edit({ otp: OTP_B }));
    if (!result.conflict) throw new Error('expected a conflict');
    expect(result.fields).toEqual(['otp']);
    expect((result.local as LoginItem).otp).toBe(OTP_A);
    expect((result.remote as LoginItem).otp).toBe(OTP_B);
  });

  it('reads a login written before codes existed as one without a code', () => {
    const { otp: _otp, ...older } = base;
    const read = normalizeItem(older) as LoginItem;
    expect(read.otp).toBe('');
    const result = mergeItems(read, read, { ...read, otp: OTP_A });
    expect(!result.conflict && result.merged).toMatchObject({ otp: OTP_A });
  });

  it('refuses a setup longer than the limit', () => {
    expect(() => normalizeItem({ ...base, otp: 'x'.repeat(2049) })).toThrow();
  });
});
