import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVaultStore, type VaultStore } from './index';
import { KEPT_ASIDE_MS, keptSetKey } from './kept-aside';
import type { VaultDb } from './schema';
import { SITE_PREFS_ID } from '../vault/item';
import { openTestDb, sampleAccount } from '@/tests/support/db';

let db: VaultDb;
let store: VaultStore;

beforeEach(async () => {
  db = await openTestDb();
  store = createVaultStore(db);
});
afterEach(() => db.close());

/** A synced item, an unsent edit of another, a never-synced one, and a pending delete. */
async function fillVault() {
  await store.saveAccount(sampleAccount());
  await store.saveLocal({ id: 'synced', blob: 'blob-synced', revision: 1 });
  await store.saveLocal({ id: 'edited', blob: 'blob-edited-1', revision: 1 });
  await store.saveLocal({ id: 'gone', blob: 'blob-gone', revision: 1 });
  const batch = await store.pendingBatch(10);
  await store.ackPushed(batch.map((e, i) => ({ ...e, newRev: i + 1 })));
  await store.saveLocal({ id: 'edited', blob: 'blob-edited-2', revision: 2 });
  await store.saveLocal({ id: 'new', blob: 'blob-new', revision: 1 });
  await store.deleteLocal('gone', 2);
}

const why = { reason: 'account-reset', keptAt: 1_000, happenedAt: 900 };

describe('keeping data aside', () => {
  it('counts the items only, not the hidden site-preferences record', async () => {
    await fillVault();
    await store.saveLocal({ id: SITE_PREFS_ID, blob: 'blob-prefs', revision: 1 });
    const set = await store.keepAside(why);
    expect(set).toMatchObject({ items: 3, unsent: 2 });
    // Still kept, to come in with the items.
    expect((await store.keptItems(set!.key)).map((k) => k.id)).toContain(SITE_PREFS_ID);
  });

  it('moves items, unsent edits and key material aside, leaving the device signed out', async () => {
    await fillVault();
    const set = await store.keepAside(why);
    expect(set).toMatchObject({
      key: keptSetKey('acc-1', 1),
      reason: 'account-reset',
      happenedAt: 900,
      keptAt: 1_000,
      items: 3,
      unsent: 2,
    });
    const { sessionToken: _token, ...withoutToken } = sampleAccount();
    expect(set!.account).toEqual(withoutToken);
    expect(await store.getAccount()).toBeUndefined();
    expect(await store.listItems()).toEqual([]);
    expect(await store.pendingCount()).toBe(0);
    const kept = await store.keptItems(set!.key);
    expect(kept.map((k) => [k.id, k.item?.blob, k.pending?.blob]).sort()).toEqual([
      ['edited', 'blob-edited-2', 'blob-edited-2'],
      ['new', 'blob-new', 'blob-new'],
      ['synced', 'blob-synced', undefined],
    ]);
    expect(await store.listKept()).toEqual([set]);
  });

  it('keeps nothing when no account is signed in', async () => {
    expect(await store.keepAside(why)).toBeUndefined();
    expect(await store.listKept()).toEqual([]);
  });

  it('survives a sign-out that is not the user’s, and goes with the user’s own', async () => {
    await fillVault();
    await store.keepAside(why);
    await store.wipeAccount();
    expect(await store.listKept()).toHaveLength(1);
    await store.wipeAccount({ keptAside: true });
    expect(await store.listKept()).toEqual([]);
  });

  it('comes back as it was when the same account and epoch signs in again', async () => {
    await fillVault();
    await store.keepAside({ reason: 'signed-out-elsewhere', keptAt: 1_000 });
    expect(await store.saveAccount(sampleAccount({ sessionToken: 'new' }))).toEqual({
      wiped: false,
      restored: 3,
    });
    expect((await store.listItems()).map((i) => i.id).sort()).toEqual(['edited', 'new', 'synced']);
    const pending = await store.pendingBatch(10);
    expect(pending.map((e) => [e.itemId, e.baseRev]).sort()).toEqual([
      ['edited', 2],
      ['gone', 3],
      ['new', 0],
    ]);
    expect(new Set(pending.map((e) => e.seq)).size).toBe(3);
    expect(await store.listKept()).toEqual([]);
  });

  it('stays aside when a new epoch signs in, and is brought in once, whatever stops it', async () => {
    await fillVault();
    const set = (await store.keepAside(why))!;
    await store.saveAccount(sampleAccount({ epoch: 2 }));
    expect(await store.listItems()).toEqual([]);
    const kept = await store.keptItems(set.key);
    const [first, ...rest] = kept.map((k, i) => ({
      keptId: k.id,
      id: `new-${i}`,
      blob: `sealed-${i}`,
      revision: 1,
    }));
    expect(await store.bringIn(set.key, [first!])).toEqual({ remaining: 2 });
    expect((await store.listKept())[0]).toMatchObject({ items: 2 });
    // A second run after a killed worker repeats the first one: it is not brought in twice.
    expect(await store.bringIn(set.key, [first!, ...rest])).toEqual({ remaining: 0 });
    expect((await store.listItems()).map((i) => i.id).sort()).toEqual(['new-0', 'new-1', 'new-2']);
    expect(await store.pendingCount()).toBe(3);
    expect(await store.listKept()).toEqual([]);
  });

  it('deletes sets older than the cutoff only', async () => {
    await fillVault();
    await store.keepAside(why);
    await store.saveAccount(sampleAccount({ epoch: 2 }));
    await store.saveLocal({ id: 'x', blob: 'blob-x', revision: 1 });
    await store.keepAside({ reason: 'session-ended', keptAt: 1_000 + KEPT_ASIDE_MS });
    expect(await store.dropKeptBefore(1_001)).toEqual([keptSetKey('acc-1', 1)]);
    expect((await store.listKept()).map((s) => s.key)).toEqual([keptSetKey('acc-1', 2)]);
  });
});
