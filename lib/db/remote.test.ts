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
  it('writes new and changed items, keeps tombstones as records and advances the cursor', async () => {
    const first = await store.applyRemote(
      [
        { id: 'a', rev: 1, deleted: false, blob: 'a1' },
        { id: 'b', rev: 2, deleted: false, blob: 'b1' },
      ],
      2,
    );
    expect(first).toEqual({ applied: ['a', 'b'], needsMerge: [], refused: [] });

    const second = await store.applyRemote(
      [
        { id: 'a', rev: 3, deleted: false, blob: 'a2' },
        { id: 'b', rev: 4, deleted: true, blob: null },
        { id: 'gone', rev: 5, deleted: true },
      ],
      5,
    );
    expect(second).toEqual({ applied: ['a', 'b', 'gone'], needsMerge: [], refused: [] });
    expect(await store.listItems()).toEqual([{ id: 'a', rev: 3, deleted: false, blob: 'a2' }]);
    expect(await store.count()).toBe(1);
    // A deleted item stays a small record without content, remembering its revision.
    expect(await store.getItem('b', { includeDeleted: true })).toEqual({
      id: 'b',
      rev: 4,
      deleted: true,
      blob: null,
      deletedAt: 7,
    });
    expect((await store.getSyncState()).cursor).toBe(5);
  });

  it('skips a revision it already has and never moves the cursor back', async () => {
    await store.applyRemote([{ id: 'a', rev: 5, deleted: false, blob: 'new' }], 5);
    const outcome = await store.applyRemote([{ id: 'a', rev: 4, deleted: false, blob: 'old' }], 4);
    expect(outcome.applied).toEqual([]);
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

    expect(outcome.applied).toEqual(['b']);
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
    expect(outcome.needsMerge[0]?.remote).toEqual({
      rev: 3,
      deleted: true,
      blob: null,
      revision: 0,
    });
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
    expect(outcome).toEqual({ applied: [], needsMerge: [], refused: [] });
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

describe('what the server cannot make this device take (DESIGN §4)', () => {
  const good = { id: 'a', rev: 2, deleted: false, blob: 'good', revision: 3 };

  it('keeps the good copy when a blob does not open, and keeps the bad one aside', async () => {
    await store.applyRemote([good], 2);
    const outcome = await store.applyRemote(
      [{ id: 'a', rev: 5, deleted: false, blob: 'garbage', unreadable: true }],
      5,
    );
    expect(outcome).toEqual({
      applied: [],
      needsMerge: [],
      refused: [{ id: 'a', reason: 'unreadable' }],
    });
    expect(await store.getItem('a')).toMatchObject({ blob: 'good', rev: 2, seen: 3 });
    expect(await store.listQuarantine()).toEqual([
      { id: 'a', rev: 5, deleted: false, blob: 'garbage', reason: 'unreadable', at: 7 },
    ]);
    expect((await store.getSyncState()).cursor).toBe(5);
    // A good version later replaces both.
    await store.applyRemote([{ ...good, rev: 6, blob: 'fixed', revision: 4 }], 6);
    expect(await store.getItem('a')).toMatchObject({ blob: 'fixed', seen: 4 });
    expect(await store.listQuarantine()).toEqual([]);
  });

  it('refuses an older revision than one already taken (a rollback), and takes an equal one', async () => {
    await store.applyRemote([good], 2);
    const older = await store.applyRemote([{ ...good, rev: 7, blob: 'older', revision: 2 }], 7);
    expect(older.refused).toEqual([{ id: 'a', reason: 'rollback' }]);
    expect(await store.getItem('a')).toMatchObject({ blob: 'good' });
    const same = await store.applyRemote([{ ...good, rev: 8, blob: 'same-rev', revision: 3 }], 8);
    expect(same.applied).toEqual(['a']);
  });

  it('refuses an unsealed delete of an item known at a sealed revision', async () => {
    await store.applyRemote([good], 2);
    const forged = await store.applyRemote([{ id: 'a', rev: 9, deleted: true, blob: null }], 9);
    expect(forged.refused).toEqual([{ id: 'a', reason: 'unauthenticated-delete' }]);
    expect(await store.getItem('a')).toMatchObject({ blob: 'good' });
  });

  it('reads data stored before revisions as revision 0, and takes it once', async () => {
    await store.applyRemote([{ id: 'old', rev: 1, deleted: false, blob: 'legacy' }], 1);
    const plain = await store.applyRemote([{ id: 'old', rev: 2, deleted: true, blob: null }], 2);
    expect(plain.applied).toEqual(['old']);
    expect(await store.getItem('old')).toBeUndefined();
  });

  it('remembers the revision of a sealed delete: an older copy cannot bring the item back', async () => {
    await store.applyRemote([good], 2);
    await store.applyRemote([{ id: 'a', rev: 3, deleted: true, blob: 'tomb', revision: 4 }], 3);
    const replay = await store.applyRemote([{ ...good, rev: 10 }], 10);
    expect(replay.refused).toEqual([{ id: 'a', reason: 'rollback' }]);
    expect(await store.getItem('a')).toBeUndefined();
  });

  it('does not merge a refused version with a pending change: the push will overwrite it', async () => {
    await store.applyRemote([good], 2);
    await store.saveLocal({ id: 'a', blob: 'mine', revision: 4 });
    const outcome = await store.applyRemote([{ ...good, rev: 5, blob: 'older', revision: 1 }], 5);
    expect(outcome).toMatchObject({ needsMerge: [], refused: [{ id: 'a', reason: 'rollback' }] });
    expect(await store.pendingBatch(1)).toEqual([
      expect.objectContaining({ blob: 'mine', baseRev: 2, revision: 4 }),
    ]);
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

  it('keeps both sides of a conflict in one step: the server copy stays, ours becomes a copy', async () => {
    const resolution = await candidate();
    const copy = { id: 'a-copy', blob: 'mine-as-copy', revision: 1 };
    expect(await store.keepBoth(resolution, 'remote', copy)).toBe(true);
    expect(await store.getItem('a')).toEqual({ id: 'a', rev: 6, deleted: false, blob: 'theirs' });
    expect(await store.pendingBatch(10)).toEqual([
      expect.objectContaining({ itemId: 'a-copy', baseRev: 0, blob: 'mine-as-copy', revision: 1 }),
    ]);
    // Refused as a whole when the user edited again meanwhile: no copy either.
    await store.saveLocal({ id: 'a', blob: 'edited' });
    const stale = { ...resolution, seq: 1 };
    expect(await store.keepBoth(stale, 'remote', { ...copy, id: 'b-copy' })).toBe(false);
    expect(await store.getItem('b-copy')).toBeUndefined();
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
