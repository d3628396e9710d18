/**
 * The local item cache: what the popup lists, and the edits the user makes on this device.
 * Blobs are ciphertext; the background encrypts before calling and decrypts after reading.
 */
import { CHANGE_STORES, writeLocalChange, writeLocalEdits, type LocalEdit } from './local-change';
import type { ItemConflict, QuarantineEntry, StoredItem, VaultDb } from './schema';
import { runTx, type RepoOptions } from './tx';

export interface ItemRepo {
  /** Saves an edit (or a new item) and queues it for the server, in one transaction. */
  saveLocal(item: { id: string; blob: string; revision?: number }): Promise<StoredItem>;
  /**
   * Saves many edits (an import) and queues them, all in one transaction: a worker that dies or a
   * disk that fills up halfway leaves none of them. `onWritten` counts them as they are written.
   */
  saveLocalMany(
    items: ReadonlyArray<LocalEdit>,
    onWritten?: (count: number) => void,
  ): Promise<void>;
  /**
   * Deletes locally and queues the delete, whose sealed tombstone will carry `revision`; false if
   * there was no live item.
   */
  deleteLocal(id: string, revision?: number): Promise<boolean>;
  /** A live item, or undefined. Tombstones only with `includeDeleted`. */
  getItem(id: string, options?: { includeDeleted?: boolean }): Promise<StoredItem | undefined>;
  /** Every live item, in one `getAll` (10,000 items in one round trip). */
  listItems(): Promise<StoredItem[]>;
  /** How many live items there are, without reading them. */
  count(): Promise<number>;
  /** Marks (or with null, clears) a visible conflict; false if the item is unknown. */
  markConflict(id: string, conflict: ItemConflict | null): Promise<boolean>;
  /** The server versions kept aside by the integrity checks (lib/db/remote.ts). */
  listQuarantine(): Promise<QuarantineEntry[]>;
}

export function createItemRepo(db: VaultDb, { now = Date.now }: RepoOptions = {}): ItemRepo {
  return {
    async saveLocal({ id, blob, revision }) {
      assertId(id);
      if (typeof blob !== 'string' || blob.length === 0) {
        throw new TypeError('saveLocal needs the item as a non-empty ciphertext string');
      }
      const { item } = await runTx(
        db,
        CHANGE_STORES,
        'readwrite',
        'saveLocal',
        (tx) => writeLocalChange(tx, id, { deleted: false, blob, revision }, now()),
        { durability: 'strict' },
      );
      // Always defined for an edit; the check only satisfies the compiler.
      if (!item) throw new Error('saveLocal wrote no item');
      return item;
    },

    async saveLocalMany(edits, onWritten) {
      const ids = new Set<string>();
      for (const { id, blob } of edits) {
        assertId(id);
        if (typeof blob !== 'string' || blob.length === 0 || ids.has(id)) {
          throw new TypeError('saveLocalMany needs distinct ids, each with a ciphertext string');
        }
        ids.add(id);
      }
      await runTx(
        db,
        CHANGE_STORES,
        'readwrite',
        'saveLocalMany',
        (tx) => writeLocalEdits(tx, edits, now(), onWritten),
        { durability: 'strict' },
      );
    },

    async deleteLocal(id, revision) {
      assertId(id);
      return runTx(
        db,
        CHANGE_STORES,
        'readwrite',
        'deleteLocal',
        async (tx) => {
          const existing = await tx.objectStore('items').get(id);
          if (!existing || existing.deleted) return false;
          await writeLocalChange(tx, id, { deleted: true, revision }, now());
          return true;
        },
        { durability: 'strict' },
      );
    },

    async getItem(id, { includeDeleted = false } = {}) {
      const item = await runTx(db, ['items'], 'readonly', 'getItem', (tx) =>
        tx.objectStore('items').get(id),
      );
      return item && (includeDeleted || !item.deleted) ? item : undefined;
    },

    async listItems() {
      const all = await runTx(db, ['items'], 'readonly', 'listItems', (tx) =>
        tx.objectStore('items').getAll(),
      );
      // Tombstones are small records (no blob) that remember what was deleted.
      return all.filter((item) => !item.deleted);
    },

    async count() {
      return runTx(db, ['items'], 'readonly', 'count', async (tx) => {
        const store = tx.objectStore('items');
        const [all, tombstones] = await Promise.all([
          store.count(),
          store.index('tombstones').count(),
        ]);
        return all - tombstones;
      });
    },

    async listQuarantine() {
      return runTx(db, ['quarantine'], 'readonly', 'listQuarantine', (tx) =>
        tx.objectStore('quarantine').getAll(),
      );
    },

    async markConflict(id, conflict) {
      return runTx(db, ['items'], 'readwrite', 'markConflict', async (tx) => {
        const store = tx.objectStore('items');
        const item = await store.get(id);
        if (!item) return false;
        if (conflict) item.conflict = conflict;
        else delete item.conflict;
        await store.put(item);
        return true;
      });
    },
  };
}

function assertId(id: string): void {
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError('An item id must be a non-empty string');
  }
}
