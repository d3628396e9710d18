/**
 * The vault's items for the export page (issue 14), only after the account password is typed
 * again: an unlocked vault alone does not hand its whole content to whoever sits at the browser.
 * The password is checked locally (it must open this device's wrapped vault key) and not kept.
 *
 * The items are read from the encrypted local store, not from memory, because memory keeps only
 * the title of an item a newer version wrote, and an export must carry such an item untouched.
 * Tombstones and the vault's hidden records (the site preferences) are left out; a blob that does
 * not open is counted, never sent.
 */
import { CryptoError, openJson, wipe } from '@/lib/crypto';
import type { VaultStore } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import type { ExportedVault } from '@/lib/messaging/protocol';
import type { VaultContext } from '@/lib/vault/context';
import { isHiddenItem } from '@/lib/vault/item';
import { readSealed } from '@/lib/vault/sealed';
import { proveLocally } from './account-keys';

export function createExportService(deps: {
  store: VaultStore;
  unlocked: () => Promise<VaultContext>;
}) {
  const { store } = deps;

  async function openRecord(ctx: VaultContext, id: string, blob: string) {
    try {
      const value = await openJson({ ...ctx, itemId: id, blob });
      const sealed = readSealed(value, id);
      if (sealed?.kind === 'item') return isHiddenItem(sealed.item) ? 'skip' : sealed.item;
      if (sealed?.kind === 'newer') return value as Record<string, unknown>;
      return sealed?.kind === 'tombstone' ? 'skip' : 'unreadable';
    } catch (error) {
      if (error instanceof CryptoError && error.code === 'key-wiped') {
        throw new ProtocolError('locked', 'Cassaforte locked during the export. Unlock it first.');
      }
      if (error instanceof CryptoError) return 'unreadable';
      throw error;
    }
  }

  return {
    async items(password: string): Promise<ExportedVault> {
      const account = await store.getAccount();
      if (!account) throw new ProtocolError('not-signed-in', 'Sign in on this device first.');
      const ctx = await deps.unlocked();
      const keys = await proveLocally(account, password);
      wipe(keys.authSecret, keys.kek);
      const items: ExportedVault['items'] = [];
      let unreadable = 0;
      for (const record of await store.listItems()) {
        if (record.deleted || !record.blob) continue;
        const opened = await openRecord(ctx, record.id, record.blob);
        if (opened === 'unreadable') unreadable += 1;
        else if (opened !== 'skip') items.push(opened);
      }
      return {
        items,
        unreadable,
        accountKdf: { ops: account.kdf.ops, memBytes: account.kdf.memBytes },
      };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
