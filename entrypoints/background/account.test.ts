/**
 * Account journeys through the background's real message listener: create, lock and unlock,
 * sign in on a new device (an account reset done elsewhere: kept-aside.test.ts)
 * (tests/support/background-harness.ts: WXT's fake browser, fake-indexeddb, the real crypto and
 * the real sync server on 127.0.0.1 with SQLite). A second device is the real protocol too.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { decodeSetupCode, parseAccountKey } from '@/lib/account-key';
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

describe('account lifecycle', () => {
  it('creates an account with an Emergency Kit, locks, and unlocks with the password only', async () => {
    boot();
    const { email, kit } = await createAccount();
    expect(kit.accountKey).toMatch(/^CF1-/);
    const setup = decodeSetupCode(kit.setupCode);
    expect(setup).toMatchObject({ email, serverUrl: env.server.url });
    expect(setup.accountKey).toEqual(parseAccountKey(kit.accountKey));

    let status = await ask('app.status', {});
    expect(status).toMatchObject({ state: 'unlocked', email, kitPending: true });
    expect(status.lockAt).toBeGreaterThan(now() + 14 * 60_000);
    status = await ask('account.kitSaved', {});
    expect(status.kitPending).toBeUndefined();

    status = await ask('session.lock', {});
    expect(status).toMatchObject({ state: 'locked', lastLock: { reason: 'manual' } });
    expect(await refusal(ask('vault.list', { query: '' }))).toBe('locked');
    expect(await refusal(ask('account.kit', {}))).toBe('locked');

    // Unlock is local: it works with the network down.
    env.offline = true;
    expect(await refusal(ask('session.unlock', { password: 'not it' }))).toBe('wrong-password');
    expect((await ask('app.status', {})).hint).toBe('the horse');
    status = await ask('session.unlock', { password: PASSWORD });
    expect(status).toMatchObject({ state: 'unlocked', email });
    expect(status.hint).toBeUndefined();
  });

  it('signs in on a new device with the account key and brings the vault along', async () => {
    boot();
    const { email, kit } = await createAccount();
    const saved = await ask('vault.save', { item: login() });
    await ask('sync.now', {});
    await ask('account.signOut', {});
    expect((await ask('app.status', {})).state).toBe('signed-out');

    globalThis.indexedDB = new IDBFactory(); // a new device
    boot();
    const wrongKey = kit.accountKey.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect(
      await refusal(
        ask('account.signIn', {
          email,
          password: PASSWORD,
          accountKey: wrongKey,
          serverUrl: env.server.url,
        }),
      ),
    ).toBe('bad-account-key');
    expect(
      await refusal(
        ask('account.signIn', {
          email,
          password: 'wrong password',
          accountKey: kit.accountKey,
          serverUrl: env.server.url,
        }),
      ),
    ).toBe('wrong-credentials');
    const status = await ask('account.signIn', {
      email: email.toUpperCase(),
      password: PASSWORD,
      accountKey: kit.accountKey.toLowerCase().replaceAll('-', ' '),
      serverUrl: env.server.url,
    });
    expect(status).toMatchObject({ state: 'unlocked', email });
    await ask('sync.now', {});
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({ password: 'hunter2-marker' });
  });
});
