/**
 * The search index's dictionary: every distinct word of the vault once, sorted, with where it
 * occurs. Walking it for one query word is where a keystroke's time goes, so the walks live here.
 */
import { typoBudget, withinPrefixDistance } from './edit-distance';
import { bitCount, letterMask } from './search-doc';

/**
 * One word and where it occurs: entries are item number × 16 + field mask, packed in plain number
 * arrays because 150,000 of them in Maps would cost the service worker megabytes.
 */
export interface Posting {
  word: string;
  entries: number[];
  /** letterMask(word), for the typo pass. */
  letters: number;
}

/** How a dictionary word matched a query word; higher is better. */
export const EXACT = 4;
export const PREFIX = 3;
export const INSIDE = 2;
export const TYPO = 1;

/** Matches inside words start at 3 letters; shorter ones match almost everything. */
const MIN_INSIDE = 3;

/**
 * Calls `visit` for every dictionary word that matches `term`. Without `typos`: the words it
 * starts (a binary search, then a short run) and the words containing it (a scan of the
 * dictionary, ~10,000 words for a 10,000-item vault, far fewer than the items' text). With
 * `typos`: only the near misses the first walk did not find, within the term's edit budget.
 */
export function walkMatches(
  dictionary: readonly Posting[],
  term: string,
  typos: boolean,
  visit: (posting: Posting, quality: number) => void,
): void {
  const inside = term.length >= MIN_INSIDE;
  if (typos) {
    const budget = typoBudget(term);
    if (budget === 0) return;
    const termMask = letterMask(term);
    for (const posting of dictionary) {
      const { word } = posting;
      // A word lacking more of the term's letters than the budget cannot be close enough.
      if (bitCount(termMask & ~posting.letters) > budget) continue;
      if (word.startsWith(term) || (inside && word.includes(term))) continue; // found already
      if (withinPrefixDistance(term, word, budget)) visit(posting, TYPO);
    }
    return;
  }
  for (let i = lowerBound(dictionary, term); i < dictionary.length; i++) {
    const posting = dictionary[i] as Posting;
    if (!posting.word.startsWith(term)) break;
    visit(posting, posting.word === term ? EXACT : PREFIX);
  }
  if (!inside) return;
  for (const posting of dictionary) {
    const { word } = posting;
    if (word.length > term.length && word.includes(term) && !word.startsWith(term)) {
      visit(posting, INSIDE);
    }
  }
}

/** First position in the sorted dictionary whose word is ≥ `value`. */
export function lowerBound(sorted: readonly Posting[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as Posting).word < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
