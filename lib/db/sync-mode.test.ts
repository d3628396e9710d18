import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVaultStore, type VaultStore } from './index';
import type { VaultDb } from './schema';
import { openTestDb } from '@/tests/support/db';

let db: VaultDb;
let store: VaultStore;

beforeEach(async () => {
  db = await openTestDb();
  store = createVaultStore(db, { now: () => 7 });
});
afterEach(() => db.close());

/** A vault that synced a while: a, b and c on the server, b deleted there, a edited here. */
async function syncedVault() {
  await store.applyRemote(
    [
      { id: 'a', rev: 3, deleted: false, blob: 'a3', revision: 2 },
      { id: 'b', rev: 4, deleted: true, blob: 'tomb-b', revision: 5 },
      { id: 'c', rev: 5, deleted: false, blob: 'c5', revision: 1 },
    ],
    5,
  );
  await store.saveLocal({ id: 'a', blob: 'a-edited', revision: 3 });
  await store.saveLocal({ id: 'fresh', blob: 'fresh1', revision: 1 });
}

describe('uploadAgain (the account syncs again after "this device only")', () => {
  it('makes every live item a create that keeps its last acknowledged version as base', async () => {
    await syncedVault();
    await store.setLocalOnly();
    expect((await store.getSyncState()).localOnly).toBe(true);
    const before = await store.pendingBatch(10);

    expect(await store.uploadAgain()).toBe(3);

    const outbox = await store.pendingBatch(10);
    expect(outbox.map(({ itemId, baseRev, blob }) => ({ itemId, baseRev, blob }))).toEqual(
      expect.arrayContaining([
        { itemId: 'a', baseRev: 0, blob: 'a-edited' },
        { itemId: 'c', baseRev: 0, blob: 'c5' },
        { itemId: 'fresh', baseRev: 0, blob: 'fresh1' },
      ]),
    );
    expect(outbox).toHaveLength(3);
    // New sequence numbers: an acknowledgement of an older push matches none of them.
    const oldSeqs = new Set(before.map((e) => e.seq));
    expect(outbox.every((e) => !oldSeqs.has(e.seq))).toBe(true);
    expect(outbox.find((e) => e.itemId === 'a')?.revision).toBe(3);

    // The base is what the server had, so a merge with another device's upload is three-way.
    expect(await store.getItem('a')).toMatchObject({
      rev: 0,
      blob: 'a-edited',
      base: { rev: 3, deleted: false, blob: 'a3' },
      seen: 2,
    });
    expect(await store.getItem('c')).toMatchObject({
      rev: 0,
      base: { rev: 5, deleted: false, blob: 'c5' },
    });
    expect((await store.getItem('fresh'))?.base).toBeUndefined();
    // A tombstone cannot be a create and the server has nothing to delete: it goes.
    expect(await store.getItem('b', { includeDeleted: true })).toBeUndefined();

    const sync = await store.getSyncState();
    expect(sync.cursor).toBe(0);
    expect(sync.localOnly).toBeUndefined();
  });

  it('drops a pending delete with its tombstone, and what the server sent that was kept aside', async () => {
    await syncedVault();
    await store.deleteLocal('c', 2);
    await store.applyRemote([{ id: 'q', rev: 6, deleted: false, blob: 'x', unreadable: true }], 6);
    expect(await store.listQuarantine()).toHaveLength(1);

    await store.setLocalOnly();
    expect(await store.uploadAgain()).toBe(2);
    expect((await store.pendingBatch(10)).map((e) => e.itemId).sort()).toEqual(['a', 'fresh']);
    expect(await store.getItem('c', { includeDeleted: true })).toBeUndefined();
    expect(await store.listQuarantine()).toEqual([]);
  });

  it('keeps the cursor and outbox untouched when the vault only goes local', async () => {
    await syncedVault();
    await store.setLocalOnly();
    expect(await store.getSyncState()).toMatchObject({ cursor: 5, localOnly: true });
    expect(await store.pendingCount()).toBe(2);
  });
});
