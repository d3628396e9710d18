import { describe, expect, it } from 'vitest';
import { normalizeOtp, otpCodeAt, OtpError, parseOtp, type OtpProblem } from './totp';

// RFC 6238 Appendix B: the ASCII seeds "1234567890…" of 20, 32 and 64 bytes, base32-encoded.
const SEEDS = {
  SHA1: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  SHA256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  SHA512:
    'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA',
} as const;

const VECTORS: Array<[seconds: number, sha1: string, sha256: string, sha512: string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('RFC 6238 Appendix B through our wrapper', () => {
  for (const [seconds, ...codes] of VECTORS) {
    (['SHA1', 'SHA256', 'SHA512'] as const).forEach((algorithm, index) => {
      it(`${algorithm} at ${seconds}`, () => {
        const uri = `otpauth://totp/RFC:test?secret=${SEEDS[algorithm]}&algorithm=${algorithm}&digits=8&period=30`;
        expect(otpCodeAt(uri, seconds * 1000).code).toBe(codes[index]);
      });
    });
  }
});

function problemOf(input: string): OtpProblem | undefined {
  try {
    parseOtp(input);
    return undefined;
  } catch (error) {
    if (error instanceof OtpError) return error.problem;
    throw error;
  }
}

describe('parseOtp', () => {
  it('reads a full otpauth URI', () => {
    expect(
      parseOtp(
        'otpauth://totp/ACME%20Co:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA256&digits=7&period=60',
      ),
    ).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA256',
      digits: 7,
      period: 60,
      issuer: 'ACME Co',
      label: 'alice@example.com',
    });
  });

  it('gives a URI without parameters the defaults, and takes the issuer from the label', () => {
    expect(parseOtp('otpauth://totp/Bank:bob?secret=jbswy3dpehpk3pxp')).toMatchObject({
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      issuer: 'Bank',
      label: 'bob',
    });
  });

  it('accepts a bare secret as sites print it, with spaces and lower case', () => {
    expect(parseOtp('  jbsw y3dp ehpk 3pxp ')).toMatchObject({
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it.each<[string, OtpProblem]>([
    ['https://example.com/?secret=JBSWY3DPEHPK3PXP', 'not-otp'],
    ['otpauth://hotp/ACME:alice?secret=JBSWY3DPEHPK3PXP&counter=1', 'hotp'],
    ['otpauth://totp/ACME:alice?issuer=ACME', 'no-secret'],
    ['otpauth://totp/ACME:alice?secret=JBSW1Y3DP8EHPK', 'bad-secret'],
    ['otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&digits=9', 'bad-digits'],
    ['otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&digits=5', 'bad-digits'],
    ['otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'bad-algorithm'],
    ['otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&period=0', 'bad-period'],
    ['JBSWY3DP', 'bad-secret'],
    ['my secret!', 'not-otp'],
    ['', 'no-secret'],
  ])('refuses %s (%s)', (input, problem) => {
    expect(problemOf(input)).toBe(problem);
  });
});

describe('normalizeOtp', () => {
  it('stores a bare secret as the URI with the defaults spelled out', () => {
    const uri = normalizeOtp('jbsw y3dp ehpk 3pxp');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(parseOtp(uri)).toMatchObject({ secret: 'JBSWY3DPEHPK3PXP', digits: 6, period: 30 });
  });

  it('keeps issuer, label and settings, and is stable', () => {
    const uri = normalizeOtp(
      'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME&algorithm=SHA512&digits=8&period=45',
    );
    expect(normalizeOtp(uri)).toBe(uri);
    expect(parseOtp(uri)).toMatchObject({
      issuer: 'ACME',
      label: 'alice',
      algorithm: 'SHA512',
      digits: 8,
      period: 45,
    });
  });
});

describe('otpCodeAt', () => {
  it('counts the seconds left in the period down to 1', () => {
    const uri = 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP';
    expect(otpCodeAt(uri, 30_000).secondsLeft).toBe(30);
    expect(otpCodeAt(uri, 31_000).secondsLeft).toBe(29);
    expect(otpCodeAt(uri, 59_999).secondsLeft).toBe(1);
    expect(otpCodeAt(uri, 59_999).code).not.toBe(otpCodeAt(uri, 60_000).code);
    expect(otpCodeAt(uri, 45_000).code).toMatch(/^\d{6}$/);
  });
});
