/**
 * Test helpers for lib/db (imported by *.test.ts only): a fresh in-memory IndexedDB per test and
 * a way to make one object store's writes fail, to prove that a failed write commits nothing.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openVaultDb } from '@/lib/db/open';
import type { AccountRecord, VaultDb, VaultStoreName } from '@/lib/db/schema';

/** Replaces the global factory, so every test starts from a browser that never saw the DB. */
export function freshIndexedDb(): void {
  globalThis.indexedDB = new IDBFactory();
}

export async function openTestDb(): Promise<VaultDb> {
  freshIndexedDb();
  return openVaultDb('cassaforte-test');
}

export function sampleAccount(overrides: Partial<AccountRecord> = {}): AccountRecord {
  return {
    accountId: 'acc-1',
    email: 'ada@example.com',
    serverUrl: 'http://127.0.0.1:8787',
    kdf: { alg: 'argon2id13', ops: 3, memBytes: 67_108_864, salt: 'c2FsdHNhbHRzYWx0c2FsdA' },
    wrappedVaultKey: 'wrapped-vk-ciphertext',
    epoch: 1,
    accountKey: 'CF1-ABCDE-FGHJK-MNPQR-STVWX-YZ012-3',
    deviceName: 'Chrome on Linux',
    sessionToken: 'session-token',
    ...overrides,
  };
}

type AnyStore = {
  put(value: unknown, key?: unknown): Promise<unknown>;
  add(value: unknown): Promise<unknown>;
};
export type FailingPut = (store: AnyStore, value: unknown) => Promise<unknown>;

/** A put that the browser rejects as a full disk would. */
export const quotaExceeded: FailingPut = () =>
  Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));

/** A real IndexedDB request failure: `add` of an existing key fails with ConstraintError and the
 * browser itself aborts the transaction. */
export const constraintError: FailingPut = (store, value) => store.add(value);

/**
 * The same database, except that `put` on `storeName` goes through `failure`. The proxies bind
 * every method to the real idb object, which checks its own identity.
 */
export function withFailingPut(
  db: VaultDb,
  storeName: VaultStoreName,
  failure: FailingPut,
): VaultDb {
  return override(db, {
    transaction: (...args: Parameters<VaultDb['transaction']>) => {
      const tx = db.transaction(...args);
      return override(tx, {
        objectStore: (name: VaultStoreName) => {
          const store = tx.objectStore(name as never) as unknown as AnyStore & object;
          if (name !== storeName) return store;
          return override(store, { put: (value: unknown) => failure(store, value) });
        },
      });
    },
  });
}

function override<T extends object>(target: T, replacements: Record<string, unknown>): T {
  return new Proxy(target, {
    get(object, property) {
      if (typeof property === 'string' && Object.hasOwn(replacements, property)) {
        return replacements[property];
      }
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(object)
        : value;
    },
  });
}
