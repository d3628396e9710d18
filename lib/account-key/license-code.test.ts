/** License codes are read back with their `CFL-` prefix, whose L is also an alias of 1. */
import { describe, expect, it } from 'vitest';
import { checkLicenseCode, formatLicenseCode, formatLicenseCodeAsTyped } from './codes';

const code = formatLicenseCode(new Uint8Array(16).map((_, i) => i * 13 + 7));

describe('license codes', () => {
  it('are recognised as printed, in lower case, and without the prefix', () => {
    expect(checkLicenseCode(code)).toEqual({ code });
    expect(checkLicenseCode(code.toLowerCase())).toEqual({ code });
    expect(checkLicenseCode(code.slice(4))).toEqual({ code });
    expect(checkLicenseCode(` ${code.replace(/-/g, ' ')} `)).toEqual({ code });
  });

  it('are formatted as typed, prefix included', () => {
    expect(formatLicenseCodeAsTyped('cf')).toBe('CF');
    expect(formatLicenseCodeAsTyped('cfl')).toBe('CFL');
    expect(formatLicenseCodeAsTyped(code.replace(/-/g, '').toLowerCase())).toBe(code);
    expect(formatLicenseCodeAsTyped(code.slice(4, 12))).toBe(code.slice(0, 12));
  });

  it('catch a changed character with the check character', () => {
    const last = code.at(-1) === '7' ? '8' : '7';
    expect(checkLicenseCode(code.slice(0, -1) + last)).toEqual({ problem: 'checksum' });
  });
});
