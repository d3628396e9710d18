import { describe, expect, it } from 'vitest';
import { parseOtp } from '@/lib/vault/totp';
import { blank, toSave, type ItemForm } from './item-form';
import { otpOf, otpProblem, withOtp } from './otp-form';

const login = (otp?: string): ItemForm => ({
  ...blank('login'),
  ...(otp === undefined ? {} : { otp }),
});
const saved = (form: ItemForm) => withOtp(form, toSave(form));

describe('the one-time code in the item form', () => {
  it('starts empty, and saves none when left empty', () => {
    expect(otpOf(blank('login'))).toBe('');
    expect(otpProblem(blank('login'))).toBeUndefined();
    expect(saved(blank('login')).otp).toBe('');
  });

  it('saves a pasted bare key as the otpauth URI with the defaults', () => {
    const form = login(' jbsw y3dp ehpk 3pxp ');
    expect(otpProblem(form)).toBeUndefined();
    const uri = saved(form).otp as string;
    expect(uri.startsWith('otpauth://totp/')).toBe(true);
    expect(parseOtp(uri)).toMatchObject({ secret: 'JBSWY3DPEHPK3PXP', digits: 6, period: 30 });
  });

  it('says what is wrong with a bad one', () => {
    expect(otpProblem(login('otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP'))).toBe('hotp');
    expect(otpProblem(login('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=9'))).toBe(
      'bad-digits',
    );
    expect(otpProblem(login('not a key!'))).toBe('not-otp');
  });

  it('leaves a note alone', () => {
    const note = { ...blank('note'), otp: 'junk' } as ItemForm;
    expect(otpProblem(note)).toBeUndefined();
    expect(withOtp(note, { type: 'note', title: 'x' })).toEqual({ type: 'note', title: 'x' });
  });
});
