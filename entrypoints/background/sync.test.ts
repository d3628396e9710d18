/**
 * Sync through the background's real message listener: offline edits, merges, large pages and
 * malformed answers
 * (tests/support/background-harness.ts: WXT's fake browser, fake-indexeddb, the real crypto and
 * the real sync server on 127.0.0.1 with SQLite). A second device is the real protocol too.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createApiClient } from '@/lib/sync/client';
import { jsonAnswer } from '@/tests/support/json-answer';
import { signInOtherDevice } from '@/tests/support/other-device';
import {
  FAST_KDF,
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  login,
  now,
  useBackgroundHarness,
} from '@/tests/support/background-harness';
import { startBackground } from './wiring';

useBackgroundHarness();

describe('sync', () => {
  it('keeps an edit made offline and pushes it when the network returns', async () => {
    boot();
    const { email, kit } = await createAccount();
    env.offline = true;
    const saved = await ask('vault.save', { item: login({ title: 'Offline edit' }) });
    const status = await ask('sync.now', {});
    expect(status).toMatchObject({ state: 'offline', pending: 1, error: 'server-unreachable' });
    boot(); // even a restart in between loses nothing: the outbox is in IndexedDB
    env.offline = false;
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    expect((await other.items()).get(saved.id)?.item.title).toBe('Offline edit');
  });

  it('knows when the vault last synced right after an unlock, even if a run failed since', async () => {
    boot();
    await createAccount();
    const synced = await ask('sync.now', {});
    expect(synced.lastSyncAt).toEqual(expect.any(Number));
    env.offline = true;
    expect(await ask('sync.now', {})).toMatchObject({
      state: 'offline',
      lastSyncAt: synced.lastSyncAt,
    });
    await ask('session.lock', {});
    const unlocked = await ask('session.unlock', { password: PASSWORD });
    expect(unlocked.sync?.lastSyncAt).toBe(synced.lastSyncAt);
    boot(); // a restarted background reads it from IndexedDB too
    await ask('session.unlock', { password: PASSWORD });
    expect((await ask('app.status', {})).sync?.lastSyncAt).toBe(synced.lastSyncAt);
  });

  it('merges edits of different fields, and keeps both versions of the same field', async () => {
    boot();
    const { email, kit } = await createAccount();
    const saved = await ask('vault.save', { item: login() });
    await ask('sync.now', {});
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });

    // Different fields: the other device renames, this one changes the password.
    let remote = (await other.items()).get(saved.id)!;
    await other.push({ ...remote.item, username: 'ada@work' }, remote.rev);
    await ask('vault.save', { item: { ...saved, password: 'new-password' } });
    await ask('sync.now', {});
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({
      username: 'ada@work',
      password: 'new-password',
    });
    remote = (await other.items()).get(saved.id)!;
    expect(remote.item).toMatchObject({ username: 'ada@work', password: 'new-password' });

    // The same field: nothing is lost, both stay visible.
    await other.push({ ...remote.item, title: 'GitHub (work)' }, remote.rev);
    await ask('vault.save', {
      item: { ...(await ask('vault.get', { id: saved.id })), title: 'GitHub (home)' },
    });
    await ask('sync.now', {});
    const titles = (await ask('vault.list', { query: 'github' })).items.map((i) => [
      i.title,
      i.conflictOf,
    ]);
    expect(titles).toEqual(
      expect.arrayContaining([
        ['GitHub (work)', undefined],
        ['GitHub (home)', saved.id],
      ]),
    );
    const everywhere = [...(await other.items()).values()].map((e) => e.item.title);
    expect(everywhere.sort()).toEqual(['GitHub (home)', 'GitHub (work)']);
  });

  it('takes a large page from another device into the vault and its search index', async () => {
    boot();
    const { email, kit } = await createAccount();
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    const at = now();
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      const id = `bulk${i}`;
      ids.push(id);
      const item = {
        id,
        type: 'note' as const,
        title: `Bulk note ${i}`,
        notes: `n${i}`,
        createdAt: at,
        updatedAt: at,
        favorite: false,
        tags: [],
        revision: 1,
      };
      expect((await other.push(item, 0)).applied).toHaveLength(1);
    }
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    expect((await ask('vault.list', { query: '' })).total).toBe(120);
    expect((await ask('vault.list', { query: 'bulk note 117' })).items[0]?.id).toBe('bulk117');
    expect((await ask('vault.get', { id: 'bulk42' })).notes).toBe('n42');
  });

  it('shows a malformed server answer as an error and applies nothing', async () => {
    let tamper = false;
    fakeBrowser.runtime.onMessage.removeAllListeners();
    startBackground({
      now,
      kdf: FAST_KDF,
      api: (url) =>
        createApiClient(url, {
          fetch: async (input, init) =>
            tamper && String(input).includes('/v1/sync')
              ? jsonAnswer(200, { rev: 'many', items: [{ id: 1 }] })
              : fetch(input, init),
        }),
    });
    await createAccount();
    await ask('vault.save', { item: login() });
    tamper = true;
    const status = await ask('sync.now', {});
    expect(status).toMatchObject({ state: 'error', error: 'server-malformed', pending: 1 });
    expect((await ask('vault.list', { query: '' })).items.map((i) => i.title)).toEqual(['GitHub']);
  });
});
