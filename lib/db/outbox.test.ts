import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVaultStore, type VaultStore } from './index';
import type { VaultDb } from './schema';
import { openTestDb, sampleAccount } from '@/tests/support/db';

let db: VaultDb;
let store: VaultStore;

beforeEach(async () => {
  db = await openTestDb();
  store = createVaultStore(db, { now: () => 7 });
  await store.saveAccount(sampleAccount());
});
afterEach(() => db.close());

describe('pendingBatch', () => {
  it('returns the oldest changes first, at most `limit`', async () => {
    await store.saveLocal({ id: 'a', blob: 'a1' });
    await store.saveLocal({ id: 'b', blob: 'b1' });
    await store.saveLocal({ id: 'c', blob: 'c1' });
    // Editing `a` again moves it behind the others: its entry now carries the newest seq.
    await store.saveLocal({ id: 'a', blob: 'a2' });
    expect((await store.pendingBatch(2)).map((e) => e.itemId)).toEqual(['b', 'c']);
    expect((await store.pendingBatch(10)).map((e) => e.itemId)).toEqual(['b', 'c', 'a']);
    expect(await store.pendingCount()).toBe(3);
  });

  it('starts after a given seq: the batch after one still being acknowledged', async () => {
    for (const id of ['a', 'b', 'c']) await store.saveLocal({ id, blob: `${id}1` });
    const [first] = await store.pendingBatch(1);
    await store.saveLocal({ id: 'a', blob: 'a2' }); // edited meanwhile: queued behind c
    expect((await store.pendingBatch(10, first!.seq)).map((e) => [e.itemId, e.blob])).toEqual([
      ['b', 'b1'],
      ['c', 'c1'],
      ['a', 'a2'],
    ]);
  });

  it('rejects a nonsensical limit', async () => {
    await expect(store.pendingBatch(0)).rejects.toThrow(RangeError);
  });
});

