/**
 * The vault's per-field ceilings (ITEM_LIMITS), checked at preview time so that the one-shot write
 * later never meets an item it must refuse. A field too long is reported, not cut: a shortened
 * password or note would be a silent loss. URLs beyond the vault's count go to the notes instead.
 */
import { ITEM_LIMITS, MAX_ITEM_JSON_BYTES, itemJsonBytes } from '../vault/item';
import { notesWithExtras } from './fields';
import type { ImportCandidate } from './types';

export function fitUrls(candidate: ImportCandidate): ImportCandidate {
  if (candidate.type !== 'login' || candidate.urls.length <= ITEM_LIMITS.urls) return candidate;
  const kept = candidate.urls.slice(0, ITEM_LIMITS.urls);
  const moved = candidate.urls.slice(ITEM_LIMITS.urls).map((url) => ['URL', url] as const);
  return { ...candidate, urls: kept, notes: notesWithExtras(candidate.notes, moved) };
}

/** The first field over its limit, or undefined when the candidate fits. */
export function fieldOverLimit(candidate: ImportCandidate): string | undefined {
  if (candidate.title.length > ITEM_LIMITS.title) return 'title';
  if (candidate.notes.length > ITEM_LIMITS.notes) return 'notes';
  if (candidate.type === 'login') {
    if (candidate.username.length > ITEM_LIMITS.username) return 'username';
    if (candidate.password.length > ITEM_LIMITS.password) return 'password';
    if (candidate.urls.some((url) => url.length > ITEM_LIMITS.url)) return 'urls';
  }
  // Many fields each under their limit can still make an item too big to encrypt and sync.
  // A Cassaforte export's candidate is measured by the item it carries, which is what is stored.
  if (itemJsonBytes(candidate.item ?? candidate) > MAX_ITEM_JSON_BYTES) return 'item';
  return undefined;
}
