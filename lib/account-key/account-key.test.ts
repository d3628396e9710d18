import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_KEY_LENGTH,
  formatAccountKey,
  formatAsTyped,
  isValidAccountKey,
  parseAccountKey,
} from './account-key';
import { CROCKFORD_ALPHABET } from './base32';
import { gfMul } from './checksum';
import { AccountKeyError, type AccountKeyErrorCode } from './errors';

const PREFIX = 'CF1-';

function randomKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(16));
}

function codeOf(text: string): AccountKeyErrorCode | 'ok' {
  try {
    parseAccountKey(text);
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(AccountKeyError);
    return (error as AccountKeyError).code;
  }
}

/** The 27 key characters of a formatted key, without prefix and dashes. */
function charsOf(formatted: string): string[] {
  return [...formatted.slice(PREFIX.length).replace(/-/g, '')];
}

function fromChars(chars: string[]): string {
  return PREFIX + chars.join('');
}

describe('formatAccountKey / parseAccountKey', () => {
  it('formats as CF1- and five groups of 6-5-5-5-6 base32 characters', () => {
    const text = formatAccountKey(randomKey());
    expect(text).toMatch(
      /^CF1-[0-7][0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}-[0-9A-HJKMNP-TV-Z]{6}$/,
    );
    expect(charsOf(text)).toHaveLength(ACCOUNT_KEY_LENGTH);
  });

  it('round-trips edge and random keys', () => {
    const keys = [
      new Uint8Array(16),
      new Uint8Array(16).fill(0xff),
      ...Array.from({ length: 200 }, randomKey),
    ];
    for (const key of keys) expect(parseAccountKey(formatAccountKey(key))).toEqual(key);
    expect(formatAccountKey(new Uint8Array(16))).toBe('CF1-000000-00000-00000-00000-000000');
    expect(formatAccountKey(new Uint8Array(16).fill(0xff)).slice(0, 11)).toBe('CF1-7ZZZZZ-');
  });

  it('refuses a byte array of the wrong size', () => {
    expect(() => formatAccountKey(new Uint8Array(15))).toThrow(AccountKeyError);
  });

  it('forgives spaces, lower case, missing or extra dashes, aliases and a missing prefix', () => {
    const key = randomKey();
    const text = formatAccountKey(key);
    const body = text.slice(PREFIX.length);
    const variants = [
      text.toLowerCase(),
      `  ${text}  `,
      text.replace(/-/g, ''),
      text.replace(/-/g, ' '),
      text.replace(/-/g, '--'),
      text.replace(/-/g, '\u2013'), // en dash from a PDF
      `cf1 ${body.replace(/-/g, '')}`,
      body,
      body.replace(/-/g, '').toLowerCase(),
      `CFI-${body}`,
      text.replace(/0/g, 'O').replace(/1/g, 'l').replace(/^CF1/, 'CF1'),
      text.replace(/0/g, 'o').replace(/1/g, 'I'),
      [...text.replace(/-/g, '')].join(' '),
    ];
    for (const variant of variants) expect(parseAccountKey(variant), variant).toEqual(key);
  });

  it('explains what is wrong with typed codes', () => {
    const text = formatAccountKey(randomKey());
    expect(codeOf('')).toBe('empty');
    expect(codeOf(' - -  ')).toBe('empty');
    expect(codeOf('A3-ASWWYB-798JRY-LJVD4-23DC2-86TVM-H43EB')).toBe('bad-prefix');
    expect(codeOf('CF2-000000-00000-00000-00000-000000')).toBe('bad-prefix');
    expect(codeOf(`${text.slice(0, 10)}U${text.slice(11)}`)).toBe('bad-character');
    expect(codeOf(`${text}*`)).toBe('bad-character');
    expect(codeOf(text.slice(0, -1))).toBe('wrong-length');
    expect(codeOf(`${text}0`)).toBe('wrong-length');
    expect(codeOf('CF1')).toBe('wrong-length');
    expect(codeOf(`CF1-8${text.slice(5)}`)).toBe('bad-character');
  });

  it('reports the position of a bad character, and never echoes the key', () => {
    const text = formatAccountKey(randomKey());
    const typo = `${text.slice(0, 12)}U${text.slice(13)}`; // 8th key character
    const error = (() => {
      try {
        parseAccountKey(typo);
      } catch (e) {
        return e as AccountKeyError;
      }
    })();
    expect(error?.code).toBe('bad-character');
    expect(error?.position).toBe(8);
    expect(error?.message).toContain('"U"');
    for (const group of text.split('-').slice(1)) expect(error?.message).not.toContain(group);
  });

  it('rejects every single-character substitution of valid keys', () => {
    for (let round = 0; round < 10; round++) {
      const chars = charsOf(formatAccountKey(randomKey()));
      for (let i = 0; i < chars.length; i++) {
        for (const symbol of CROCKFORD_ALPHABET) {
          if (symbol === chars[i]) continue;
          const typo = chars.slice();
          typo[i] = symbol;
          expect(codeOf(fromChars(typo)), `${i} ${symbol}`).toMatch(/^(checksum|bad-character)$/);
        }
      }
    }
  });

  it('rejects every adjacent (and every other) transposition of valid keys', () => {
    for (let round = 0; round < 10; round++) {
      const chars = charsOf(formatAccountKey(randomKey()));
      for (let i = 0; i < chars.length; i++) {
        for (let j = i + 1; j < chars.length; j++) {
          if (chars[i] === chars[j]) continue;
          const swapped = chars.slice();
          [swapped[i], swapped[j]] = [chars[j] ?? '', chars[i] ?? ''];
          expect(codeOf(fromChars(swapped)), `${i}<->${j}`).toMatch(/^(checksum|bad-character)$/);
        }
      }
    }
  });

  it('uses a generator of GF(32) for the weights (so all 27 weights differ)', () => {
    const seen = new Set<number>();
    let power = 1;
    for (let i = 0; i < 31; i++) {
      seen.add(power);
      power = gfMul(power, 2);
    }
    expect(power).toBe(1);
    expect(seen.size).toBe(31);
  });

  it('isValidAccountKey says yes or no', () => {
    expect(isValidAccountKey(formatAccountKey(randomKey()))).toBe(true);
    expect(isValidAccountKey('CF1-nope')).toBe(false);
  });
});

