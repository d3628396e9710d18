import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DbError } from './errors';
import { createVaultStore, type VaultStore } from './index';
import type { VaultDb } from './schema';
import { constraintError, openTestDb, quotaExceeded, withFailingPut } from '@/tests/support/db';

let db: VaultDb;
let store: VaultStore;

beforeEach(async () => {
  db = await openTestDb();
  store = createVaultStore(db, { now: () => 1_000 });
});
afterEach(() => db.close());

/** An item the server has acknowledged at `rev`, with nothing pending. */
async function syncedItem(id: string, blob: string, rev: number): Promise<void> {
  await store.applyRemote([{ id, rev, deleted: false, blob }], rev);
}

describe('saveLocal', () => {
  it('writes the item and its outbox entry together', async () => {
    const saved = await store.saveLocal({ id: 'a', blob: 'ct-a1' });
    expect(saved).toEqual({ id: 'a', rev: 0, deleted: false, blob: 'ct-a1' });
    expect(await store.getItem('a')).toEqual(saved);
    expect(await store.pendingBatch(10)).toEqual([
      { itemId: 'a', baseRev: 0, deleted: false, blob: 'ct-a1', seq: 1 },
    ]);
  });

  it('coalesces a second edit into one entry that keeps the original baseRev and base', async () => {
    await syncedItem('a', 'ct-server', 4);
    await store.saveLocal({ id: 'a', blob: 'ct-edit1' });
    await store.saveLocal({ id: 'a', blob: 'ct-edit2' });

    const pending = await store.pendingBatch(10);
    expect(pending).toEqual([
      { itemId: 'a', baseRev: 4, deleted: false, blob: 'ct-edit2', seq: 2 },
    ]);
    expect(await store.getItem('a')).toEqual({
      id: 'a',
      rev: 4,
      deleted: false,
      blob: 'ct-edit2',
      base: { rev: 4, deleted: false, blob: 'ct-server' },
    });
  });

  it('refuses an empty blob before touching the database', async () => {
    await expect(store.saveLocal({ id: 'a', blob: '' })).rejects.toThrow(TypeError);
    expect(await store.count()).toBe(0);
  });
});

describe('atomicity: a failed edit is not half-written', () => {
  it('leaves neither item nor outbox entry when the outbox write is rejected', async () => {
    const broken = createVaultStore(withFailingPut(db, 'outbox', quotaExceeded));
    await expect(broken.saveLocal({ id: 'a', blob: 'ct-a1' })).rejects.toBeInstanceOf(DbError);

    expect(await store.getItem('a', { includeDeleted: true })).toBeUndefined();
    expect(await store.pendingCount()).toBe(0);
    expect(await store.count()).toBe(0);
  });

  it('keeps the previous version when the browser aborts the transaction itself', async () => {
    await syncedItem('a', 'ct-server', 2);
    await store.saveLocal({ id: 'a', blob: 'ct-edit1' });
    const broken = createVaultStore(withFailingPut(db, 'outbox', constraintError));

    const error = await broken.saveLocal({ id: 'a', blob: 'ct-edit2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbError);
    expect(await store.getItem('a')).toMatchObject({ blob: 'ct-edit1' });
    expect(await store.pendingBatch(10)).toEqual([
      { itemId: 'a', baseRev: 2, deleted: false, blob: 'ct-edit1', seq: 1 },
    ]);
  });

  it('rolls back a delete whose outbox write fails', async () => {
    await syncedItem('a', 'ct-server', 2);
    const broken = createVaultStore(withFailingPut(db, 'outbox', quotaExceeded));
    await expect(broken.deleteLocal('a')).rejects.toMatchObject({ code: 'quota' });
    expect(await store.getItem('a')).toMatchObject({ blob: 'ct-server', deleted: false });
    expect(await store.pendingCount()).toBe(0);
  });

  it('reports a full disk as code "quota" with a message the UI can show', async () => {
    const broken = createVaultStore(withFailingPut(db, 'items', quotaExceeded));
    const error = (await broken
      .saveLocal({ id: 'a', blob: 'x' })
      .catch((e: unknown) => e)) as DbError;
    expect(error.code).toBe('quota');
    expect(error.message).toMatch(/no more room/);
    expect(error.operation).toBe('saveLocal');
  });
});

describe('deleteLocal and tombstones', () => {
  it('keeps a tombstone with a pending delete for a synced item, hidden from lists', async () => {
    await syncedItem('a', 'ct-a', 3);
    await syncedItem('b', 'ct-b', 4);
    expect(await store.deleteLocal('a')).toBe(true);

    expect(await store.getItem('a')).toBeUndefined();
    expect(await store.getItem('a', { includeDeleted: true })).toEqual({
      id: 'a',
      rev: 3,
      deleted: true,
      blob: null,
      deletedAt: 1_000,
      base: { rev: 3, deleted: false, blob: 'ct-a' },
    });
    expect((await store.listItems()).map((item) => item.id)).toEqual(['b']);
    expect(await store.count()).toBe(1);
    expect(await store.pendingBatch(10)).toEqual([
      { itemId: 'a', baseRev: 3, deleted: true, blob: null, seq: 1 },
    ]);
  });

  it('forgets a never-synced item entirely: nothing to tell the server', async () => {
    await store.saveLocal({ id: 'a', blob: 'ct-a' });
    expect(await store.deleteLocal('a')).toBe(true);
    expect(await store.getItem('a', { includeDeleted: true })).toBeUndefined();
    expect(await store.pendingCount()).toBe(0);
  });

  it('answers false for an unknown or already deleted item', async () => {
    expect(await store.deleteLocal('nope')).toBe(false);
    await syncedItem('a', 'ct-a', 3);
    await store.deleteLocal('a');
    expect(await store.deleteLocal('a')).toBe(false);
    expect(await store.pendingBatch(10)).toHaveLength(1);
  });

  it('restores a deleted item when it is saved again, still based on the server revision', async () => {
    await syncedItem('a', 'ct-a', 3);
    await store.deleteLocal('a');
    await store.saveLocal({ id: 'a', blob: 'ct-a2' });
    expect(await store.getItem('a')).toMatchObject({ deleted: false, blob: 'ct-a2', rev: 3 });
    expect(await store.pendingBatch(10)).toEqual([
      { itemId: 'a', baseRev: 3, deleted: false, blob: 'ct-a2', seq: 2 },
    ]);
    expect(await store.count()).toBe(1);
  });
});

describe('reads', () => {
  it('lists and counts 10,000 items', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      id: `item-${i}`,
      rev: i + 1,
      deleted: false,
      blob: `ciphertext-${i}`.padEnd(400, '=').slice(0, 400),
    }));
    await store.applyRemote(items, 10_000);
    const listed = await store.listItems();
    expect(listed).toHaveLength(10_000);
    expect(new Set(listed.map((item) => item.id)).size).toBe(10_000);
    expect(await store.count()).toBe(10_000);
  });

  it('marks and clears a visible conflict', async () => {
    await syncedItem('a', 'ct-a', 3);
    const conflict = { at: 5, remote: { rev: 9, deleted: false, blob: 'ct-theirs' } };
    expect(await store.markConflict('a', conflict)).toBe(true);
    expect(await store.getItem('a')).toMatchObject({ conflict });
    // An edit keeps the marker until the user resolves it.
    await store.saveLocal({ id: 'a', blob: 'ct-mine' });
    expect(await store.getItem('a')).toMatchObject({ conflict });
    expect(await store.markConflict('a', null)).toBe(true);
    expect(await store.getItem('a')).not.toHaveProperty('conflict');
    expect(await store.markConflict('missing', conflict)).toBe(false);
  });
});

