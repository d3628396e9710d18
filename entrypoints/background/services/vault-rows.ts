/** One row of the popup's list, made from an item of the open vault. */
import type { ItemSummary } from '@/lib/messaging/protocol';
import type { VisibleItem } from '@/lib/vault/item';
import { cardBrand, lastFour } from '@/lib/vault/card';
import { identityName } from '@/lib/vault/identity';
import { hostOf } from '@/lib/vault/search-text';

/**
 * Only the fields a row shows, and no undefined keys: structured cloning to the popup pays for
 * every key, and with 10,000 items every byte counts even when they come in pages. An item of a
 * type this version does not know (`item` undefined) shows its title only.
 */
export function summaryOf(
  id: string,
  item: VisibleItem | undefined,
  newerTitle: string | undefined,
  marks: { onSite: boolean; suggested: boolean },
): ItemSummary {
  if (!item) return { id, type: 'newer', title: newerTitle ?? '', favorite: false };
  const row: ItemSummary = { id, type: item.type, title: item.title, favorite: item.favorite };
  if (item.type === 'login') {
    if (item.username) row.username = item.username;
    const first = item.urls[0]?.url;
    const host = first ? hostOf(first) : undefined;
    if (host) row.host = host;
  } else if (item.type === 'card') {
    const brand = cardBrand(item.number);
    const last4 = lastFour(item.number);
    if (brand) row.brand = brand;
    if (last4) row.last4 = last4;
  } else if (item.type === 'identity') {
    const name = identityName(item);
    if (name) row.subtitle = name;
  }
  if (item.conflictOf) row.conflictOf = item.conflictOf;
  if (marks.onSite) row.onSite = true;
  else if (marks.suggested) row.suggested = true;
  return row;
}
