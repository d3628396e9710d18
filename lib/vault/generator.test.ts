import { describe, expect, it } from 'vitest';
import {
  AMBIGUOUS,
  CHARSETS,
  entropyBits,
  generate,
  type RandomSource,
  uniformIndex,
} from './generator';
import { seededBytes } from './seeded-random';
import { WORDLIST } from './wordlist';

/** Pearson's chi-square statistic of observed counts against a uniform expectation. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

/**
 * Upper critical value of chi-square at p ≈ 0.001 for `df` degrees of freedom (Wilson–Hilferty),
 * so a fair generator fails this by chance about once in a thousand seeds, and these seeds are fixed.
 */
function critical(df: number): number {
  const z = 3.09;
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
}

describe('password generator', () => {
  it('makes passwords of the asked length with a character from every chosen set', () => {
    const random = seededBytes(1);
    for (const length of [8, 9, 20, 64, 128]) {
      for (let i = 0; i < 50; i++) {
        const { value } = generate({ mode: 'password', length }, random);
        expect(value).toHaveLength(length);
        for (const set of Object.values(CHARSETS)) {
          expect(
            [...value].some((c) => set.includes(c)),
            `${value} has one of ${set}`,
          ).toBe(true);
        }
      }
    }
  });

  it('uses only the chosen sets', () => {
    const random = seededBytes(2);
    for (let i = 0; i < 200; i++) {
      const { value } = generate({ mode: 'password', upper: false, symbols: false }, random);
      expect(value).toMatch(/^[a-z0-9]+$/);
      expect(value).toMatch(/[0-9]/);
    }
  });

  it('leaves out look-alike characters when asked', () => {
    const random = seededBytes(3);
    const all = Array.from(
      { length: 500 },
      () => generate({ mode: 'password', length: 32, avoidAmbiguous: true }, random).value,
    ).join('');
    for (const c of AMBIGUOUS) expect(all).not.toContain(c);
  });

  it('rejects impossible options', () => {
    const none = { lower: false, upper: false, digits: false, symbols: false };
    expect(() => generate({ mode: 'password', ...none })).toThrow(/at least one/);
    expect(() => generate({ mode: 'password', length: 7 })).toThrow();
    expect(() => generate({ mode: 'password', length: 129 })).toThrow();
  });

  it('picks every character equally often (no modulo bias)', () => {
    const random = seededBytes(4);
    const alphabet = CHARSETS.lower;
    const counts = new Array<number>(alphabet.length).fill(0);
    for (let i = 0; i < 4_000; i++) {
      const options = { mode: 'password', upper: false, digits: false, symbols: false } as const;
      for (const c of generate({ ...options, length: 32 }, random).value) {
        counts[alphabet.indexOf(c)]! += 1;
      }
    }
    expect(chiSquare(counts)).toBeLessThan(critical(alphabet.length - 1));
  });

  it('uses the platform CSPRNG by default', () => {
    const a = generate({ mode: 'password' }).value;
    const b = generate({ mode: 'password' }).value;
    expect(a).not.toBe(b);
  });
});

describe('uniformIndex', () => {
  const draws = 300_000;

  it('is uniform where `byte % n` would not be', () => {
    // 256 % 94 = 68: a naive modulo makes the first 68 symbols ~1.5× as likely as the rest.
    const n = 94;
    const draw = uniformIndex(seededBytes(5));
    const counts = new Array<number>(n).fill(0);
    for (let i = 0; i < draws; i++) counts[draw(n)]! += 1;
    expect(chiSquare(counts)).toBeLessThan(critical(n - 1));

    const bytes = seededBytes(5)(draws);
    const naive = new Array<number>(n).fill(0);
    for (const b of bytes) naive[b % n]! += 1;
    expect(chiSquare(naive)).toBeGreaterThan(critical(n - 1)); // the test can see bias
  });

  it('is uniform over ranges wider than a byte (word indices)', () => {
    const draw = uniformIndex(seededBytes(6));
    const n = WORDLIST.length;
    const buckets = new Array<number>(50).fill(0);
    for (let i = 0; i < draws; i++) buckets[Math.floor((draw(n) * 50) / n)]! += 1;
    expect(chiSquare(buckets)).toBeLessThan(critical(49));
  });

  it('fails loudly rather than loop on a broken source', () => {
    const stuck: RandomSource = (n) => new Uint8Array(n).fill(255);
    expect(() => generate({ mode: 'password' }, stuck)).toThrow(); // 255 is rejected for n = 94
  });
});

