/**
 * Changing the account password (DESIGN §5), on this device and on another one, through the
 * background's real message listener against the real server (tests/support/background-harness.ts).
 */
import { describe, expect, it } from 'vitest';
import { createApiClient } from '@/lib/sync/client';
import { signInOtherDevice } from '@/tests/support/other-device';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  login,
  newDevice,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

useBackgroundHarness();

const NEW_PASSWORD = 'a fresh and longer passphrase';

async function accountWithItem() {
  const background = boot();
  const { email, kit } = await createAccount();
  await ask('account.kitSaved', {});
  const saved = await ask('vault.save', { item: login() });
  await ask('sync.now', {});
  const other = () =>
    signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
  return { background, email, kit, saved, other };
}

describe('changing the password on this device', () => {
  it('keeps the items, takes only the new password, and signs the other devices out', async () => {
    const { email, kit, saved, other } = await accountWithItem();
    const elsewhere = await other();

    const result = await ask('account.changePassword', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      hint: 'the longer one',
    });
    expect(result.revokedSessions).toBe(1);
    expect((await ask('app.status', {})).state).toBe('unlocked');
    await expect(elsewhere.items()).rejects.toMatchObject({ code: 'session-expired' });

    await ask('session.lock', {});
    expect(await refusal(ask('session.unlock', { password: PASSWORD }))).toBe('wrong-password');
    expect((await ask('app.status', {})).hint).toBe('the longer one');
    env.offline = true; // the new key material is on this device: no server needed
    expect((await ask('session.unlock', { password: NEW_PASSWORD })).state).toBe('unlocked');
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({ password: 'hunter2-marker' });
    env.offline = false;

    // A new device signs in with the new password and the same account key, and sees the item.
    await ask('account.signOut', {});
    newDevice();
    expect(
      await refusal(
        ask('account.signIn', {
          email,
          password: PASSWORD,
          accountKey: kit.accountKey,
          serverUrl: env.server.url,
        }),
      ),
    ).toBe('wrong-credentials');
    await ask('account.signIn', {
      email,
      password: NEW_PASSWORD,
      accountKey: kit.accountKey,
      serverUrl: env.server.url,
    });
    await ask('sync.now', {});
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({ password: 'hunter2-marker' });
  });

  it('refuses a wrong current password, a weak new one, or no network, and changes nothing', async () => {
    const { other } = await accountWithItem();
    const change = (currentPassword: string, newPassword: string) =>
      ask('account.changePassword', { currentPassword, newPassword, hint: '' });

    expect(await refusal(change('not the password', NEW_PASSWORD))).toBe('wrong-password');
    expect(await refusal(change(PASSWORD, 'short'))).toBe('weak-password');
    env.offline = true;
    expect(await refusal(change(PASSWORD, NEW_PASSWORD))).toBe('server-unreachable');
    env.offline = false;

    // Still the old password everywhere: this device unlocks with it, another signs in with it.
    await ask('session.lock', {});
    expect((await ask('session.unlock', { password: PASSWORD })).state).toBe('unlocked');
    await expect(other()).resolves.toBeDefined();
  });

  it('keeps the hint when the page sends none, and removes it when the page sends an empty one', async () => {
    await accountWithItem(); // hint 'the horse'
    await ask('account.changePassword', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    await ask('session.lock', {});
    expect(await refusal(ask('session.unlock', { password: 'wrong' }))).toBe('wrong-password');
    expect((await ask('app.status', {})).hint).toBe('the horse');
    await ask('session.unlock', { password: NEW_PASSWORD });
    await ask('account.changePassword', {
      currentPassword: NEW_PASSWORD,
      newPassword: PASSWORD,
      hint: '',
    });
    await ask('session.lock', {});
    expect(await refusal(ask('session.unlock', { password: 'wrong' }))).toBe('wrong-password');
    expect((await ask('app.status', {})).hint).toBeUndefined();
  });

  it('keeps the change when the server took it but its answer was lost', async () => {
    const { saved } = await accountWithItem();
    boot((url) =>
      createApiClient(url, {
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          if (String(input).endsWith('/v1/account/password')) {
            throw new TypeError('Failed to fetch'); // committed on the server, lost on the way
          }
          return response;
        },
      }),
    );
    const result = await ask('account.changePassword', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(result).toEqual({ revokedSessions: 0 });
    await ask('session.lock', {});
    env.offline = true; // this device has the new key material itself
    expect(await refusal(ask('session.unlock', { password: PASSWORD }))).toBe('wrong-password');
    expect((await ask('session.unlock', { password: NEW_PASSWORD })).state).toBe('unlocked');
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({ password: 'hunter2-marker' });
  });

  it('never wraps a wiped key when the vault locks in the middle of a change', async () => {
    const { email, kit, saved } = await accountWithItem();
    const change = ask('account.changePassword', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    }).then(
      () => NEW_PASSWORD,
      () => PASSWORD,
    );
    await ask('session.lock', {});
    const password = await change; // whichever the server now has
    newDevice();
    await ask('account.signIn', {
      email,
      password,
      accountKey: kit.accountKey,
      serverUrl: env.server.url,
    });
    await ask('sync.now', {});
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({ password: 'hunter2-marker' });
  });

  it('is refused while locked', async () => {
    await accountWithItem();
    await ask('session.lock', {});
    const change = ask('account.changePassword', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      hint: '',
    });
    expect(await refusal(change)).toBe('locked');
  });
});

describe('a password changed on another device', () => {
  it('locks this device at its next sync, refuses the old password and opens with the new', async () => {
    const { background, saved, other } = await accountWithItem();
    const before = (await background.store.getAccount())!;
    await (await other()).changePassword(NEW_PASSWORD);

    expect(await ask('sync.now', {})).toBeDefined();
    expect(await ask('app.status', {})).toMatchObject({
      state: 'locked',
      lastLock: { reason: 'password-changed' },
    });
    expect(await refusal(ask('vault.list', { query: '' }))).toBe('locked');
    expect(await refusal(ask('session.unlock', { password: PASSWORD }))).toBe('password-changed');
    expect((await ask('app.status', {})).state).toBe('locked');

    expect((await ask('session.unlock', { password: NEW_PASSWORD })).state).toBe('unlocked');
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({ password: 'hunter2-marker' });
    const after = (await background.store.getAccount())!;
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    expect(after.wrappedVaultKey).not.toBe(before.wrappedVaultKey);
    // Syncing works again with the new session.
    await ask('vault.save', { item: login({ title: 'After the change' }) });
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('lets a device that was locked at the time open with the new password directly', async () => {
    const { saved, other } = await accountWithItem();
    await ask('session.lock', {});
    await (await other()).changePassword(NEW_PASSWORD);

    expect((await ask('session.unlock', { password: NEW_PASSWORD })).state).toBe('unlocked');
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({ password: 'hunter2-marker' });
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle' });
  });

  it('says so when this device then tries to change the password itself', async () => {
    const { other } = await accountWithItem();
    await (await other()).changePassword(NEW_PASSWORD);
    const change = ask('account.changePassword', {
      currentPassword: PASSWORD,
      newPassword: 'yet another passphrase',
      hint: '',
    });
    expect(await refusal(change)).toBe('password-changed');
    expect(await ask('app.status', {})).toMatchObject({
      state: 'locked',
      lastLock: { reason: 'password-changed' },
    });
    expect((await ask('session.unlock', { password: NEW_PASSWORD })).state).toBe('unlocked');
  });
});
