/**
 * Whether an imported candidate is already in the vault, so the preview can offer skip, keep both
 * or update. The rule for logins is Chrome's for its own password import: the same site (here the
 * first URL's host, without a leading "www.") and the same username (trimmed, case-folded, NFC)
 * make the same account; with no URL on either side, the title stands in for the site. Notes match
 * on the title; cards on the number; identities on the title.
 * 'same' means nothing the user would see differs (for logins: the password), 'changed' that
 * updating would change it.
 */
import type { Item } from '../vault/item';
import { hostOf } from './fields';
import type { ImportCandidate } from './types';

export type MatchKind = 'new' | 'same' | 'changed';

export interface ImportMatch {
  kind: MatchKind;
  /** The existing item matched, for 'same' and 'changed'. */
  existingId?: string;
}

/** The fields a match looks at, read loosely: item types newer than this code may lack some. */
interface Comparable {
  id: string;
  type: string;
  title?: unknown;
  username?: unknown;
  password?: unknown;
  urls?: unknown;
  notes?: unknown;
  number?: unknown;
}

function fold(value: unknown): string {
  return typeof value === 'string' ? value.normalize('NFC').trim().toLowerCase() : '';
}

function siteOf(urls: readonly string[], title: unknown): string {
  const host = urls[0] ? hostOf(urls[0]) : undefined;
  return host ? `host:${host.toLowerCase().replace(/^www\./, '')}` : `title:${fold(title)}`;
}

function existingUrls(item: Comparable): string[] {
  if (!Array.isArray(item.urls)) return [];
  return item.urls.map((entry: unknown) =>
    typeof entry === 'object' && entry !== null && 'url' in entry ? String(entry.url) : '',
  );
}

function keyOf(item: Comparable | ImportCandidate): string | undefined {
  switch (item.type) {
    case 'login': {
      const urls = 'source' in item ? item.urls : existingUrls(item);
      return `login|${siteOf(urls, item.title)}|${fold(item.username)}`;
    }
    case 'note':
    case 'identity':
      return `${item.type}|${fold(item.title)}`;
    case 'card': {
      const digits = typeof item.number === 'string' ? item.number.replace(/\D/g, '') : '';
      return digits ? `card|${digits}` : `card-title|${fold(item.title)}`;
    }
    default:
      return undefined;
  }
}

function sameContent(candidate: ImportCandidate, existing: Comparable): boolean {
  if (candidate.type === 'login') return existing.password === candidate.password;
  return (typeof existing.notes === 'string' ? existing.notes : '') === candidate.notes;
}

/** One answer per candidate, in the same order. Linear in both lists (10,000 × 10,000 is fine). */
export function matchExisting(
  candidates: readonly ImportCandidate[],
  existingItems: readonly Item[],
): ImportMatch[] {
  const byKey = new Map<string, Comparable>();
  for (const item of existingItems as readonly Comparable[]) {
    const key = keyOf(item);
    // The first (the list's order, typically newest first) wins; a later twin does not replace it.
    if (key !== undefined && !byKey.has(key)) byKey.set(key, item);
  }
  return candidates.map((candidate) => {
    const key = keyOf(candidate);
    const existing = key === undefined ? undefined : byKey.get(key);
    if (!existing) return { kind: 'new' };
    return { kind: sameContent(candidate, existing) ? 'same' : 'changed', existingId: existing.id };
  });
}