describe('saveLocalMany: an import is written whole or not at all', () => {
  const edits = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => ({ id: `imp-${from + i}`, blob: `ct-${from + i}` }));

  it('writes every item with its own outbox entry and distinct, increasing sequence numbers', async () => {
    await store.saveLocal({ id: 'before', blob: 'ct-before' });
    const counts: number[] = [];
    await store.saveLocalMany(edits(300), (count) => counts.push(count));
    expect(await store.count()).toBe(301);
    const pending = await store.pendingBatch(1000);
    expect(pending).toHaveLength(301);
    expect(new Set(pending.map((entry) => entry.seq)).size).toBe(301);
    expect(counts.at(-1)).toBe(300);
    // A later edit still gets a number after all of them.
    await store.saveLocal({ id: 'after', blob: 'ct-after' });
    const after = (await store.pendingBatch(1000)).find((entry) => entry.itemId === 'after');
    expect(after?.seq).toBe(302);
  });

  it('leaves nothing when a write in the middle fails', async () => {
    let puts = 0;
    const broken = createVaultStore(
      withFailingPut(db, 'outbox', (outbox, value) => {
        puts += 1;
        return puts === 150 ? quotaExceeded(outbox, value) : outbox.put(value);
      }),
    );
    await expect(broken.saveLocalMany(edits(300))).rejects.toBeInstanceOf(DbError);
    expect(await store.count()).toBe(0);
    expect(await store.pendingBatch(1000)).toEqual([]);
  });

  it('writes fresh items without reading first, and fails whole if one id exists after all', async () => {
    await store.saveLocalMany(edits(3).map((edit) => ({ ...edit, fresh: true })));
    expect(await store.getItem('imp-1')).toEqual({
      id: 'imp-1',
      rev: 0,
      deleted: false,
      blob: 'ct-1',
    });
    expect((await store.pendingBatch(10)).map((entry) => entry.seq)).toEqual([1, 2, 3]);
    const clash = edits(5, 2).map((edit) => ({ ...edit, fresh: true }));
    await expect(store.saveLocalMany(clash)).rejects.toBeInstanceOf(DbError);
    expect(await store.count()).toBe(3);
    expect(await store.getItem('imp-2')).toMatchObject({ blob: 'ct-2' });
  });

  it('refuses a repeated id before touching the database', async () => {
    await expect(store.saveLocalMany([...edits(2), ...edits(1)])).rejects.toThrow(TypeError);
    expect(await store.count()).toBe(0);
  });
});
