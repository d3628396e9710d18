import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVaultStore, type VaultStore } from './index';
import type { VaultDb } from './schema';
import { openTestDb, sampleAccount } from '@/tests/support/db';

let db: VaultDb;
let store: VaultStore;

beforeEach(async () => {
  db = await openTestDb();
  store = createVaultStore(db, { now: () => 7 });
});
afterEach(() => db.close());

describe('applyRemote', () => {
  it('writes new and changed items, removes tombstones and advances the cursor', async () => {
    const first = await store.applyRemote(
      [
        { id: 'a', rev: 1, deleted: false, blob: 'a1' },
        { id: 'b', rev: 2, deleted: false, blob: 'b1' },
      ],
      2,
    );
    expect(first).toEqual({ applied: 2, needsMerge: [] });

    const second = await store.applyRemote(
      [
        { id: 'a', rev: 3, deleted: false, blob: 'a2' },
        { id: 'b', rev: 4, deleted: true, blob: null },
        { id: 'gone', rev: 5, deleted: true },
      ],
      5,
    );
    expect(second).toEqual({ applied: 2, needsMerge: [] });
    expect(await store.listItems()).toEqual([{ id: 'a', rev: 3, deleted: false, blob: 'a2' }]);
    expect(await store.getItem('b', { includeDeleted: true })).toBeUndefined();
    expect((await store.getSyncState()).cursor).toBe(5);
  });

  it('skips a revision it already has and never moves the cursor back', async () => {
    await store.applyRemote([{ id: 'a', rev: 5, deleted: false, blob: 'new' }], 5);
    const outcome = await store.applyRemote([{ id: 'a', rev: 4, deleted: false, blob: 'old' }], 4);
    expect(outcome.applied).toBe(0);
    expect(await store.getItem('a')).toMatchObject({ blob: 'new' });
    expect((await store.getSyncState()).cursor).toBe(5);
  });

  it('hands items with a pending local change to the merge, untouched', async () => {
    await store.applyRemote([{ id: 'a', rev: 2, deleted: false, blob: 'base' }], 2);
    await store.saveLocal({ id: 'a', blob: 'mine' });
    const outcome = await store.applyRemote(
      [
        { id: 'a', rev: 6, deleted: false, blob: 'theirs' },
        { id: 'b', rev: 7, deleted: false, blob: 'b' },
      ],
      7,
    );

    expect(outcome.applied).toBe(1);
    expect(outcome.needsMerge).toEqual([
      {
        id: 'a',
        local: expect.objectContaining({ blob: 'mine', rev: 2 }),
        pending: expect.objectContaining({ baseRev: 2, blob: 'mine' }),
        base: { rev: 2, deleted: false, blob: 'base' },
        remote: { rev: 6, deleted: false, blob: 'theirs' },
      },
    ]);
    expect(await store.getItem('a')).toMatchObject({ blob: 'mine', rev: 2 });
    expect(await store.pendingCount()).toBe(1);
    expect((await store.getSyncState()).cursor).toBe(7);
  });

  it('hands a remote delete of a locally edited item to the merge too', async () => {
    await store.applyRemote([{ id: 'a', rev: 2, deleted: false, blob: 'base' }], 2);
    await store.saveLocal({ id: 'a', blob: 'mine' });
    const outcome = await store.applyRemote([{ id: 'a', rev: 3, deleted: true }], 3);
    expect(outcome.needsMerge[0]?.remote).toEqual({ rev: 3, deleted: true, blob: null });
    expect(await store.getItem('a')).toMatchObject({ blob: 'mine' });
  });

  it('does not ask to merge our own acknowledged write echoed back by the pull', async () => {
    await store.saveAccount(sampleAccount());
    await store.saveLocal({ id: 'a', blob: 'first' });
    const [pushed] = await store.pendingBatch(1);
    await store.saveLocal({ id: 'a', blob: 'second' }); // edited during the push
    await store.ackPushed([{ ...pushed!, newRev: 4 }]);

    const outcome = await store.applyRemote(
      [{ id: 'a', rev: 4, deleted: false, blob: 'first' }],
      4,
    );
    expect(outcome).toEqual({ applied: 0, needsMerge: [] });
    expect(await store.getItem('a')).toMatchObject({ blob: 'second', rev: 4 });
  });

  it('writes nothing from a page with a malformed item', async () => {
    const page = [
      { id: 'a', rev: 1, deleted: false, blob: 'a' },
      { id: 'b', rev: 2, deleted: false },
    ];
    await expect(store.applyRemote(page, 2)).rejects.toThrow(/malformed/);
    expect(await store.count()).toBe(0);
    expect((await store.getSyncState()).cursor).toBe(0);
  });
});

