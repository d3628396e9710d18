/**
 * Password and passphrase generator. Randomness is injected (`(n) => n random bytes`) so tests can
 * replay it; the default is the platform CSPRNG. Every choice is uniform: indices come from
 * rejection sampling (never `byte % n`, which favours low indices), and "at least one character of
 * each chosen set" is met by redrawing the whole password, which keeps the result uniform over all
 * valid passwords, so `entropyBits` is exact rather than an estimate.
 */
import {
  chosenSets,
  generatorOptionsSchema,
  type GeneratorInput,
  type PassphraseOptions,
  type PasswordOptions,
} from './generator-options';
import { WORDLIST } from './wordlist';

export * from './generator-options';

export type RandomSource = (n: number) => Uint8Array;

export const defaultRandom: RandomSource = (n) => crypto.getRandomValues(new Uint8Array(n));

export interface Generated {
  value: string;
  entropyBits: number;
}

/** Validates the options (throws a ZodError on bad ones) and generates. */
export function generate(input: GeneratorInput, random: RandomSource = defaultRandom): Generated {
  const options = generatorOptionsSchema.parse(input);
  const value =
    options.mode === 'password'
      ? generatePassword(options, random)
      : generatePassphrase(options, random);
  return { value, entropyBits: entropyBits(options) };
}

function generatePassword(options: PasswordOptions, random: RandomSource): string {
  const sets = chosenSets(options);
  const alphabet = sets.join('');
  const draw = uniformIndex(random);
  // With length ≥ 8 and at most 4 sets a draw is valid ≥ 40% of the time; 1,000 failures in a
  // row would mean a broken random source, which should fail loudly rather than loop forever.
  for (let attempt = 0; attempt < 1_000; attempt++) {
    let value = '';
    for (let i = 0; i < options.length; i++) value += alphabet[draw(alphabet.length)];
    if (sets.every((set) => [...value].some((c) => set.includes(c)))) return value;
  }
  throw new Error('random source looks broken: no valid password in 1,000 draws');
}

function generatePassphrase(options: PassphraseOptions, random: RandomSource): string {
  const draw = uniformIndex(random);
  const words = Array.from({ length: options.words }, () => {
    const word = WORDLIST[draw(WORDLIST.length)] as string;
    return options.capitalize ? word[0]?.toUpperCase() + word.slice(1) : word;
  });
  if (options.includeNumber) {
    const at = draw(words.length);
    words[at] += String(draw(10));
  }
  return words.join(options.separator);
}

/**
 * Exact entropy of the output distribution in bits.
 * Password: log2 of the number of strings of the length over the alphabet that contain every
 * chosen set, by inclusion–exclusion over the (disjoint) sets, computed in a scaled form so
 * 94^128 never overflows. Passphrase: words × log2(list size), plus log2(10 × words) for the digit
 * and its position; capitalising every word adds nothing.
 */
export function entropyBits(input: GeneratorInput): number {
  const options = generatorOptionsSchema.parse(input);
  if (options.mode === 'passphrase') {
    const words = options.words * Math.log2(WORDLIST.length);
    return words + (options.includeNumber ? Math.log2(10 * options.words) : 0);
  }
  const sizes = chosenSets(options).map((set) => set.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  let fraction = 0; // valid strings / all strings
  for (let mask = 0; mask < 1 << sizes.length; mask++) {
    let missing = 0;
    let bits = 0;
    sizes.forEach((size, i) => {
      if (mask & (1 << i)) {
        missing += size;
        bits++;
      }
    });
    fraction += (bits % 2 ? -1 : 1) * Math.pow(1 - missing / total, options.length);
  }
  return options.length * Math.log2(total) + Math.log2(fraction);
}

/**
 * Returns `draw(n)`: a uniform integer in [0, n) for n ≤ 2^32, by rejection sampling. Bytes are
 * fetched in blocks because `getRandomValues` has a per-call cost.
 */
export function uniformIndex(random: RandomSource): (n: number) => number {
  let buffer: Uint8Array = new Uint8Array(0);
  let offset = 0;
  const byte = () => {
    if (offset >= buffer.length) {
      buffer = random(256);
      offset = 0;
    }
    return buffer[offset++] as number;
  };
  return (n) => {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`bad range ${n}`);
    const bytes = n <= 2 ** 8 ? 1 : n <= 2 ** 16 ? 2 : 4;
    const span = 2 ** (8 * bytes);
    const limit = span - (span % n); // the largest multiple of n that fits: no value is favoured
    // Each draw is rejected with probability < 1/2, so 1,000 in a row means a broken source.
    for (let attempt = 0; attempt < 1_000; attempt++) {
      let value = 0;
      for (let i = 0; i < bytes; i++) value = value * 256 + byte();
      if (value < limit) return value % n;
    }
    throw new Error('random source looks broken: 1,000 rejected draws in a row');
  };
}