describe('passphrases', () => {
  const words = new Set(WORDLIST);

  it('joins words from the list with the separator', () => {
    const random = seededBytes(7);
    for (let i = 0; i < 200; i++) {
      const { value } = generate({ mode: 'passphrase', words: 6, separator: '.' }, random);
      const parts = value.split('.');
      expect(parts).toHaveLength(6);
      for (const part of parts) expect(words.has(part), part).toBe(true);
    }
  });

  it('capitalises and adds one digit when asked', () => {
    const random = seededBytes(8);
    for (let i = 0; i < 200; i++) {
      const { value } = generate(
        { mode: 'passphrase', words: 4, separator: '', capitalize: true, includeNumber: true },
        random,
      );
      // A capital starts each word; four words of the list hold a hyphen (t-shirt → T-shirt).
      const parts = value.match(/[A-Z][a-z]*(?:-[a-z]+)?\d?/g) ?? [];
      expect(parts.join('')).toBe(value);
      expect(parts).toHaveLength(4);
      expect(value.replace(/\D/g, '')).toHaveLength(1);
      for (const part of parts) expect(words.has(part.replace(/\d/, '').toLowerCase())).toBe(true);
    }
  });

  it('refuses separators that would blur word boundaries', () => {
    expect(() => generate({ mode: 'passphrase', separator: '' })).toThrow(/capitalised/);
    expect(() => generate({ mode: 'passphrase', separator: 'x' })).toThrow();
  });
});

describe('entropyBits', () => {
  it('is length × log2(alphabet) for a single set', () => {
    const digitsOnly = { mode: 'password', lower: false, upper: false, symbols: false } as const;
    expect(entropyBits({ ...digitsOnly, length: 8 })).toBeCloseTo(8 * Math.log2(10), 9);
    const lower = { mode: 'password', upper: false, digits: false, symbols: false } as const;
    expect(entropyBits({ ...lower, length: 20 })).toBeCloseTo(20 * Math.log2(26), 9);
  });

  it('counts only passwords that contain every chosen set', () => {
    // lower + digits, length 8: all 36^8 strings minus those with no digit or no letter.
    const valid = 36 ** 8 - 26 ** 8 - 10 ** 8;
    const options = { mode: 'password', length: 8, upper: false, symbols: false } as const;
    expect(entropyBits(options)).toBeCloseTo(Math.log2(valid), 9);
  });

  it('stays finite and close to length × log2(alphabet) for long passwords', () => {
    const bits = entropyBits({ mode: 'password', length: 128 });
    const alphabet = Object.values(CHARSETS).join('').length;
    expect(bits).toBeLessThan(128 * Math.log2(alphabet));
    expect(bits).toBeGreaterThan(128 * Math.log2(alphabet) - 0.01);
  });

  it('accounts for removed look-alikes', () => {
    const lower = { mode: 'password', upper: false, digits: false, symbols: false } as const;
    expect(entropyBits({ ...lower, length: 10, avoidAmbiguous: true })).toBeCloseTo(
      10 * Math.log2(26 - 2), // l and o
      9,
    );
  });

  it('is words × log2(7776) with the EFF list, plus the digit and its place', () => {
    const perWord = Math.log2(7776); // ≈ 12.925 bits a word
    expect(WORDLIST).toHaveLength(7776);
    expect(entropyBits({ mode: 'passphrase', words: 5 })).toBeCloseTo(5 * perWord, 9);
    expect(entropyBits({ mode: 'passphrase', words: 5, includeNumber: true })).toBeCloseTo(
      5 * perWord + Math.log2(50),
      9,
    );
    expect(generate({ mode: 'passphrase', words: 5 }).entropyBits).toBeCloseTo(5 * perWord, 9);
    expect(entropyBits({ mode: 'passphrase', words: 5 })).toBeCloseTo(64.6240625, 6);
  });
});

describe('word list', () => {
  it('is the EFF long list: 7,776 distinct lowercase words of 3–9 letters, in dice order', () => {
    expect(new Set(WORDLIST).size).toBe(7776);
    expect([WORDLIST[0], WORDLIST[1], WORDLIST.at(-1)]).toEqual(['abacus', 'abdomen', 'zoom']);
    for (const word of WORDLIST) {
      expect(word).toMatch(/^[a-z]+(-[a-z]+)?$/);
      expect(word.replace('-', '').length, word).toBeGreaterThanOrEqual(3);
      expect(word.length, word).toBeLessThanOrEqual(9);
    }
  });

  it('reads back one way with "-" between words: no hyphenated word starts with a word', () => {
    const words = new Set(WORDLIST);
    const hyphenated = WORDLIST.filter((word) => word.includes('-'));
    expect(hyphenated).toEqual(['drop-down', 'felt-tip', 't-shirt', 'yo-yo']);
    for (const word of hyphenated) expect(words.has(word.split('-')[0]!), word).toBe(false);
  });
});
