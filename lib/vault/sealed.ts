/**
 * What an item's blob holds once it is open (DESIGN §4): the item, a sealed tombstone, or an
 * item this version cannot read because a newer one wrote it. A delete is a sealed tombstone
 * (item id and inner revision under the vault key), so a server cannot forge one; an item of a
 * type this version does not know is kept and synced untouched, never reported as unreadable.
 */
import { safeNormalizeItem, type Item } from './item';

export interface SealedTombstone {
  id: string;
  deleted: true;
  revision: number;
}

export type Sealed =
  | { kind: 'item'; item: Item; revision: number }
  | { kind: 'tombstone'; revision: number }
  /** Written by a newer version: shown with its title (if it has one), never edited here. */
  | { kind: 'newer'; revision?: number; title: string };

export function sealedTombstone(id: string, revision: number): SealedTombstone {
  return { id, deleted: true, revision };
}

/**
 * Reads the plaintext of a blob sealed for item `id`; undefined if it is not for that item or not
 * a shape any version writes (the AEAD already proved a client with the vault key wrote it).
 */
export function readSealed(value: unknown, id: string): Sealed | undefined {
  if (!isRecord(value) || value.id !== id) return undefined;
  const revision = wholeNumber(value.revision);
  if (value.deleted === true) {
    return revision === undefined ? undefined : { kind: 'tombstone', revision };
  }
  const item = safeNormalizeItem(value);
  if (item) return { kind: 'item', item, revision: item.revision };
  const title = typeof value.title === 'string' ? value.title.slice(0, 256) : '';
  return { kind: 'newer', revision, title };
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
