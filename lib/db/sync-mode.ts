/**
 * Where this device's vault lives (DESIGN §5): synced through the server, or on this device only
 * after the account chose "this device only". Kept in the sync metadata, so the flag, the
 * cursor and the outbox change together, and a sign-out forgets it with the rest.
 */
import { acknowledgedVersion } from './local-change';
import { emptySyncMeta } from './remote';
import type { OutboxEntry, SeqMeta, StoredItem, SyncMeta, VaultDb } from './schema';
import { runTx } from './tx';

export interface SyncModeRepo {
  /**
   * The server holds no item of this account any more and refuses sync: the vault stays here.
   * Edits keep going to the outbox, where they wait until the account syncs again.
   */
  setLocalOnly(): Promise<void>;
  /**
   * The account syncs again, and the server starts from nothing: every live item becomes a
   * create (baseRev 0) with an outbox entry, and the cursor goes back to 0 so the other devices'
   * uploads come in. An item keeps the last version the server had acknowledged as its base:
   * where another device uploads the same item, the three-way merge (lib/vault/merge.ts) then
   * sees who changed what since, instead of two unrelated copies (which it would keep both of).
   * Deletes go up as deletes (baseRev 0 with the sealed tombstone, which the server stores as
   * it would a create), so an item deleted here while apart stays deleted where the other
   * device had not touched it. Returns how many changes will be uploaded.
   */
  uploadAgain(wiped?: number): Promise<number>;
}

export function createSyncModeRepo(db: VaultDb): SyncModeRepo {
  const stores = ['items', 'outbox', 'meta', 'quarantine'] as const;
  return {
    async setLocalOnly() {
      await runTx(db, ['meta'], 'readwrite', 'setLocalOnly', async (tx) => {
        const meta = tx.objectStore('meta');
        const sync = ((await meta.get('sync')) as SyncMeta | undefined) ?? emptySyncMeta();
        await meta.put({ ...sync, localOnly: true });
      });
    },

    async uploadAgain(wiped) {
      return runTx(
        db,
        [...stores],
        'readwrite',
        'uploadAgain',
        async (tx) => {
          const [items, pending, syncMeta, seqMeta] = await Promise.all([
            tx.objectStore('items').getAll(),
            tx.objectStore('outbox').getAll(),
            tx.objectStore('meta').get('sync') as Promise<SyncMeta | undefined>,
            tx.objectStore('meta').get('seq') as Promise<SeqMeta | undefined>,
          ]);
          const pendingById = new Map(pending.map((entry) => [entry.itemId, entry]));
          // New sequence numbers: an acknowledgement still on its way matches none of them.
          let seq = seqMeta?.value ?? 0;
          let uploads = 0;
          const writes: Promise<unknown>[] = [];
          for (const item of items) {
            const entry = pendingById.get(item.id);
            const base = entry ? item.base : acknowledgedVersion(item);
            // A delete goes up too, sealed as before, so that another device's upload of the
            // same item meets it and the merge deletes an item that device left untouched.
            // Without a revision to seal (records from before revisions) it cannot: it goes.
            const revision = entry?.revision ?? (item.deleted ? item.seen : undefined);
            if (item.deleted && revision === undefined) {
              writes.push(tx.objectStore('items').delete(item.id));
              if (entry) writes.push(tx.objectStore('outbox').delete(item.id));
              continue;
            }
            const record: StoredItem = { ...item, rev: 0 };
            if (base) record.base = base;
            const create: OutboxEntry = {
              itemId: item.id,
              baseRev: 0,
              deleted: item.deleted,
              blob: item.deleted ? null : (entry?.blob ?? item.blob),
              seq: ++seq,
            };
            if (revision !== undefined) create.revision = revision;
            writes.push(tx.objectStore('items').put(record), tx.objectStore('outbox').put(create));
            uploads += 1;
          }
          // A version the server sent and this device refused no longer exists on the server.
          writes.push(tx.objectStore('quarantine').clear());
          const sync = syncMeta ?? emptySyncMeta();
          const { localOnly: _off, ...rest } = sync;
          writes.push(
            tx.objectStore('meta').put({
              ...rest,
              cursor: 0,
              ...(wiped === undefined ? {} : { wipedSeen: wiped }),
            }),
            tx.objectStore('meta').put({ key: 'seq', value: seq }),
          );
          await Promise.all(writes);
          return uploads;
        },
        { durability: 'strict' },
      );
    },
  };
}
