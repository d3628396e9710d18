/**
 * Every other device (issue 11): when the server ends this device's session for good (a reset
 * elsewhere, a sign-out from another device, the session's year), the device signs out saying
 * why, and keeps its items, unsent edits and what opens them aside; after a reset the old password
 * brings them into the new vault. Through the real background and the real server
 * (tests/support/background-harness.ts); the other device is the real protocol too.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseAccountKey } from '@/lib/account-key';
import {
  deriveAccountKeys,
  kdfParamsFromWire,
  openJson,
  unwrapVaultKey,
  type KdfParams,
} from '@/lib/crypto';
import { KEPT_ASIDE_MS } from '@/lib/db';
import { getStored } from '@/lib/storage/store';
import { createApiClient } from '@/lib/sync/client';
import {
  createAccountElsewhere,
  resetElsewhere,
  signOutElsewhere,
} from '@/tests/support/elsewhere';
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
import { signOutWarning } from '@/components/KeptAside';
import { speakEnglish } from '@/tests/support/english';
import { KEPT_ASIDE_ALARM } from './wiring';

useBackgroundHarness();

const DAY = 24 * 60 * 60 * 1000;

type Background = ReturnType<typeof boot>;

const titles = async () =>
  (await ask('vault.list', { query: '' })).items.map((row) => row.title).sort();

let accounts = 0;

/** A device signed in to an account made elsewhere (account creation is not under test here). */
async function signedInDevice() {
  const background = boot();
  const email = `kept-${++accounts}-${Date.now()}@example.com`;
  const { accountId, accountKey } = await createAccountElsewhere({
    serverUrl: env.server.url,
    dataDir: env.server.dataDir,
    email,
    password: PASSWORD,
  });
  await ask('account.signIn', { email, password: PASSWORD, accountKey, serverUrl: env.server.url });
  return { background, email, accountKey, accountId };
}

/**
 * A signed-in device with two synced items, then, with the cable pulled, an edit of one and a
 * new item that never reached the server: three items, two of them unsent.
 */
async function deviceWithUnsentEdits() {
  const device = await signedInDevice();
  await ask('vault.save', { item: login({ title: 'GitHub' }) });
  const bank = await ask('vault.save', { item: login({ title: 'Bank', password: 'bank-1' }) });
  expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
  env.offline = true;
  await ask('vault.save', { item: { ...bank, password: 'bank-2-changed-offline' } });
  await ask('vault.save', { item: login({ title: 'Made offline', password: 'offline-3' }) });
  expect((await ask('sync.now', {})).pending).toBe(2);
  return device;
}

/** The account is reset on another device while this one is offline; then it comes back. */
async function resetWhileAway(device: Awaited<ReturnType<typeof deviceWithUnsentEdits>>) {
  const reset = await resetElsewhere({
    serverUrl: env.server.url,
    dataDir: env.server.dataDir,
    email: device.email,
    accountId: device.accountId,
    kdf: FAST_KDF,
  });
  env.offline = false;
  await ask('sync.now', {});
  return reset;
}

/** Opens every kept item with nothing but what was kept and the old password. */
async function openKept(background: Background, password: string) {
  const [set] = await background.store.listKept();
  const kdf: KdfParams = kdfParamsFromWire(set!.account.kdf);
  const keys = await deriveAccountKeys({
    password,
    email: set!.account.email,
    accountKey: parseAccountKey(set!.account.accountKey),
    kdf,
  });
  const { accountId, epoch } = set!.account;
  const vk = await unwrapVaultKey({
    kek: keys.kek,
    wrappedVk: set!.account.wrappedVaultKey,
    accountId,
    epoch,
    kdf,
  });
  const kept = await background.store.keptItems(set!.key);
  return Promise.all(
    kept.map(async ({ id, item, pending }) => ({
      value: (await openJson({ vk, accountId, epoch, itemId: id, blob: item!.blob! })) as {
        title: string;
        password: string;
      },
      unsent: pending !== undefined,
    })),
  );
}

async function signInAfterReset(email: string, reset: { password: string; accountKey: string }) {
  return ask('account.signIn', {
    email,
    password: reset.password,
    accountKey: reset.accountKey,
    serverUrl: env.server.url,
  });
}

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

  it('deletes what it kept after 30 days, at start and when the alarm fires', async () => {
    const device = await deviceWithUnsentEdits();
    await resetWhileAway(device);
    const alarm = await fakeBrowser.alarms.get(KEPT_ASIDE_ALARM);
    const [set] = await device.background.store.listKept();
    expect(alarm?.scheduledTime).toBe(set!.keptAt + KEPT_ASIDE_MS);

    env.clockOffset = 29 * DAY; // the browser started again a month later, nearly
    boot();
    expect((await ask('app.status', {})).keptAside?.items).toBe(3);

    env.clockOffset = 30 * DAY + 1_000;
    expect((await ask('app.status', {})).keptAside).toBeUndefined(); // past its time: not shown
    await fakeBrowser.alarms.onAlarm.trigger({ name: KEPT_ASIDE_ALARM, scheduledTime: Date.now() });
    await vi.waitFor(async () => {
      expect(await device.background.store.listKept()).toEqual([]);
      expect(await fakeBrowser.alarms.get(KEPT_ASIDE_ALARM)).toBeUndefined();
    });
  });

  it('deletes what it kept on the user’s own sign-out, whose warning counted them', async () => {
    const device = await deviceWithUnsentEdits();
    const reset = await resetWhileAway(device);
    const status = await signInAfterReset(device.email, reset);
    expect(status.keptAside).toMatchObject({ items: 3, offers: [{ items: 3 }] });
    speakEnglish();
    expect(signOutWarning(status.keptAside)).toContain(
      'This also deletes 3 items kept from before the reset.',
    );
    const after = await ask('account.signOut', {});
    expect(after).toMatchObject({ state: 'signed-out', lastLock: { reason: 'signed-out' } });
    expect(after.keptAside).toBeUndefined();
    expect(await device.background.store.listKept()).toEqual([]);
  });
});

