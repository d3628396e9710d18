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

    expect(await store.uploadAgain()).toBe(4);

    const outbox = await store.pendingBatch(10);
    expect(outbox.map(({ itemId, baseRev, blob }) => ({ itemId, baseRev, blob }))).toEqual(
      expect.arrayContaining([
        { itemId: 'a', baseRev: 0, blob: 'a-edited' },
        { itemId: 'c', baseRev: 0, blob: 'c5' },
        { itemId: 'fresh', baseRev: 0, blob: 'fresh1' },
        { itemId: 'b', baseRev: 0, blob: null },
      ]),
    );
    expect(outbox).toHaveLength(4);
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
    // The delete goes up again, sealed with the revision it had, so no upload brings b back.
    expect(outbox.find((e) => e.itemId === 'b')).toMatchObject({ deleted: true, revision: 5 });
    expect(await store.getItem('b', { includeDeleted: true })).toMatchObject({
      rev: 0,
      deleted: true,
      base: { rev: 4, deleted: true, blob: null },
    });

    const sync = await store.getSyncState();
    expect(sync.cursor).toBe(0);
    expect(sync.localOnly).toBeUndefined();
  });

  it('uploads a delete made while apart, and drops what the server sent that was kept aside', async () => {
    await syncedVault();
    await store.deleteLocal('c', 2);
    await store.applyRemote([{ id: 'q', rev: 6, deleted: false, blob: 'x', unreadable: true }], 6);
    expect(await store.listQuarantine()).toHaveLength(1);

    await store.setLocalOnly();
    expect(await store.uploadAgain()).toBe(4);
    const outbox = await store.pendingBatch(10);
    expect(outbox.map((e) => e.itemId).sort()).toEqual(['a', 'b', 'c', 'fresh']);
    expect(outbox.find((e) => e.itemId === 'c')).toMatchObject({
      baseRev: 0,
      deleted: true,
      revision: 2,
    });
    // The live version it deleted stays its base: an untouched upload of it merges to deleted.
    expect(await store.getItem('c', { includeDeleted: true })).toMatchObject({
      deleted: true,
      base: { rev: 5, deleted: false, blob: 'c5' },
    });
    expect(await store.listQuarantine()).toEqual([]);

    // Deleted again after the switch, before its upload landed: the delete is kept, not forgotten.
    await store.deleteLocal('a', 4);
    expect((await store.pendingBatch(10)).find((e) => e.itemId === 'a')).toMatchObject({
      baseRev: 0,
      deleted: true,
      revision: 4,
    });
  });

  it('keeps the cursor and outbox untouched when the vault only goes local', async () => {
    await syncedVault();
    await store.setLocalOnly();
    expect(await store.getSyncState()).toMatchObject({ cursor: 5, localOnly: true });
    expect(await store.pendingCount()).toBe(2);
  });
});
