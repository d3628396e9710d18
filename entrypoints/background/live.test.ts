/**
 * Live sync (issue 9): while unlocked the background holds the server's /v1/events WebSocket and
 * syncs on each revision notice, so a change made on another device shows here within seconds
 * with nobody asking. Through the real background and the real server (the socket is Node's `ws`
 * with the extension's Origin); the alarm never fires under the fake browser, and no popup is
 * open, so only the channel can carry the change.
 */
import { describe, expect, it, vi } from 'vitest';
import { signInOtherDevice } from '@/tests/support/other-device';
import { startHostileServer } from '@/tests/support/hostile-server';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  login,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

useBackgroundHarness();

const titles = async () => (await ask('vault.list', { query: '' })).items.map((i) => i.title);

async function unlockedWithOtherDevice(serverUrl = env.server.url) {
  const background = boot();
  const { kit } = await createAccount('', {
    email: `live-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`,
    serverUrl,
  });
  const { email } = kit;
  const other = await signInOtherDevice({
    serverUrl: env.server.url,
    email,
    password: PASSWORD,
    accountKey: kit.accountKey,
  });
  await vi.waitFor(() => expect(background.live.state()).toBe('open'), { timeout: 5_000 });
  return { background, other };
}

const item = (title: string) =>
  ({
    ...login({ title }),
    id: `id-${title.replace(/\W/g, '')}`,
    createdAt: 1,
    updatedAt: 1,
    revision: 1,
  }) as never;

describe('live sync', () => {
  it('shows an item pushed by another device within 2 s, with nobody asking', async () => {
    const { other } = await unlockedWithOtherDevice();
    const requestsBefore = env.requests.length;
    await other.push(item('Pushed elsewhere'), 0);
    await vi.waitFor(async () => expect(await titles()).toContain('Pushed elsewhere'), {
      timeout: 2_000,
      interval: 50,
    });
    // It came by a pull the notice started, not by anything this test sent.
    const pulls = env.requests.slice(requestsBefore).filter((r) => r.path === '/v1/sync');
    expect(pulls.length).toBeGreaterThan(0);
  });

  it('closes the channel on lock and opens it again on unlock', async () => {
    const { background, other } = await unlockedWithOtherDevice();
    await ask('session.lock', {});
    expect(background.live.state()).toBe('off');
    await other.push(item('While locked'), 0);
    await ask('session.unlock', { password: PASSWORD });
    await vi.waitFor(() => expect(background.live.state()).toBe('open'), { timeout: 5_000 });
    // The unlock's own sync brings it (its push came before the channel opened, so no notice
    // will): that run may still be pulling when the channel is up.
    await vi.waitFor(async () => expect(await titles()).toContain('While locked'), {
      timeout: 2_000,
    });
    await other.push(item('After unlock'), 0);
    await vi.waitFor(async () => expect(await titles()).toContain('After unlock'), {
      timeout: 2_000,
    });
  });

  it('reconnects by itself when the connection is cut, and misses nothing meanwhile', async () => {
    const proxy = await startHostileServer({ target: env.server.url });
    try {
      const { background, other } = await unlockedWithOtherDevice(proxy.url);
      proxy.misbehave({ kind: 'cut-websockets', times: 1 });
      await vi.waitFor(() => expect(background.live.state()).not.toBe('open'));
      await other.push(item('During the cut'), 0);
      await vi.waitFor(() => expect(background.live.state()).toBe('open'), { timeout: 10_000 });
      await vi.waitFor(async () => expect(await titles()).toContain('During the cut'), {
        timeout: 2_000,
      });
    } finally {
      await proxy.close();
    }
  });

  it('locks with the reason when the password is changed on another device', async () => {
    const { other } = await unlockedWithOtherDevice();
    await ask('vault.save', { item: login({ title: 'Kept' }) });
    await other.changePassword('a different long passphrase');
    await vi.waitFor(
      async () =>
        expect(await ask('app.status', {})).toMatchObject({
          state: 'locked',
          lastLock: { reason: 'password-changed' },
        }),
      { timeout: 5_000 },
    );
  });
});
