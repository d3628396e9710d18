/**
 * The account password's strength, as the forms use it: a score 0–4 and the reasons it is not
 * stronger, in our own words (the locale files), from what zxcvbn-ts found (strength-zxcvbn.ts,
 * loaded in a worker: strength-client.ts). This file holds only the rules and the mapping, so the
 * popup's first paint does not carry zxcvbn or its dictionaries.
 */
import type { FeedbackType, MatchExtended, ZxcvbnResult } from '@zxcvbn-ts/core';
import { MIN_PASSWORD_LENGTH } from '@/lib/messaging/limits';

export type StrengthReason =
  | 'tooShort'
  | 'common'
  | 'repeated'
  | 'sequence'
  | 'keyboard'
  | 'personal'
  | 'year'
  | 'date'
  | 'names'
  | 'singleWord'
  | 'l33t'
  | 'reversed'
  | 'capitals'
  | 'addWord';

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface Strength {
  score: StrengthScore;
  /** Estimated log2 of the guesses needed (zxcvbn's guesses). */
  bits: number;
  /** Why it is not stronger, most important first. */
  reasons: StrengthReason[];
}

export const MIN_ACCEPTED_SCORE: StrengthScore = 2;

/** Whether the account form accepts the password. */
export function isAcceptable(strength: Strength): boolean {
  return strength.score >= MIN_ACCEPTED_SCORE;
}

/**
 * The words the user is known by, which an attacker who targets them tries first: the address,
 * its local part and the pieces of it (mario.rossi → mario, rossi). zxcvbn's `userInputs`.
 */
export function personalWords(email: string): string[] {
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0] ?? '';
  const pieces = local.split(/[^\p{L}\p{N}]+/u).filter((piece) => piece.length >= 3);
  return [...new Set([address, local, ...pieces, 'cassaforte'].filter((w) => w.length >= 3))];
}

// zxcvbn's feedback, translated by key: we keep its default translations (the keys themselves)
// and say each thing with our own message, so the three languages come from our locale files.
const fromWarning: Record<string, StrengthReason> = {
  straightRow: 'keyboard',
  keyPattern: 'keyboard',
  simpleRepeat: 'repeated',
  extendedRepeat: 'repeated',
  sequences: 'sequence',
  recentYears: 'year',
  dates: 'date',
  topTen: 'common',
  topHundred: 'common',
  common: 'common',
  similarToCommon: 'common',
  pwned: 'common',
  wordByItself: 'singleWord',
  namesByThemselves: 'names',
  commonNames: 'names',
  userInputs: 'personal',
};
const fromSuggestion: Record<string, StrengthReason> = {
  l33t: 'l33t',
  reverseWords: 'reversed',
  allUppercase: 'capitals',
  capitalization: 'capitals',
  dates: 'date',
  recentYears: 'year',
  associatedYears: 'year',
  sequences: 'sequence',
  repeated: 'repeated',
  longerKeyboardPattern: 'keyboard',
  anotherWord: 'addWord',
  useWords: 'addWord',
};

const isPersonal = (match: MatchExtended) =>
  match.pattern === 'dictionary' && match.dictionaryName === 'userInputs';

/** What the form shows for zxcvbn's verdict on `password`, with our rules on top. */
export function strengthOf(
  password: string,
  result: Pick<ZxcvbnResult, 'score' | 'guessesLog10' | 'sequence'> & { feedback: FeedbackType },
): Strength {
  const reasons = new Set<StrengthReason>();
  if ([...password].length < MIN_PASSWORD_LENGTH) reasons.add('tooShort');
  const { warning, suggestions } = result.feedback;
  const warned = warning ? fromWarning[warning] : undefined;
  if (warned) reasons.add(warned);
  // zxcvbn gives feedback only up to score 2; the address inside a "good" password still counts.
  if (result.sequence.some(isPersonal)) reasons.add('personal');
  for (const suggestion of suggestions) {
    const reason = fromSuggestion[suggestion];
    if (reason) reasons.add(reason);
  }
  let score = result.score as StrengthScore;
  // Our rule, as before zxcvbn: too short, or built on a well-known password ("juventus1897",
  // "P@ssword2024": list words plus a year or swapped letters, the first rules a cracker runs),
  // is refused whatever the guess count says.
  if (reasons.has('tooShort') || warned === 'common') score = Math.min(score, 1) as StrengthScore;
  const bits = Math.max(0, Math.round(result.guessesLog10 * Math.log2(10)));
  return { score, bits, reasons: [...reasons] };
}
