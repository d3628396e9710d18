/**
 * A small password-strength estimator for the account password, in the spirit of zxcvbn but a few
 * hundred bytes instead of 800 KB: it estimates the guesses an attacker who knows the usual patterns
 * would need (in bits), and says which patterns made the password weak, so the form can tell the user
 * what to change. It underestimates nothing it recognises; what it does not recognise (dictionary
 * words in general) it scores by character classes, which is why the thresholds are conservative.
 */

import { MIN_PASSWORD_LENGTH } from '@/lib/messaging/limits';

export type StrengthReason =
  'tooShort' | 'common' | 'oneKind' | 'repeated' | 'sequence' | 'keyboard' | 'personal' | 'year';

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface Strength {
  score: StrengthScore;
  /** Estimated log2 of the guesses needed. */
  bits: number;
  /** Why it is not stronger, most important first. */
  reasons: StrengthReason[];
}

export const MIN_ACCEPTED_SCORE: StrengthScore = 2;
const RECOMMENDED_LENGTH = 12;

// The most used passwords and their usual stems, in the product's three languages; matched after
// undoing common letter-for-digit swaps and dropping trailing digits and symbols.
const COMMON = new Set(
  (
    'password passw0rd passwort parola parolachiave qwerty qwertz azerty abc letmein welcome ' +
    'admin administrator login iloveyou monkey dragon football baseball soccer calcio fussball ' +
    'sunshine princess master shadow superman batman michael jennifer hunter trustno1 starwars ' +
    'whatever freedom secret segreto geheim hallo ciao amore tesoro schatz liebe juventus ' +
    'milan inter napoli roma lazio bayern dortmund schalke berlin italia deutschland ' +
    'qwertyuiop asdfghjkl zxcvbnm 123456 12345678 123456789 1234567890 111111 000000 ' +
    'changeme default guest test user root toor cassaforte vault tresor pass chiave ' +
    'summer winter spring autumn estate inverno sommer herbst cheese computer internet ' +
    'google facebook apple samsung microsoft nintendo pokemon charlie daniel thomas andrea ' +
    'giuseppe francesco alessandro stefan andreas'
  ).split(' '),
);

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qwertzuiop', 'yxcvbnm', 'azertyuiop'];
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

function poolSize(password: string): number {
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/\d/.test(password)) pool += 10;
  if (/[!-/:-@[-`{-~ ]/.test(password)) pool += 33;
  if (/[^\x00-\x7f]/.test(password)) pool += 100;
  return Math.max(pool, 10);
}

function kinds(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
}

/** Runs of 3+ that add almost nothing: repeats (aaa), sequences (abc, 321) and keyboard walks. */
function patternRuns(lower: string): { repeated: number; sequence: number; keyboard: number } {
  const found = { repeated: 0, sequence: 0, keyboard: 0 };
  const chars = [...lower];
  const step = (i: number) =>
    (chars[i + 1]?.codePointAt(0) ?? NaN) - (chars[i]?.codePointAt(0) ?? NaN);
  for (let i = 0; i + 2 < chars.length;) {
    const d = step(i);
    let end = i + 1;
    if (d === 0 || d === 1 || d === -1) {
      while (end + 1 < chars.length && step(end) === d) end++;
    }
    const length = end - i + 1;
    if (length >= 3 && d === 0) found.repeated += length;
    else if (length >= 3) found.sequence += length;
    i = length >= 3 ? end + 1 : i + 1;
  }
  for (const row of KEYBOARD_ROWS) {
    for (let size = row.length; size >= 4; size--) {
      for (let start = 0; start + size <= row.length; start++) {
        const walk = row.slice(start, start + size);
        if (lower.includes(walk)) {
          found.keyboard = Math.max(found.keyboard, size);
          size = 0;
          break;
        }
      }
    }
  }
  return found;
}

function unleet(text: string): string {
  return [...text].map((c) => LEET[c] ?? c).join('');
}

/** True when the password is a common one, maybe with swapped letters or a number at the end. */
function isCommon(lower: string): boolean {
  const stem = lower.replace(/[\d!-/:-@[-`{-~]+$/, '');
  return [lower, stem, unleet(lower), unleet(stem)].some((v) => v.length > 0 && COMMON.has(v));
}

/**
 * Estimates the strength of `password`. `personal` holds words the user is known by (the email
 * address, its local part): a password built on them is easy to guess for anyone who knows them.
 */
export function estimateStrength(password: string, personal: readonly string[] = []): Strength {
  const reasons: StrengthReason[] = [];
  const length = [...password].length;
  if (length === 0) return { score: 0, bits: 0, reasons: ['tooShort'] };
  const lower = password.toLowerCase();
  const perChar = Math.log2(poolSize(password));
  let bits = length * perChar;

  if (isCommon(lower)) {
    reasons.push('common');
    bits = Math.min(bits, 12 + Math.max(0, length - 8) * 2);
  }
  const runs = patternRuns(lower);
  // Each recognised run costs roughly one guess per pattern, not one per character.
  const patternChars = runs.repeated + runs.sequence + runs.keyboard;
  if (patternChars > 0) bits -= Math.max(0, patternChars - 2) * perChar;
  if (runs.repeated) reasons.push('repeated');
  if (runs.sequence) reasons.push('sequence');
  if (runs.keyboard) reasons.push('keyboard');

  for (const word of personal.map((w) => w.trim().toLowerCase()).filter((w) => w.length >= 3)) {
    if (lower.includes(word)) {
      reasons.push('personal');
      bits -= Math.max(0, [...word].length - 2) * perChar;
      break;
    }
  }
  const years = lower.match(/(19|20)\d\d/g) ?? [];
  if (years.length > 0) {
    reasons.push('year');
    bits -= years.length * (4 * perChar - 7); // a year is one of ~130 likely values, not 4 digits
  }
  if (kinds(password) === 1 && length < 16) {
    reasons.push('oneKind');
    bits -= 6;
  }
  if (length < RECOMMENDED_LENGTH) reasons.unshift('tooShort');

  bits = Math.max(0, Math.round(bits));
  let score: StrengthScore = bits < 30 ? 0 : bits < 45 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
  if (length < MIN_PASSWORD_LENGTH || reasons.includes('common')) {
    score = Math.min(score, 1) as StrengthScore;
  }
  return { score, bits, reasons };
}

/** Whether the account form accepts the password. */
export function isAcceptable(strength: Strength): boolean {
  return strength.score >= MIN_ACCEPTED_SCORE;
}
