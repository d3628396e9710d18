/**
 * Every other device (issue 11), when the server ends this device's session for good without a
 * reset: a sign-out from another device (at the next request, or at once over the live channel)
 * and the session's year. The device signs out saying why, keeps everything aside, and the
 * password alone signs it in again. Also: unlock reports go with the next sync, once. Through the
 * real background and the real server (tests/support/background-harness.ts); the other device is
 * the real protocol too. After a reset: kept-aside-reset.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { getStored } from '@/lib/storage/store';
import { createApiClient } from '@/lib/sync/client';
import { signOutElsewhere } from '@/tests/support/elsewhere';
import { signInOtherDevice } from '@/tests/support/other-device';
import {
  PASSWORD,
  ask,
  env,
  login,
  useBackgroundHarness,
} from '@/tests/support/background-harness';
import { DAY, deviceWithUnsentEdits, signedInDevice, titles } from '@/tests/support/kept-aside';

useBackgroundHarness();

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
      { method: 'POST', path: '/v1/account/unlocks', search: '', body: { unlockedAt } },
    ]);
    expect(await getStored('unlockReport')).toBeUndefined();
    // The server has it: Settings → Devices and the reset guidance show it.
    const { sessionToken } = (await background.store.getAccount())!;
    const account = await createApiClient(env.server.url).account(sessionToken!);
    expect(account.sessions.find((session) => session.current)?.lastUnlockedAt).toBe(unlockedAt);
  });
});
