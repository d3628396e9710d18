/**
 * Items and the auto-lock through the background's real message listener
 * (tests/support/background-harness.ts: WXT's fake browser, fake-indexeddb, the real crypto and
 * the real sync server on 127.0.0.1 with SQLite). A second device is the real protocol too.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { signInOtherDevice } from '@/tests/support/other-device';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  login,
  now,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

useBackgroundHarness();

describe('items', () => {
  it('saves, finds, deletes with undo, and syncs every step to another device', async () => {
    boot();
    const { email, kit } = await createAccount();
    const github = await ask('vault.save', { item: login() });
    await ask('vault.save', {
      item: login({
        title: 'Bank',
        username: 'ada.l',
        urls: [{ url: 'https://bank.example', match: 'host' }],
      }),
    });
    await ask('vault.save', { item: { type: 'note', title: 'Wifi', notes: 'guest network' } });

    const found = await ask('vault.list', { query: 'gith' });
    expect(found.items[0]).toMatchObject({
      id: github.id,
      title: 'GitHub',
      username: 'ada',
      host: 'github.com',
    });
    expect((await ask('vault.list', { query: 'githbu' })).items[0]?.id).toBe(github.id); // a typo
    const onSite = await ask('vault.list', { query: '', currentUrl: 'https://bank.example/login' });
    expect(onSite.items[0]).toMatchObject({ title: 'Bank', onSite: true });
    expect(onSite.total).toBe(3);

    await ask('sync.now', {});
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    expect((await other.items()).get(github.id)?.item).toMatchObject({
      password: 'hunter2-marker',
    });

    await ask('vault.delete', { id: github.id });
    expect((await ask('vault.list', { query: 'github' })).items).toHaveLength(0);
    await ask('vault.restore', { id: github.id });
    await ask('vault.delete', { id: github.id });
    await ask('sync.now', {});
    expect((await other.items()).has(github.id)).toBe(false);
    const restored = await ask('vault.restore', { id: github.id });
    expect(restored.title).toBe('GitHub');
    const status = await ask('sync.now', {});
    expect(status).toMatchObject({ state: 'idle', pending: 0 });
    expect((await other.items()).get(github.id)?.item.title).toBe('GitHub');
  });

  it('keeps every draft when several are saved at the same moment', async () => {
    boot();
    await createAccount();
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((key) =>
        ask('draft.put', { key, draft: { title: `draft ${key}` } }),
      ),
    );
    for (const key of ['a', 'b', 'c', 'd']) {
      expect((await ask('draft.get', { key })).draft).toEqual({ title: `draft ${key}` });
    }
    await ask('session.lock', {});
    await ask('session.unlock', { password: PASSWORD });
    expect((await ask('draft.get', { key: 'a' })).draft).toBeUndefined(); // plaintext dies on lock
  });

  it('refuses an invalid item and says so', async () => {
    boot();
    await createAccount();
    expect(await refusal(ask('vault.save', { item: { type: 'login', title: 5 } }))).toBe(
      'invalid-item',
    );
    expect(await refusal(ask('vault.get', { id: 'nope' }))).toBe('not-found');
  });
});

describe('auto-lock and a killed service worker', () => {
  it('comes back unlocked inside the timer, and locked after it', async () => {
    boot();
    await createAccount();
    const saved = await ask('vault.save', { item: login() });

    boot(); // the browser stopped the worker; memory is gone, storage.session is not
    expect((await ask('app.status', {})).state).toBe('unlocked');
    expect((await ask('vault.get', { id: saved.id })).title).toBe('GitHub');

    env.clockOffset += 16 * 60_000; // past the default 15 minutes
    boot();
    expect(await ask('app.status', {})).toMatchObject({
      state: 'locked',
      lastLock: { reason: 'timer' },
    });
  });

  it('locks when the alarm fires, and keeps the vault open while it is used', async () => {
    boot();
    await createAccount();
    await ask('settings.set', { autoLockMinutes: 1 });
    env.clockOffset += 45_000;
    await ask('vault.list', { query: '' }); // activity moves the deadline
    env.clockOffset += 45_000;
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'cassaforte-autolock', scheduledTime: now() });
    expect((await ask('app.status', {})).state).toBe('unlocked');
    env.clockOffset += 61_000;
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'cassaforte-autolock', scheduledTime: now() });
    await vi.waitFor(async () => expect((await ask('app.status', {})).state).toBe('locked'));
    expect((await ask('app.status', {})).lastLock?.reason).toBe('timer');
  });
});