describe('formatAsTyped', () => {
  it('groups and normalises what has been typed so far', () => {
    expect(formatAsTyped('')).toBe('');
    expect(formatAsTyped('c')).toBe('C');
    expect(formatAsTyped('cf')).toBe('CF');
    expect(formatAsTyped('cf1')).toBe('CF1');
    expect(formatAsTyped('cf1-')).toBe('CF1');
    expect(formatAsTyped('cf14')).toBe('CF1-4');
    expect(formatAsTyped('cf1 4abcde')).toBe('CF1-4ABCDE');
    expect(formatAsTyped('cf14abcdefo')).toBe('CF1-4ABCDE-F0');
    expect(formatAsTyped('4abcde-fghjk-')).toBe('CF1-4ABCDE-FGHJK');
    expect(formatAsTyped('CF1-4ABCDE-FGHJK-MNPQR-STVWX-YZ0123')).toBe(
      'CF1-4ABCDE-FGHJK-MNPQR-STVWX-YZ0123',
    );
    expect(formatAsTyped('CF1-4ABCDE-FGHJK-MNPQR-STVWX-YZ01234')).toBe(
      'CF1-4ABCDE-FGHJK-MNPQR-STVWX-YZ0123-4',
    );
    expect(formatAsTyped('cf1-4abUe')).toBe('CF1-4ABUE');
    expect(formatAsTyped('hello')).toBe('HE110');
  });

  it('is stable: formatting formatted text changes nothing', () => {
    const text = formatAccountKey(randomKey());
    expect(formatAsTyped(text)).toBe(text);
    for (let n = 0; n <= text.length; n++) {
      const once = formatAsTyped(text.slice(0, n));
      expect(formatAsTyped(once)).toBe(once);
      expect(text.startsWith(once)).toBe(true);
    }
  });
});
