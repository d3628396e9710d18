import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { DbError, toDbError } from './errors';
import { createVaultStore } from './index';
import { openVaultDb } from './open';
import { DB_VERSION } from './schema';
import { freshIndexedDb } from '@/tests/support/db';

describe('openVaultDb', () => {
  it('creates the schema on a browser that never had the database', async () => {
    freshIndexedDb();
    const db = await openVaultDb('fresh');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'account',
      'items',
      'keptItems',
      'keptSets',
      'meta',
      'outbox',
      'quarantine',
    ]);
    const tx = db.transaction(['items', 'outbox']);
    expect([...tx.objectStore('items').indexNames]).toEqual(['tombstones']);
    expect([...tx.objectStore('outbox').indexNames]).toEqual(['bySeq']);
    db.close();
  });

  it('reopens an existing database with its data intact', async () => {
    freshIndexedDb();
    const first = await openVaultDb('again');
    await createVaultStore(first).saveLocal({ id: 'a', blob: 'x' });
    first.close();
    const second = await openVaultDb('again');
    expect(await createVaultStore(second).count()).toBe(1);
    second.close();
  });

  it('closes itself for a newer version of the extension and says so', async () => {
    freshIndexedDb();
    const onClosed = vi.fn();
    const db = await openVaultDb('upgrade-me', { onClosed });
    const newer = await openDB('upgrade-me', DB_VERSION + 1);
    expect(onClosed).toHaveBeenCalledWith('versionchange');
    newer.close();
    await expect(createVaultStore(db).count()).rejects.toMatchObject({ code: 'blocked' });
  });

  it('fails as "blocked" when the database is newer than this build', async () => {
    freshIndexedDb();
    (await openDB('from-the-future', DB_VERSION + 1)).close();
    const error = await openVaultDb('from-the-future').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbError);
    expect(error).toMatchObject({ code: 'blocked', operation: 'openVaultDb' });
  });

  it('reports a closed connection as "blocked", not as a crash', async () => {
    freshIndexedDb();
    const db = await openVaultDb('closed');
    db.close();
    await expect(createVaultStore(db).listItems()).rejects.toMatchObject({
      name: 'DbError',
      code: 'blocked',
    });
  });
});

describe('toDbError', () => {
  it.each([
    ['QuotaExceededError', 'quota'],
    ['InvalidStateError', 'blocked'],
    ['VersionError', 'blocked'],
    ['AbortError', 'aborted'],
    ['DataError', 'unknown'],
  ])('maps %s to %s', (name, code) => {
    const error = toDbError(new DOMException('boom', name), 'op');
    expect(error.code).toBe(code);
    expect(error.cause).toBeInstanceOf(DOMException);
  });

  it('passes a DbError through unchanged', () => {
    const original = new DbError('quota', 'first');
    expect(toDbError(original, 'second')).toBe(original);
  });
});
