/**
 * Is `term` within `max` edits of some prefix of `word`? Edits are insertions, deletions,
 * substitutions and swaps of two neighbouring letters (optimal string alignment), the typos people
 * make while typing. Prefix semantics because the last word of a query is usually unfinished:
 * "gihtu" should find "github".
 *
 * A banded dynamic programme that gives up as soon as a whole row exceeds `max`, so most words of
 * a 10,000-item vault are rejected after one or two letters.
 */
const MAX_TERM = 32;
// Three reusable rows (the swap needs the row before last); search is single-threaded.
let rowA = new Int32Array(MAX_TERM + 8);
let rowB = new Int32Array(MAX_TERM + 8);
let rowC = new Int32Array(MAX_TERM + 8);

export function withinPrefixDistance(term: string, word: string, max: number): boolean {
  const m = term.length;
  if (m > MAX_TERM || word.length < m - max) return false;
  // Only the first m + max letters of word can take part in a match within max edits.
  const n = Math.min(word.length, m + max);
  if (rowA.length < n + 1) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
    rowC = new Int32Array(n + 1);
  }
  let before = rowA; // row i - 2
  let prev = rowB; // row i - 1
  let cur = rowC; // row i
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const t = term.charCodeAt(i - 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const w = word.charCodeAt(j - 1);
      let best = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1);
      best = Math.min(best, (prev[j - 1] as number) + (t === w ? 0 : 1));
      if (i > 1 && j > 1 && t === word.charCodeAt(j - 2) && term.charCodeAt(i - 2) === w) {
        best = Math.min(best, (before[j - 2] as number) + 1);
      }
      cur[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > max) return false;
    const spare = before;
    before = prev;
    prev = cur;
    cur = spare;
  }
  // prev is now row m: the distance from the whole term to each prefix of word.
  for (let j = 0; j <= n; j++) if ((prev[j] as number) <= max) return true;
  return false;
}

/** The edit budget for a search term: none below 4 letters, 1 from 4, 2 from 8 (DESIGN.md §7). */
export function typoBudget(term: string): number {
  return term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
}
