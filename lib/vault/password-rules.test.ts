import { describe, expect, it } from 'vitest';
import { CHARSETS, entropyBits, generatorOptionsSchema, type GeneratorInput } from './generator';
import { constrainedBits } from './password-rules-entropy';
import { ASCII_PRINTABLE, parsePasswordRules } from './password-rules-parse';
import { generateForSite, type FieldConstraints } from './password-rules';
import { seededBytes } from './seeded-random';

const options = (input: GeneratorInput = { mode: 'password' }) =>
  generatorOptionsSchema.parse(input);

/** Many passwords for one site, from a fixed seed. */
function many(constraints: FieldConstraints, input?: GeneratorInput, count = 200, seed = 7) {
  const random = seededBytes(seed);
  return Array.from({ length: count }, () => generateForSite(options(input), constraints, random));
}

const longestRun = (value: string) =>
  Math.max(...[...value.matchAll(/(.)\1*/g)].map((m) => m[0].length));

describe('parsing passwordrules', () => {
  it("reads Apple's example", () => {
    const rules = parsePasswordRules(
      'required: lower; required: upper; required: digit; required: [-().&@?\'#,/"+]; ' +
        'allowed: ascii-printable; max-consecutive: 2; minlength: 20; maxlength: 40;',
    );
    expect(rules.required).toEqual([
      CHARSETS.lower,
      CHARSETS.upper,
      CHARSETS.digits,
      [...`"#&'()+,-./?@`].sort().join(''),
    ]);
    expect(rules.allowed).toBe(ASCII_PRINTABLE.split('').sort().join(''));
    expect(rules).toMatchObject({ maxConsecutive: 2, minLength: 20, maxLength: 40 });
  });

  it('takes the union of classes in one rule and the strictest of repeated limits', () => {
    const rules = parsePasswordRules(
      'required: upper, digit; minlength: 8; minlength: 12; maxlength: 30; maxlength: 16; max-consecutive: 3; max-consecutive: 2',
    );
    expect(rules.required).toEqual([CHARSETS.digits + CHARSETS.upper]);
    expect(rules).toMatchObject({ minLength: 12, maxLength: 16, maxConsecutive: 2 });
  });

  it('allows the required classes when no allowed rule says otherwise', () => {
    expect(parsePasswordRules('required: digit').allowed).toBe(CHARSETS.digits);
    expect(parsePasswordRules('allowed: lower; required: digit').allowed).toBe(
      CHARSETS.digits + CHARSETS.lower,
    );
    expect(parsePasswordRules('minlength: 8').allowed).toBeUndefined();
  });

  it("reads custom classes as Apple does: '-' only first, ']' as a closing ']]'", () => {
    expect(parsePasswordRules('allowed: [-_.]').allowed).toBe('-._');
    expect(parsePasswordRules('allowed: [a-z]').allowed).toBe('az');
    expect(parsePasswordRules('allowed: [;!]]; required: digit').allowed).toBe(
      `!${CHARSETS.digits};]`,
    );
  });

  it('ignores junk, unknown rules and unknown class names, and keeps the rest', () => {
    expect(parsePasswordRules('')).toEqual({ required: [] });
    expect(parsePasswordRules(';;; :: [[[ ]]] !!!')).toEqual({ required: [] });
    const rules = parsePasswordRules(
      'bogus: 7; required: sparkles, digit; REQUIRED: Upper; minlength: lots; maxlength: 12abc; constructor: 1; required: constructor; allowed: [',
    );
    expect(rules.required).toEqual([CHARSETS.digits, CHARSETS.upper]);
    expect(rules.maxLength).toBe(12);
    expect(rules.minLength).toBeUndefined();
    expect(parsePasswordRules('max-consecutive: 0').maxConsecutive).toBeUndefined();
  });
});

