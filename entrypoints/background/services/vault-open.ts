/** Opening one stored blob of the vault, and what the search index gets for one it cannot show. */
import { CryptoError, openJson } from '@/lib/crypto';
import type { Opened } from '@/lib/sync/types';
import type { VaultContext } from '@/lib/vault/context';
import type { Item } from '@/lib/vault/item';
import { readSealed } from '@/lib/vault/sealed';

export async function open(ctx: VaultContext, id: string, blob: string): Promise<Opened> {
  try {
    return readSealed(await openJson({ ...ctx, itemId: id, blob }), id) ?? { kind: 'unreadable' };
  } catch (error) {
    if (!(error instanceof CryptoError)) throw error;
    // Locked meanwhile: the caller must stop, not report the item as unreadable.
    if (error.code === 'key-wiped') throw error;
    // A format this version does not know: a newer one wrote it (DESIGN §4), not an attack.
    if (error.code === 'unsupported-version') return { kind: 'newer', title: '' };
    // Tampered, or from another account/epoch: never shown, never a crash (DESIGN §2).
    return { kind: 'unreadable' };
  }
}

/** A stand-in for the search index, which knows items only: the title is all we can show. */
export const asSearchable = (id: string, title: string): Item => ({
  id,
  type: 'note',
  title,
  notes: '',
  favorite: false,
  tags: [],
  createdAt: 0,
  updatedAt: 0,
  revision: 0,
});