describe('ackPushed', () => {
  it('removes the entry when its seq matches, sets the revision and drops the base', async () => {
    await store.applyRemote([{ id: 'a', rev: 3, deleted: false, blob: 'server' }], 3);
    await store.saveLocal({ id: 'a', blob: 'mine' });
    const [pushed] = await store.pendingBatch(10);

    const outcome = await store.ackPushed([{ ...pushed!, newRev: 5 }]);
    expect(outcome).toEqual({ done: ['a'], stillPending: [] });
    expect(await store.pendingCount()).toBe(0);
    expect(await store.getItem('a')).toEqual({ id: 'a', rev: 5, deleted: false, blob: 'mine' });
  });

  it('keeps an entry edited during the push, rebased on the revision the server assigned', async () => {
    await store.saveLocal({ id: 'a', blob: 'first' });
    const [pushed] = await store.pendingBatch(10);
    await store.saveLocal({ id: 'a', blob: 'second' }); // while the push is in flight

    const outcome = await store.ackPushed([{ ...pushed!, newRev: 8 }]);
    expect(outcome).toEqual({ done: [], stillPending: ['a'] });
    const [entry] = await store.pendingBatch(10);
    expect(entry).toMatchObject({ itemId: 'a', baseRev: 8, blob: 'second' });
    expect(entry!.seq).toBeGreaterThan(pushed!.seq);
    expect(await store.getItem('a')).toEqual({
      id: 'a',
      rev: 8,
      deleted: false,
      blob: 'second',
      base: { rev: 8, deleted: false, blob: 'first' },
    });

    // The second push is then acknowledged normally.
    await store.ackPushed([{ ...entry!, newRev: 9 }]);
    expect(await store.pendingCount()).toBe(0);
    expect(await store.getItem('a')).toMatchObject({ rev: 9, blob: 'second' });
  });

  it('acknowledges a run of neighbouring ids as one range, around what changed meanwhile', async () => {
    // An import's ids: one prefix and a counter (a range for ack-reads.ts), two strangers in it.
    const ids = Array.from({ length: 20 }, (_, i) => `run-${String(i).padStart(3, '0')}`);
    await store.saveLocalMany(ids.map((id) => ({ id, blob: `${id}-1`, fresh: true })));
    await store.saveLocal({ id: 'run-005x', blob: 'stranger' }); // between two of them
    const pushed = await store.pendingBatch(20);
    await store.saveLocal({ id: 'run-010', blob: 'run-010-2' }); // edited during the push

    const outcome = await store.ackPushed(pushed.map((e, i) => ({ ...e, newRev: 100 + i })));
    expect(outcome.stillPending).toEqual(['run-010']);
    expect(outcome.done).toHaveLength(19);
    expect((await store.pendingBatch(10)).map((e) => [e.itemId, e.baseRev])).toEqual([
      ['run-005x', 0],
      ['run-010', 110],
    ]);
    expect(await store.getItem('run-003')).toEqual({
      id: 'run-003',
      rev: 103,
      deleted: false,
      blob: 'run-003-1',
    });
    expect(await store.getItem('run-005x')).toEqual({
      id: 'run-005x',
      rev: 0,
      deleted: false,
      blob: 'stranger',
    });

    // Once the stranger and the edit are gone, the next run is one clean range.
    const more = ids.map((id) => ({ id: id.replace('run', 'two'), blob: 'b', fresh: true }));
    await store.saveLocalMany(more);
    const next = (await store.pendingBatch(30)).filter((e) => e.itemId.startsWith('two'));
    expect((await store.ackPushed(next.map((e) => ({ ...e, newRev: 7 })))).done).toHaveLength(20);
    expect(await store.getItem('two-019')).toMatchObject({ rev: 7 });
    expect(await store.pendingCount()).toBe(2);
  });

  it('keeps an acknowledged delete as a record that remembers its revision, nothing more', async () => {
    await store.applyRemote([{ id: 'a', rev: 3, deleted: false, blob: 'server', revision: 2 }], 3);
    await store.deleteLocal('a', 3);
    const [pushed] = await store.pendingBatch(10);
    expect(pushed).toMatchObject({ deleted: true, blob: null, revision: 3 });
    await store.ackPushed([{ ...pushed!, newRev: 4 }]);
    expect(await store.getItem('a', { includeDeleted: true })).toEqual({
      id: 'a',
      rev: 4,
      deleted: true,
      blob: null,
      deletedAt: expect.any(Number),
      seen: 3,
    });
    expect(await store.getItem('a')).toBeUndefined();
    expect(await store.count()).toBe(0);
    expect(await store.pendingCount()).toBe(0);
  });

  it('queues a delete for an item created and deleted while its create was in flight', async () => {
    await store.saveLocal({ id: 'a', blob: 'new', revision: 1 });
    const [pushed] = await store.pendingBatch(10);
    await store.deleteLocal('a', 2); // never acknowledged, so forgotten locally

    const outcome = await store.ackPushed([{ ...pushed!, newRev: 6 }]);
    expect(outcome.stillPending).toEqual(['a']);
    expect(await store.getItem('a')).toBeUndefined();
    expect(await store.pendingBatch(10)).toEqual([
      // Its sealed tombstone will carry the revision after the one the server now has.
      expect.objectContaining({ itemId: 'a', baseRev: 6, deleted: true, blob: null, revision: 2 }),
    ]);
  });

  it('ignores a repeated acknowledgement and one that arrives after a wipe', async () => {
    await store.saveLocal({ id: 'a', blob: 'x' });
    const [pushed] = await store.pendingBatch(10);
    await store.ackPushed([{ ...pushed!, newRev: 2 }]);
    expect(await store.ackPushed([{ ...pushed!, newRev: 2 }])).toEqual({
      done: [],
      stillPending: [],
    });

    await store.saveLocal({ id: 'b', blob: 'y' });
    const [other] = await store.pendingBatch(10);
    await store.wipeAccount();
    await store.ackPushed([{ ...other!, newRev: 3 }]);
    expect(await store.count()).toBe(0);
    expect(await store.pendingCount()).toBe(0);
  });
});