describe('generating for a site', () => {
  it('without constraints, is the user’s own password, exact entropy included', () => {
    const [result] = many({}, { mode: 'password', length: 24 }, 1);
    expect(result!.value).toHaveLength(24);
    expect(result!.entropyBits).toBeCloseTo(entropyBits({ mode: 'password', length: 24 }), 6);
  });

  it('keeps to minlength and maxlength, whichever way the user’s length is off', () => {
    for (const { value } of many({ maxLength: 8 })) expect(value).toHaveLength(8);
    for (const { value } of many({ minLength: 32 })) expect(value).toHaveLength(32);
    for (const { value } of many({ minLength: 8, maxLength: 64 })) expect(value).toHaveLength(20);
    // A site asking for more than it lets in: the maximum wins (the browser enforces it).
    for (const { value } of many({ minLength: 30, maxLength: 12 }, undefined, 20))
      expect(value).toHaveLength(12);
    // -1, 0, NaN and fractions are not lengths.
    for (const bad of [-1, 0, Number.NaN, 7.5]) {
      expect(many({ maxLength: bad, minLength: bad }, undefined, 1)[0]!.value).toHaveLength(20);
    }
  });

  it('a maxlength 8 site still gets every chosen set', () => {
    for (const { value } of many({ maxLength: 8 }, undefined, 500)) {
      for (const set of Object.values(CHARSETS)) {
        expect(
          [...value].some((c) => set.includes(c)),
          value,
        ).toBe(true);
      }
    }
  });

  it('meets a digits-only pattern (a PIN field)', () => {
    for (const { value, entropyBits } of many({ pattern: '[0-9]{6}' })) {
      expect(value).toMatch(/^[0-9]{6}$/);
      expect(entropyBits).toBeCloseTo(6 * Math.log2(10), 6);
    }
    for (const { value } of many({ pattern: '\\d{4}', maxLength: 4 }, undefined, 50)) {
      expect(value).toMatch(/^\d{4}$/);
    }
  });

  it('drops the characters and length a pattern refuses, and no more', () => {
    for (const { value } of many({ pattern: '[A-Za-z0-9]{8,12}' })) {
      expect(value).toMatch(/^[A-Za-z0-9]{12}$/);
    }
    for (const { value } of many({ pattern: '[0-9a-f]{32}' }, undefined, 50)) {
      expect(value).toMatch(/^[0-9a-f]{32}$/);
    }
    for (const { value } of many({ pattern: '(?=.*\\d)(?=.*[A-Z])[A-Za-z\\d]{8,16}' })) {
      expect(value).toMatch(/^(?=.*\d)(?=.*[A-Z])[A-Za-z\d]{16}$/);
    }
    // A pattern our draws already meet changes nothing.
    for (const { value } of many({ pattern: '.{8,}' })) expect(value).toHaveLength(20);
  });

  it('compiles the pattern with the v flag, whole-value, and ignores an invalid one', () => {
    // Under 'v', `[[a-z]--[aeiou]]` is set subtraction (consonants only), an error under 'u'.
    for (const { value } of many({ pattern: '[[a-z]--[aeiou]]{10}' }, undefined, 50)) {
      expect(value).toMatch(/^[b-df-hj-np-tv-z]{10}$/);
    }
    // `a|b` must match whole: ^(?:a|b)$, so 'b'-anything does not count.
    for (const { value } of many({ pattern: '[0-9]{6}|x' }, undefined, 50)) {
      expect(value).toMatch(/^[0-9]{6}$/);
    }
    for (const { value } of many({ pattern: '[unclosed', maxLength: 10 }, undefined, 50)) {
      expect(value).toHaveLength(10);
    }
  });

  it('a pattern nothing meets still gives a password of the right length, quickly', () => {
    for (const pattern of ['[a-z]{3}[0-9]{3}x{0}(?!)', '(?!)', '[^\\s\\S]+']) {
      for (const { value } of many({ pattern, minLength: 10, maxLength: 14 }, undefined, 5)) {
        expect(value.length).toBeGreaterThanOrEqual(10);
        expect(value.length).toBeLessThanOrEqual(14);
      }
    }
  });

  it('does not feed a backtracking pattern the run of one character that hangs it', () => {
    for (const { value } of many(
      { pattern: '(a+)+b', minLength: 40, maxLength: 64 },
      undefined,
      3,
    )) {
      expect(value.length).toBeGreaterThanOrEqual(40);
    }
  });

  it('always has a character of every required class, from the site’s own set', () => {
    const rules = 'required: lower; required: upper; required: digit; required: [-().&@?\'#,/"+];';
    for (const { value } of many({ passwordRules: rules }, undefined, 500)) {
      expect(value).toMatch(/[a-z]/);
      expect(value).toMatch(/[A-Z]/);
      expect(value).toMatch(/[0-9]/);
      expect(value).toMatch(/[-().&@?'#,/"+]/);
      // Only what the rules allow: their classes, since no `allowed` rule widens them.
      expect(value).toMatch(/^[a-zA-Z0-9\-().&@?'#,/"+]+$/);
    }
  });

  it('a required class the user turned off is still present: the site wins', () => {
    const input: GeneratorInput = { mode: 'password', symbols: false, digits: false };
    for (const { value } of many(
      { passwordRules: 'required: digit; allowed: lower, upper' },
      input,
    )) {
      expect(value).toMatch(/[0-9]/);
      expect(value).toMatch(/^[a-zA-Z0-9]{20}$/);
    }
  });

  it('keeps to max-consecutive', () => {
    for (const { value } of many({ passwordRules: 'max-consecutive: 1' }, undefined, 300)) {
      expect(longestRun(value)).toBe(1);
    }
    // A two-letter alphabet at max-consecutive 1 cannot be met by chance: built instead.
    const rules = 'allowed: [ab]; max-consecutive: 1; minlength: 30';
    for (const { value } of many({ passwordRules: rules }, undefined, 20)) {
      expect(value).toMatch(/^(ab|ba)+$/);
      expect(value).toHaveLength(30);
    }
  });

  it('combines the rules, the attributes and the pattern', () => {
    const rules =
      'required: lower; required: upper; required: digit; required: [-().&@?\'#,/"+]; allowed: ascii-printable; max-consecutive: 2; minlength: 20; maxlength: 40;';
    for (const { value } of many(
      { passwordRules: rules, maxLength: 24, pattern: '[^@]*' },
      { mode: 'password', length: 50 },
    )) {
      expect(value).toHaveLength(24);
      expect(value).not.toContain('@');
      expect(longestRun(value)).toBeLessThanOrEqual(2);
      expect(value).toMatch(/[-().&?'#,/"+]/);
    }
  });

  it('passphrases pass where they fit and fall back to a password where they do not', () => {
    const input: GeneratorInput = { mode: 'passphrase', words: 4 };
    for (const { value } of many({ maxLength: 64 }, input, 50))
      expect(value.split('-')).toHaveLength(4);
    for (const { value } of many({ maxLength: 8 }, input, 50)) {
      expect(value).toHaveLength(8);
      expect(value).not.toMatch(/^[a-z]+-/);
    }
    for (const { value } of many({ pattern: '[0-9]{6}' }, input, 50))
      expect(value).toMatch(/^\d{6}$/);
  });

  it('leaves out look-alikes when the user asks, even in a site’s required class', () => {
    const input: GeneratorInput = { mode: 'password', avoidAmbiguous: true };
    const picked = many({ passwordRules: 'required: [1l#]; allowed: ascii-printable' }, input)
      .map((r) => r.value)
      .join('');
    expect(picked).not.toMatch(/[Il1O0o|]/);
    expect(picked).toMatch(/#/);
    // A required class of look-alikes only is kept as it is, or the site would refuse.
    for (const { value } of many({ passwordRules: 'required: [1l]' }, input, 20)) {
      expect(value).toMatch(/^[1l]{20}$/);
    }
  });

  it('never loops forever on contradictions', () => {
    const hostile: FieldConstraints[] = [
      { passwordRules: 'required: [a]; max-consecutive: 1; minlength: 50' },
      { passwordRules: 'required: lower; required: upper; required: digit; maxlength: 2' },
      { passwordRules: 'minlength: 100000' },
      { pattern: '(?!)', passwordRules: 'allowed: [x]' },
    ];
    for (const constraints of hostile) {
      const { value } = generateForSite(options(), constraints, seededBytes(1));
      expect(value.length).toBeGreaterThan(0);
      expect(value.length).toBeLessThanOrEqual(512);
    }
  });
});

describe('entropy of the constrained draw', () => {
  it('agrees with the generator where both apply', () => {
    const groups = [CHARSETS.lower, CHARSETS.upper, CHARSETS.digits, CHARSETS.symbols];
    for (const length of [8, 20, 64]) {
      expect(constrainedBits(groups.join(''), groups, length)).toBeCloseTo(
        entropyBits({ mode: 'password', length }),
        6,
      );
    }
  });

  it('counts runs and overlapping groups exactly (brute force on small cases)', () => {
    const brute = (alphabet: string, groups: string[], length: number, k: number) => {
      let count = 0;
      const total = alphabet.length ** length;
      for (let n = 0; n < total; n++) {
        let s = '';
        for (let i = 0, m = n; i < length; i++, m = Math.floor(m / alphabet.length)) {
          s += alphabet[m % alphabet.length];
        }
        const ok = groups.every((g) => [...s].some((c) => g.includes(c))) && longestRun(s) <= k;
        if (ok) count++;
      }
      return Math.log2(count);
    };
    for (const [alphabet, groups, length, k] of [
      ['abc12', ['ab', 'b1', '2'], 5, 2],
      ['abcd', ['a'], 6, 1],
      ['xy', [], 7, 3],
    ] as const) {
      expect(constrainedBits(alphabet, [...groups], length, k)).toBeCloseTo(
        brute(alphabet, [...groups], length, k),
        9,
      );
    }
  });
});
