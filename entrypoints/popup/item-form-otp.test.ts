import { describe, expect, it } from 'vitest';
import { parseOtp } from '@/lib/vault/totp';
import { blank, otpProblem, toSave } from './item-form';

describe('the one-time code in the item form', () => {
  it('starts empty, and saves none when left empty', () => {
    expect(blank('login').otp).toBe('');
    expect(otpProblem(blank('login'))).toBeUndefined();
    expect(toSave(blank('login')).otp).toBe('');
  });

  it('saves a pasted bare key as the otpauth URI with the defaults', () => {
    const form = { ...blank('login'), otp: ' jbsw y3dp ehpk 3pxp ' };
    expect(otpProblem(form)).toBeUndefined();
    const saved = toSave(form).otp as string;
    expect(saved.startsWith('otpauth://totp/')).toBe(true);
    expect(parseOtp(saved)).toMatchObject({ secret: 'JBSWY3DPEHPK3PXP', digits: 6, period: 30 });
  });

  it('says what is wrong with a bad one', () => {
    expect(otpProblem({ ...blank('login'), otp: 'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP' })).toBe(
      'hotp',
    );
    expect(
      otpProblem({
        ...blank('login'),
        otp: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=9',
      }),
    ).toBe('bad-digits');
    expect(otpProblem({ ...blank('login'), otp: 'not a key!' })).toBe('not-otp');
  });
});
