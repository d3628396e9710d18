/**
 * In-memory search over the decrypted vault, for the popup's search field (DESIGN.md §7: p95 ≤ 5 ms
 * per keystroke over 10,000 items; `bench/search.ts` measures it).
 *
 * How it stays fast: every item's title, username, URL hosts and notes are folded and split into
 * words once, when the item is indexed. Words go into one sorted dictionary with postings (word →
 * items and the fields it came from), so a prefix is a binary search, a substring a scan of the
 * (much smaller) dictionary, and typo tolerance runs only when the exact passes find few items.
 * Per-word results are cached between keystrokes, so "github wor" reuses "github".
 *
 * Ranking, best first: the current site's items; title equal to the query, then title starting
 * with it; then how well the weakest query word matched (whole word > word prefix > inside a word
 * > typo); then in which fields (title > host > username > notes); favourites; title order.
 */
import type { Item } from './item';
import { typoBudget } from './edit-distance';
import { compareDocs, type Doc, FIELD_WEIGHT, letterMask, toDoc } from './search-doc';
import { lowerBound, type Posting, walkMatches } from './search-dictionary';
import { foldText, hostOf, siteOf, words } from './search-text';
import { topKeys } from './top-keys';

export interface SearchOptions {
  /** The page the popup was opened on: its site's items come first. */
  currentUrl?: string;
  /** At most this many ids (default 200: more is a list nobody reads while typing). */
  limit?: number;
}

export interface SearchIndex {
  /** Replaces the whole index (unlock, first sync). */
  build(items: Iterable<Item>): void;
  /** Adds or replaces one item (a local edit or a synced change). */
  upsert(item: Item): void;
  remove(id: string): void;
  /**
   * Ids of the items matching every word of `query`, best first. An empty query lists every item:
   * the current site's first, then by title.
   */
  search(query: string, options?: SearchOptions): string[];
  /** Ids of the items saved for the site of `currentUrl`, by title. */
  onSite(currentUrl: string): string[];
  readonly size: number;
}

const DEFAULT_LIMIT = 200;
/** Below this many results the typo pass runs. */
const TYPO_THRESHOLD = 20;
const RANK_SPAN = 2 ** 20; // room for the alphabetical tie-break: up to ~1M items

/** An indexed item: its document, plus its postings so a removal needs no lookups. */
interface Entry extends Doc {
  postings: Posting[];
}

/** The items one query word matches (item numbers) and each one's best match code. */
interface TermMatch {
  nums: Int32Array;
  codes: Uint8Array;
}