describe('signed out by another device', () => {
  it('at its next request, saying by which device and when; the password alone signs in again', async () => {
    const device = await deviceWithUnsentEdits();
    env.offline = false;
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email: device.email,
      password: PASSWORD,
      accountKey: device.accountKey,
    });
    const before = Date.now();
    expect(await signOutElsewhere({ serverUrl: env.server.url, token: other.token })).toBe(1);
    await ask('sync.now', {});
    const status = await ask('app.status', {});
    expect(status).toMatchObject({
      state: 'signed-out',
      lastLock: { reason: 'signed-out-elsewhere', by: 'other device' },
      keptAside: { items: 3, signInAs: { email: device.email, accountKeyKept: true } },
    });
    expect(status.lastLock!.happenedAt).toBeGreaterThanOrEqual(before - 1_000);

    // The account key is still on this device: the password is enough, and everything is back.
    const again = await ask('account.signIn', {
      email: device.email,
      password: PASSWORD,
      accountKey: '',
      serverUrl: env.server.url,
    });
    expect(again.state).toBe('unlocked');
    expect(again.keptAside).toBeUndefined();
    expect(await titles()).toEqual(['Bank', 'GitHub', 'Made offline']);
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    const there = [...(await other.items()).values()].map(({ item }) => item);
    expect(there.find((item) => item.title === 'Bank')?.password).toBe('bank-2-changed-offline');
    expect(there.map((item) => item.title).sort()).toEqual(['Bank', 'GitHub', 'Made offline']);
  });

  it('at once over the live channel, with nobody asking', async () => {
    const { background, email, accountKey } = await signedInDevice();
    await ask('vault.save', { item: login({ title: 'Kept' }) });
    await vi.waitFor(() => expect(background.live.state()).toBe('open'), { timeout: 5_000 });
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey,
    });
    await signOutElsewhere({ serverUrl: env.server.url, token: other.token });
    await vi.waitFor(
      async () =>
        expect(await ask('app.status', {})).toMatchObject({
          state: 'signed-out',
          lastLock: { reason: 'signed-out-elsewhere', by: 'other device' },
          keptAside: { items: 1 },
        }),
      { timeout: 5_000 },
    );
  });
});

describe('a session a year old', () => {
  it('signs out asking for the password again, keeping everything for it', async () => {
    const device = await deviceWithUnsentEdits();
    env.offline = false;
    await ask('sync.now', {});
    // Used all year (an idle month would end it sooner, as a plain expiry): a sync every 20 days.
    let moved = 0;
    try {
      while (moved < 366 * DAY) {
        env.server.clock.advance(20 * DAY);
        moved += 20 * DAY;
        await ask('vault.save', { item: login({ title: `Day ${moved / DAY}` }) });
        await ask('sync.now', {});
        if ((await ask('app.status', {})).state !== 'unlocked') break;
      }
      expect(moved).toBeGreaterThan(364 * DAY);
      const status = await ask('app.status', {});
      expect(status).toMatchObject({
        state: 'signed-out',
        lastLock: { reason: 'session-ended' },
        keptAside: { signInAs: { accountKeyKept: true } },
      });
      const kept = status.keptAside!.items;
      const again = await ask('account.signIn', {
        email: device.email,
        password: PASSWORD,
        accountKey: '',
        serverUrl: env.server.url,
      });
      expect(again.state).toBe('unlocked');
      expect((await ask('vault.list', { query: '' })).total).toBe(kept);
      expect(await titles()).toEqual(expect.arrayContaining(['Bank', 'GitHub', 'Made offline']));
      expect((await ask('sync.now', {})).pending).toBe(0);
    } finally {
      env.server.clock.advance(-moved);
    }
  });
});

describe('unlock reports', () => {
  it('go with the next sync after an unlock, once', async () => {
    const { background } = await signedInDevice();
    await ask('sync.now', {});
    await ask('session.lock', {});
    env.offline = true; // unlocking works offline; the report waits for the network
    await ask('session.unlock', { password: PASSWORD });
    const unlockedAt = await getStored('unlockReport');
    expect(unlockedAt).toBeDefined();
    await ask('sync.now', {});
    expect(await getStored('unlockReport')).toBe(unlockedAt);

    env.offline = false;
    env.requests = [];
    await ask('sync.now', {});
    await ask('sync.now', {});
    const reports = env.requests.filter((r) => r.path === '/v1/account/unlocks');
    expect(reports).toEqual([
      { method: 'POST', path: '/v1/account/unlocks', body: { unlockedAt } },
    ]);
    expect(await getStored('unlockReport')).toBeUndefined();
    // The server has it: Settings → Devices and the reset guidance show it.
    const { sessionToken } = (await background.store.getAccount())!;
    const account = await createApiClient(env.server.url).account(sessionToken!);
    expect(account.sessions.find((session) => session.current)?.lastUnlockedAt).toBe(unlockedAt);
  });
});
