import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVaultStore, type VaultStore } from './index';
import { ACCOUNT_KEY, type VaultDb } from './schema';
import { openTestDb, sampleAccount } from '@/tests/support/db';

let db: VaultDb;
let store: VaultStore;

beforeEach(async () => {
  db = await openTestDb();
  store = createVaultStore(db);
});
afterEach(() => db.close());

describe('account record', () => {
  it('is absent when signed out and round-trips after sign-in', async () => {
    expect(await store.getAccount()).toBeUndefined();
    expect(await store.saveAccount(sampleAccount())).toEqual({ wiped: false });
    expect(await store.getAccount()).toEqual(sampleAccount());
    expect((await store.getSyncState()).epoch).toBe(1);
  });

  it('reads a damaged record as signed out instead of crashing', async () => {
    await db.put('account', { email: 42 } as never, ACCOUNT_KEY);
    expect(await store.getAccount()).toBeUndefined();
  });

  it('updates fields and removes the session token on request', async () => {
    await store.saveAccount(sampleAccount());
    const updated = await store.updateAccount({
      wrappedVaultKey: 'rewrapped',
      sessionToken: undefined,
    });
    expect(updated.wrappedVaultKey).toBe('rewrapped');
    expect(updated).not.toHaveProperty('sessionToken');
    expect(await store.getAccount()).toEqual(updated);
  });

  it('refuses to update when signed out, or with an invalid value', async () => {
    await expect(store.updateAccount({ deviceName: 'x' })).rejects.toThrow(/no account/);
    await store.saveAccount(sampleAccount());
    await expect(store.updateAccount({ email: '' })).rejects.toThrow(/invalid/);
    expect(await store.getAccount()).toEqual(sampleAccount());
  });

  it('drops data of an older epoch in the same transaction as the new sign-in', async () => {
    await store.saveAccount(sampleAccount({ epoch: 1 }));
    await store.applyRemote([{ id: 'a', rev: 3, deleted: false, blob: 'old-epoch' }], 3);
    await store.saveLocal({ id: 'b', blob: 'pending-old-epoch' });

    expect(await store.saveAccount(sampleAccount({ epoch: 2 }))).toEqual({ wiped: true });
    expect(await store.count()).toBe(0);
    expect(await store.pendingCount()).toBe(0);
    expect(await store.getSyncState()).toEqual({ key: 'sync', cursor: 0, epoch: 2 });
  });

  it('drops data of another account signing in on this device', async () => {
    await store.saveAccount(sampleAccount());
    await store.saveLocal({ id: 'b', blob: 'x' });
    const other = sampleAccount({ accountId: 'acc-2', email: 'bob@example.com' });
    expect(await store.saveAccount(other)).toEqual({ wiped: true });
    expect(await store.count()).toBe(0);
  });

  it('keeps the data when the same account signs in again (new session token)', async () => {
    await store.saveAccount(sampleAccount());
    await store.applyRemote([{ id: 'a', rev: 3, deleted: false, blob: 'x' }], 3);
    await store.saveAccount(sampleAccount({ sessionToken: 'fresh' }));
    expect(await store.count()).toBe(1);
    expect((await store.getSyncState()).cursor).toBe(3);
  });
});

describe('wipeAccount', () => {
  it('clears every store in one go, and outbox seq keeps climbing afterwards', async () => {
    await store.saveAccount(sampleAccount());
    await store.applyRemote([{ id: 'a', rev: 3, deleted: false, blob: 'x' }], 3);
    await store.saveLocal({ id: 'b', blob: 'y' });
    const [before] = await store.pendingBatch(1);

    await store.wipeAccount();
    expect(await store.getAccount()).toBeUndefined();
    expect(await store.count()).toBe(0);
    expect(await store.pendingCount()).toBe(0);
    expect(await store.getSyncState()).toEqual({ key: 'sync', cursor: 0, epoch: null });

    await store.saveLocal({ id: 'c', blob: 'z' });
    const [after] = await store.pendingBatch(1);
    expect(after!.seq).toBeGreaterThan(before!.seq);
  });
});