export function createSearchIndex(items: Iterable<Item> = []): SearchIndex {
  // Items are numbered (numbers of removed items are reused) so hot loops index arrays.
  const docs: Array<Entry | undefined> = [];
  const numOf = new Map<string, number>();
  const free: number[] = [];
  const postings = new Map<string, Posting>();
  let dictionary: Posting[] = []; // sorted by word: a prefix is a binary search away
  const bySite = new Map<string, number[]>(); // arrays, not Sets: most sites hold one item
  let byRank: number[] = []; // item numbers in title order
  const ranks: number[] = []; // item number → position in byRank
  let ranksValid = true;
  let bulk = false; // while building: sort once at the end instead of inserting in place
  const termCache = new Map<string, TermMatch>();
  let scratch = new Uint8Array(1024); // item number → code; all zero between uses

  function rankPosition(doc: Doc): number {
    let lo = 0;
    let hi = byRank.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareDocs(docs[byRank[mid] as number] as Doc, doc) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function insert(item: Item) {
    const existing = numOf.get(item.id);
    if (existing !== undefined) detach(existing);
    const num = free.pop() ?? docs.length;
    const { doc: fields, words } = toDoc(item);
    // Exact-size arrays: grown by push they keep ~16 spare slots each, megabytes over a vault.
    const doc: Entry = { ...fields, postings: new Array<Posting>(words.size) };
    let w = 0;
    docs[num] = doc;
    numOf.set(item.id, num);
    if (scratch.length <= num) scratch = new Uint8Array(scratch.length * 2);
    for (const [word, mask] of words) {
      let posting = postings.get(word);
      if (!posting) {
        posting = { word, entries: [], letters: letterMask(word) };
        postings.set(word, posting);
        if (!bulk) dictionary.splice(lowerBound(dictionary, word), 0, posting);
      }
      posting.entries.push(num * 16 + mask);
      doc.postings[w++] = posting;
    }
    for (const site of doc.sites) bySite.set(site, [...(bySite.get(site) ?? []), num]);
    if (!bulk) byRank.splice(rankPosition(doc), 0, num);
    changed();
  }

  function detach(num: number) {
    const doc = docs[num];
    if (!doc) return;
    for (const posting of doc.postings) {
      const { entries } = posting;
      const at = entries.findIndex((entry) => entry >>> 4 === num);
      entries[at] = entries[entries.length - 1] as number; // order does not matter: swap-remove
      entries.pop();
      if (entries.length === 0) {
        postings.delete(posting.word);
        if (!bulk) dictionary.splice(lowerBound(dictionary, posting.word), 1);
      }
    }
    for (const site of doc.sites) {
      const rest = (bySite.get(site) ?? []).filter((other) => other !== num);
      if (rest.length) bySite.set(site, rest);
      else bySite.delete(site);
    }
    if (!bulk) byRank.splice(rankPosition(doc), 1);
    docs[num] = undefined;
    free.push(num);
    numOf.delete(doc.id);
    changed();
  }

  function changed() {
    termCache.clear();
    ranksValid = false;
  }

  function freshRanks() {
    if (ranksValid) return;
    byRank.forEach((num, rank) => (ranks[num] = rank));
    ranksValid = true;
  }

  /** Items matching one query word. With `typos`, adds words within the term's edit budget. */
  function matchTerm(term: string, typos: boolean): TermMatch {
    const key = `${typos ? 't' : 'e'}:${term}`;
    const cached = termCache.get(key);
    if (cached) return cached;
    const touched: number[] = [];
    const take = (posting: Posting, quality: number) => {
      for (const entry of posting.entries) {
        const num = entry >>> 4;
        const code = quality * 8 + (FIELD_WEIGHT[entry & 15] as number);
        const old = scratch[num] as number;
        if (old === 0) touched.push(num);
        if (code > old) scratch[num] = code;
      }
    };
    if (typos) {
      // Start from the exact matches (usually cached) and add only the near misses.
      const exact = matchTerm(term, false);
      exact.nums.forEach((num, i) => {
        touched.push(num);
        scratch[num] = exact.codes[i] as number;
      });
    }
    walkMatches(dictionary, term, typos, take);
    const found: TermMatch = {
      nums: Int32Array.from(touched),
      codes: new Uint8Array(touched.length),
    };
    touched.forEach((num, i) => {
      found.codes[i] = scratch[num] as number;
      scratch[num] = 0;
    });
    if (termCache.size > 64) termCache.clear(); // only the current typing session is worth keeping
    termCache.set(key, found);
    return found;
  }

  /** Items matching every term, with the weakest term's quality and the summed field weights. */
  function matchAll(terms: string[], typos: boolean) {
    const perTerm = terms
      .map((term) => matchTerm(term, typos))
      .sort((x, y) => x.nums.length - y.nums.length);
    const first = perTerm[0] as TermMatch;
    const nums = first.nums.slice();
    const quality = first.codes.map((code) => code >> 3);
    const weight = first.codes.map((code) => code & 7);
    let count = nums.length;
    // Intersect in place, smallest list first; scratch holds the other term's codes meanwhile.
    for (const other of perTerm.slice(1)) {
      for (let i = 0; i < other.nums.length; i++) {
        scratch[other.nums[i] as number] = other.codes[i] as number;
      }
      let kept = 0;
      for (let i = 0; i < count; i++) {
        const code = scratch[nums[i] as number] as number;
        if (code === 0) continue;
        nums[kept] = nums[i] as number;
        quality[kept] = Math.min(quality[i] as number, code >> 3);
        weight[kept] = Math.min((weight[i] as number) + (code & 7), 63);
        kept++;
      }
      for (let i = 0; i < other.nums.length; i++) scratch[other.nums[i] as number] = 0;
      count = kept;
    }
    return { count, nums, quality, weight };
  }

  function siteOfUrl(url: string | undefined): string | undefined {
    const host = url ? hostOf(url) : undefined;
    return host ? siteOf(host) : undefined;
  }

  const idOf = (num: number) => (docs[num] as Doc).id;

  function itemsOnSite(site: string | undefined): Set<number> | undefined {
    const nums = site ? bySite.get(site) : undefined;
    return nums ? new Set(nums) : undefined;
  }

  function listAll(site: string | undefined, limit: number): string[] {
    const onSite = itemsOnSite(site);
    if (!onSite) return byRank.slice(0, limit).map(idOf);
    const first = byRank.filter((num) => onSite.has(num));
    const rest = byRank.filter((num) => !onSite.has(num));
    return [...first, ...rest].slice(0, limit).map(idOf);
  }

  function search(query: string, options: SearchOptions = {}): string[] {
    freshRanks();
    const limit = options.limit ?? DEFAULT_LIMIT;
    const site = siteOfUrl(options.currentUrl);
    // A pasted URL searches for its host rather than for "https" and the path.
    const text = query.includes('://') ? (hostOf(query) ?? query) : query;
    const terms = [...new Set(words(foldText(text)))];
    if (terms.length === 0) return listAll(site, limit);

    let matches = matchAll(terms, false);
    if (matches.count < TYPO_THRESHOLD && terms.some((term) => typoBudget(term) > 0)) {
      matches = matchAll(terms, true);
    }
    const { count, nums, quality, weight } = matches;
    const phrase = terms.join(' ');
    const onSite = itemsOnSite(site);
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const num = nums[i] as number;
      const doc = docs[num] as Doc;
      const titleClass = doc.title === phrase ? 2 : doc.title.startsWith(phrase) ? 1 : 0;
      let score = onSite?.has(num) ? 1 : 0;
      score = score * 3 + titleClass;
      score = score * 5 + (quality[i] as number);
      score = score * 64 + (weight[i] as number);
      score = score * 2 + (doc.favorite ? 1 : 0);
      // One number per match, so a typed-array sort ranks 10,000 matches without a comparator.
      keys[i] = score * RANK_SPAN + (RANK_SPAN - 1 - (ranks[num] as number));
    }
    const ids: string[] = [];
    for (const key of topKeys(keys, count, limit)) {
      ids.push(idOf(byRank[RANK_SPAN - 1 - (key % RANK_SPAN)] as number));
    }
    return ids;
  }

  const index: SearchIndex = {
    build(all) {
      bulk = true;
      for (const map of [numOf, postings, bySite]) map.clear();
      docs.length = 0;
      free.length = 0;
      for (const item of all) insert(item);
      dictionary = [...postings.values()].sort((a, b) => (a.word < b.word ? -1 : 1));
      for (const posting of dictionary) posting.entries = posting.entries.slice(); // exact size
      byRank = [...numOf.values()].sort((a, b) => compareDocs(docs[a] as Doc, docs[b] as Doc));
      bulk = false;
      changed();
    },
    upsert: insert,
    remove(id) {
      const num = numOf.get(id);
      if (num !== undefined) detach(num);
    },
    search,
    onSite(currentUrl) {
      freshRanks();
      const set = itemsOnSite(siteOfUrl(currentUrl));
      return set ? byRank.filter((num) => set.has(num)).map(idOf) : [];
    },
    get size() {
      return numOf.size;
    },
  };
  index.build(items);
  return index;
}
