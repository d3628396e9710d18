/**
 * Text folding and host handling for search: what the user types and what items contain are both
 * reduced to the same form, so "Zürich", "zurich" and "ZURICH" are one word.
 */

/** Letters NFKD does not decompose but people type without the diacritic or ligature. */
const EXTRA_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const EXTRA_FOLD_RE = /[ßæœøłđðþı]/g;
const MARKS_RE = /\p{M}+/gu;
const ASCII_RE = /^[\x00-\x7f]*$/;
const SEPARATORS_RE = /[^\p{L}\p{N}]+/u;

/** Lowercase, compatibility-decompose (NFKD), drop combining marks, fold a few special letters. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (ASCII_RE.test(lower)) return lower; // the common case skips the Unicode work
  return lower
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .replace(EXTRA_FOLD_RE, (c) => EXTRA_FOLDS[c] ?? c);
}

/** Words of already folded text: runs of letters and digits. */
export function words(folded: string): string[] {
  return folded.split(SEPARATORS_RE).filter((word) => word.length > 0);
}

/** The host of a saved URL, also for "github.com" typed without a scheme; "www." is dropped. */
export function hostOf(url: string): string | undefined {
  const text = url.trim();
  if (!text) return undefined;
  for (const candidate of [text, `https://${text}`]) {
    try {
      const { hostname } = new URL(candidate);
      if (hostname) return hostname.toLowerCase().replace(/^www\./, '');
    } catch {
      // not a URL this way; try the next form
    }
  }
  return undefined;
}

/** Second-level labels under which registries sell names (example.co.uk, example.com.au). */
const COMMON_SECOND_LEVELS = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne']);

/**
 * Roughly the registrable domain, to float the current site's items to the top. A heuristic on
 * purpose: search ranking only needs "probably the same site". Deciding whether to *fill* uses the
 * public suffix list (tldts) in the autofill policy, never this.
 */
export function siteOf(host: string): string {
  if (/^[\d.]+$/.test(host) || host.includes(':') || host.startsWith('[')) return host; // IP
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const [second, top] = labels.slice(-2) as [string, string];
  const keep = top.length === 2 && COMMON_SECOND_LEVELS.has(second) ? 3 : 2;
  return labels.slice(-keep).join('.');
}
