/**
 * zxcvbn-ts with the dictionaries of the product's three languages. Heavy (≈ 1.5 MB of word lists,
 * ≈ 0.4 s to build its ranked dictionaries), so only the strength worker (strength.worker.ts),
 * unit tests and the bench import it; never the popup's first paint or the background.
 *
 * The Italian and German packages stop at 3.0.2 while core and English are at 4.x. Their 3.x
 * format is plain word arrays, which core 4 takes as any other dictionary (checked in
 * strength.test.ts: "tesoro", "passwort", "Schmetterling" score weak). Their keys, though, are the
 * bare names (`commonWords`, `firstnames`, …) while English 4 suffixes its own (`commonWords-en`):
 * merged as they are, German would overwrite Italian, so each is suffixed here. zxcvbn's feedback
 * goes by substrings of the name ('wikipedia', 'names'), which the suffix keeps.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as english } from '@zxcvbn-ts/language-en';
import { dictionary as german } from '@zxcvbn-ts/language-de';
import { dictionary as italian } from '@zxcvbn-ts/language-it';
import { strengthOf, type Strength } from './strength';

const suffixed = (words: Record<string, string[]>, language: string) =>
  Object.fromEntries(Object.entries(words).map(([name, list]) => [`${name}-${language}`, list]));

export type Estimator = (password: string, personal: readonly string[]) => Strength;

export function createEstimator(): Estimator {
  const zxcvbn = new ZxcvbnFactory({
    graphs: adjacencyGraphs,
    dictionary: {
      ...commonDictionary,
      ...english,
      ...suffixed(italian, 'it'),
      ...suffixed(german, 'de'),
    },
    // The l33t matcher tries every combination of substitutions; its default cap (100) took
    // 20–130 ms a keystroke on 15–20 character passwords with many digits and symbols here, far
    // over the 5 ms budget; 4 gave a p95 of ≈ 4 ms, too close to it on a shared 2-core machine;
    // 2 gives ≈ 3 ms (bench/strength.ts) and still catches "P4$$w0rd2024", "Schm3tterl1ng",
    // "t3s0r0mi0" (strength.test.ts).
    l33tMaxSubstitutions: 2,
    // Levenshtein distance to every dictionary word cost ≈ 450 ms a keystroke: off.
    useLevenshteinDistance: false,
  });
  return (password, personal) => strengthOf(password, zxcvbn.check(password, [...personal]));
}
