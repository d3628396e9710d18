/**
 * Every other device (issue 11), after an account reset elsewhere: the device signs out saying
 * why and when, keeps its items, unsent edits and what opens them aside, and after sign-in with
 * the new key the old password brings them into the new vault, even across a stopped worker.
 * Through the real background and the real server (tests/support/background-harness.ts); the
 * other device is the real protocol too. Deleting what was kept: kept-aside-deletion.test.ts;
 * signed out by another device, the session's year, unlock reports: kept-aside-signed-out.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { getStored } from '@/lib/storage/store';
import { SITE_PREFS_ID } from '@/lib/vault/item';
import { resetElsewhere } from '@/tests/support/elsewhere';
import { signInOtherDevice } from '@/tests/support/other-device';
import {
  FAST_KDF,
  PASSWORD,
  ask,
  boot,
  env,
  expectOnlyRealCiphertext,
  login,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';
import {
  DAY,
  deviceWithUnsentEdits,
  openKept,
  resetWhileAway,
  signInAfterReset,
  signedInDevice,
  titles,
} from '@/tests/support/kept-aside';

useBackgroundHarness();

describe('an account reset on another device', () => {
  it('signs this device out with the date, keeping its items and unsent edits aside', async () => {
    const device = await deviceWithUnsentEdits();
    const reset = await resetWhileAway(device);
    const status = await ask('app.status', {});
    expect(status).toMatchObject({
      state: 'signed-out',
      lastLock: { reason: 'account-reset' },
      keptAside: { items: 3, signInAs: { email: device.email, accountKeyKept: false } },
    });
    expect(status.lastLock!.happenedAt).toBeGreaterThanOrEqual(reset.startedAt - 1_000);
    expect(status.keptAside!.deleteAt).toBeGreaterThan(Date.now() + 29 * DAY);
    expect(await device.background.store.getAccount()).toBeUndefined();
    expect(await device.background.store.listItems()).toEqual([]);

    // The old password and what was kept open every item, the two unsent changes included.
    const opened = await openKept(device.background, PASSWORD);
    expect(opened.map(({ value, unsent }) => [value.title, value.password, unsent]).sort()).toEqual(
      [
        ['Bank', 'bank-2-changed-offline', true],
        ['GitHub', 'hunter2-marker', false],
        ['Made offline', 'offline-3', true],
      ],
    );
    // Kept as ciphertext only: no title or password in the clear, and no vault key.
    const [set] = await device.background.store.listKept();
    const stored = JSON.stringify([set, await device.background.store.keptItems(set!.key)]);
    expect(stored).not.toMatch(/GitHub|hunter2|bank-2|offline-3/);
    expect(set!.account).not.toHaveProperty('sessionToken');
    expect(await getStored('vaultKey')).toBeUndefined();
  });

  it('tells a locked device at unlock, when the new password does not fit its old key', async () => {
    const device = await deviceWithUnsentEdits();
    await ask('session.lock', {});
    const reset = await resetElsewhere({
      serverUrl: env.server.url,
      dataDir: env.server.dataDir,
      email: device.email,
      accountId: device.accountId,
      kdf: FAST_KDF,
    });
    env.offline = false;
    expect(await refusal(ask('session.unlock', { password: reset.password }))).toBe(
      'account-reset',
    );
    expect(await ask('app.status', {})).toMatchObject({
      state: 'signed-out',
      lastLock: { reason: 'account-reset' },
      keptAside: { items: 3 },
    });
    expect(await device.background.store.listItems()).toEqual([]);
  });

  it('after sign-in with the new key, brings every item in with the old password, and they sync', async () => {
    const device = await deviceWithUnsentEdits();
    const reset = await resetWhileAway(device);
    const status = await signInAfterReset(device.email, reset);
    expect(status.state).toBe('unlocked');
    expect(await titles()).toEqual([]);
    const [offer] = status.keptAside!.offers!;
    expect(offer).toMatchObject({ items: 3, unsent: 2 });

    // A wrong old password (here: the new one) changes nothing.
    expect(
      await refusal(ask('keptAside.bringIn', { key: offer!.key, password: reset.password })),
    ).toBe('wrong-password');
    expect((await ask('app.status', {})).keptAside!.offers).toEqual([offer]);
    expect(await titles()).toEqual([]);

    env.requests = [];
    expect(await ask('keptAside.bringIn', { key: offer!.key, password: PASSWORD })).toEqual({
      broughtIn: 3,
      notReadable: 0,
    });
    expect(await titles()).toEqual(['Bank', 'GitHub', 'Made offline']);
    expect((await ask('app.status', {})).keptAside).toBeUndefined();
    expect(await device.background.store.listKept()).toEqual([]);
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });

    // On the server, under the new vault key, as another device signed in anew reads them.
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email: device.email,
      password: reset.password,
      accountKey: reset.accountKey,
    });
    const there = [...(await other.items()).values()].map(({ item }) => item);
    expect(there.map((item) => item.title).sort()).toEqual(['Bank', 'GitHub', 'Made offline']);
    expect(there.find((item) => item.title === 'Bank')).toMatchObject({
      password: 'bank-2-changed-offline',
    });
    await expectOnlyRealCiphertext(other);
  });

  it('brings the "never for this site" lists in with the items, merged, and not as an item', async () => {
    const device = await signedInDevice();
    await ask('vault.save', { item: login({ title: 'GitHub' }) });
    await device.background.sitePrefs.neverSave('https://old-save.example/');
    await device.background.sitePrefs.neverMenu('https://old-menu.example/');
    await ask('sync.now', {});
    env.offline = true;
    const reset = await resetWhileAway(device);
    await signInAfterReset(device.email, reset);
    // The new vault has lists of its own before the old ones come in.
    await device.background.sitePrefs.neverSave('https://new-save.example/');

    const [offer] = (await ask('app.status', {})).keptAside!.offers!;
    expect(await ask('keptAside.bringIn', { key: offer!.key, password: PASSWORD })).toEqual({
      broughtIn: 1,
      notReadable: 0,
    });
    const names = (list: { site: string }[]) => list.map((entry) => entry.site);
    const lists = await ask('sitePrefs.list', {});
    expect(names(lists.neverSave)).toEqual(['new-save.example', 'old-save.example']);
    expect(names(lists.neverMenu)).toEqual(['old-menu.example']);
    expect(device.background.sitePrefs.isNeverMenu('https://old-menu.example/')).toBe(true);
    expect(await titles()).toEqual(['GitHub']);
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });

    // The server holds the item and one record of lists: no orphan under a random id.
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email: device.email,
      password: reset.password,
      accountKey: reset.accountKey,
    });
    const there = [...(await other.items()).values()].map(({ item }) => item);
    expect(there.map((item) => [item.type, item.id === SITE_PREFS_ID]).sort()).toEqual([
      ['login', false],
      ['site-prefs', true],
    ]);
  });

  it('loses nothing and doubles nothing when the worker is stopped midway', async () => {
    const device = await signedInDevice();
    const { email } = device;
    for (let n = 0; n < 60; n++) {
      await ask('vault.save', { item: login({ title: `Login ${String(n).padStart(2, '0')}` }) });
    }
    await ask('sync.now', {});
    env.offline = true;
    const reset = await resetWhileAway(device);
    await signInAfterReset(email, reset);
    const [offer] = (await ask('app.status', {})).keptAside!.offers!;
    expect(offer!.items).toBe(60);

    // The worker dies right after the first batch was written.
    let stopped = false;
    env.afterStore = async (method) => {
      if (method === 'bringIn' && !stopped) {
        stopped = true;
        throw new Error('the service worker was stopped');
      }
    };
    await refusal(ask('keptAside.bringIn', { key: offer!.key, password: PASSWORD }));
    env.afterStore = undefined;
    boot(); // a new worker: the vault comes back unlocked from storage.session
    const left = (await ask('app.status', {})).keptAside!.offers![0]!;
    expect(left.items).toBeGreaterThan(0);
    expect(left.items).toBeLessThan(60);
    expect((await ask('vault.list', { query: '' })).total).toBe(60 - left.items);

    expect(await ask('keptAside.bringIn', { key: offer!.key, password: PASSWORD })).toEqual({
      broughtIn: left.items,
      notReadable: 0,
    });
    const all = await titles();
    expect(all).toHaveLength(60);
    expect(new Set(all).size).toBe(60);
    await ask('sync.now', {});
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: reset.password,
      accountKey: reset.accountKey,
    });
    expect((await other.items()).size).toBe(60);
  });
});