describe('merge results', () => {
  async function candidate() {
    await store.applyRemote([{ id: 'a', rev: 2, deleted: false, blob: 'base' }], 2);
    await store.saveLocal({ id: 'a', blob: 'mine' });
    const { needsMerge } = await store.applyRemote(
      [{ id: 'a', rev: 6, deleted: false, blob: 'theirs' }],
      6,
    );
    const [merge] = needsMerge;
    return { id: merge!.id, seq: merge!.pending.seq, remote: merge!.remote };
  }

  it('stores a merge as a pending change against the server copy', async () => {
    const resolution = await candidate();
    expect(await store.resolveMerge(resolution, { deleted: false, blob: 'merged' })).toBe(true);
    expect(await store.getItem('a')).toEqual({
      id: 'a',
      rev: 6,
      deleted: false,
      blob: 'merged',
      base: { rev: 6, deleted: false, blob: 'theirs' },
    });
    expect(await store.pendingBatch(10)).toEqual([
      expect.objectContaining({ itemId: 'a', baseRev: 6, blob: 'merged' }),
    ]);
    // A later pull echoing rev 6 is not news any more.
    const again = await store.applyRemote([{ id: 'a', rev: 6, deleted: false, blob: 'theirs' }], 6);
    expect(again.needsMerge).toEqual([]);
  });

  it('refuses a merge made before the user edited again', async () => {
    const resolution = await candidate();
    await store.saveLocal({ id: 'a', blob: 'mine-again' });
    expect(await store.resolveMerge(resolution, { deleted: false, blob: 'merged' })).toBe(false);
    expect(await store.acceptRemote(resolution)).toBe(false);
    expect(await store.getItem('a')).toMatchObject({ blob: 'mine-again', rev: 2 });
  });

  it('can take the server copy and drop the local change', async () => {
    const resolution = await candidate();
    expect(await store.acceptRemote(resolution)).toBe(true);
    expect(await store.getItem('a')).toEqual({ id: 'a', rev: 6, deleted: false, blob: 'theirs' });
    expect(await store.pendingCount()).toBe(0);
  });
});

describe('push conflicts', () => {
  it('turns a change the server has no copy of into a create again', async () => {
    await store.applyRemote([{ id: 'a', rev: 2, deleted: false, blob: 'base' }], 2);
    await store.saveLocal({ id: 'a', blob: 'mine' });
    const [pending] = await store.pendingBatch(1);
    const resolution = { id: 'a', seq: pending!.seq, remote: null };
    expect(await store.resolveMerge(resolution, { deleted: false, blob: 'mine' })).toBe(true);
    expect(await store.getItem('a')).toEqual({ id: 'a', rev: 0, deleted: false, blob: 'mine' });
    expect(await store.pendingBatch(1)).toEqual([
      expect.objectContaining({ itemId: 'a', baseRev: 0, blob: 'mine' }),
    ]);
  });

  it('drops a local delete the server has nothing for', async () => {
    await store.applyRemote([{ id: 'a', rev: 2, deleted: false, blob: 'base' }], 2);
    await store.deleteLocal('a');
    const [pending] = await store.pendingBatch(1);
    expect(await store.acceptRemote({ id: 'a', seq: pending!.seq, remote: null })).toBe(true);
    expect(await store.getItem('a', { includeDeleted: true })).toBeUndefined();
    expect(await store.pendingCount()).toBe(0);
  });
});

describe('sync state', () => {
  it('starts empty and keeps the last result', async () => {
    expect(await store.getSyncState()).toEqual({ key: 'sync', cursor: 0, epoch: null });
    await store.recordSyncResult({ at: 9, ok: false, error: 'offline' });
    expect((await store.getSyncState()).lastResult).toEqual({ at: 9, ok: false, error: 'offline' });
  });
});
