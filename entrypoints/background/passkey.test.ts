/**
 * Unlocking with a passkey through the background's real message listener (issue 15): the
 * authenticator is the popup's business, so here its PRF output is 32 bytes the test holds, and
 * everything the background decides is real: the password asked again to set up, the wrap, the
 * unlock, and the times the password is asked instead. WXT's fake browser, fake-indexeddb, the
 * real crypto and the real server (tests/support/background-harness.ts).
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { randomBytes, toBase64Url } from '@/lib/crypto';
import { getStored } from '@/lib/storage/store';
import { signInOtherDevice } from '@/tests/support/other-device';
import { contentSender, sendAs } from '@/tests/support/senders';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';
import { PASSWORD_EVERY_MS } from './services/passkey';

useBackgroundHarness();

/** What the authenticator gives for this device's credential and the stored salt. */
const authenticator = {
  credentialId: toBase64Url(randomBytes(32)),
  prf: toBase64Url(randomBytes(32)),
};

async function setUp() {
  await ask('passkey.begin', { password: PASSWORD });
  return ask('passkey.enrol', authenticator);
}

const state = async () => (await ask('app.status', {})).state;

describe('passkey unlock', () => {
  it('is set up only while unlocked and with the password again, then opens a locked vault', async () => {
    boot();
    await createAccount();
    expect(await ask('passkey.status', {})).toMatchObject({ enrolled: false, usable: false });
    expect(await refusal(ask('passkey.begin', { password: 'not the password' }))).toBe(
      'wrong-password',
    );
    // Straight to the second step, with no password typed for it.
    expect(await refusal(ask('passkey.enrol', authenticator))).toBe('passkey-expired');

    const enrolment = await ask('passkey.begin', { password: PASSWORD });
    expect(enrolment.salt).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await ask('passkey.enrol', authenticator)).toMatchObject({
      enrolled: true,
      usable: true,
      credentialId: authenticator.credentialId,
      salt: enrolment.salt,
      askAfterRestart: true,
    });
    const saved = await ask('vault.save', {
      item: { type: 'note', title: 'Behind the passkey', notes: '', favorite: false, tags: [] },
    });

    await ask('session.lock', {});
    expect(await refusal(ask('passkey.begin', { password: PASSWORD }))).toBe('locked');
    const wrong = { ...authenticator, prf: toBase64Url(randomBytes(32)) };
    expect(await refusal(ask('passkey.unlock', wrong))).toBe('passkey-failed');
    const other = { ...authenticator, credentialId: toBase64Url(randomBytes(32)) };
    expect(await refusal(ask('passkey.unlock', other))).toBe('passkey-failed');
    expect(await state()).toBe('locked');

    expect(await ask('passkey.unlock', authenticator)).toMatchObject({ state: 'unlocked' });
    expect((await ask('vault.get', { id: saved.id })).title).toBe('Behind the passkey');
    await ask('session.lock', {});
    // The password always works too.
    expect(await ask('session.unlock', { password: PASSWORD })).toMatchObject({
      state: 'unlocked',
    });
  });

  it('asks for the password after a browser restart, unless told not to, and after 14 days', async () => {
    boot();
    await createAccount();
    await setUp();
    await ask('session.lock', {});
    boot(); // a restarted service worker is no restarted browser: still usable
    expect(await ask('passkey.status', {})).toMatchObject({ usable: true });

    await fakeBrowser.runtime.onStartup.trigger();
    expect(await ask('passkey.status', {})).toMatchObject({ usable: false, pause: 'restart' });
    expect(await refusal(ask('passkey.unlock', authenticator))).toBe('passkey-paused');
    await ask('session.unlock', { password: PASSWORD });
    await ask('session.lock', {});
    expect(await ask('passkey.unlock', authenticator)).toMatchObject({ state: 'unlocked' });

    expect(await ask('passkey.setAskAfterRestart', { on: false })).toMatchObject({
      askAfterRestart: false,
    });
    await fakeBrowser.runtime.onStartup.trigger();
    expect(await state()).toBe('locked'); // the restart locked it
    expect(await ask('passkey.unlock', authenticator)).toMatchObject({ state: 'unlocked' });

    env.clockOffset += PASSWORD_EVERY_MS + 60_000;
    await ask('session.lock', {});
    expect(await ask('passkey.status', {})).toMatchObject({ usable: false, pause: 'stale' });
    expect(await refusal(ask('passkey.unlock', authenticator))).toBe('passkey-paused');
    await ask('session.unlock', { password: PASSWORD });
    await ask('session.lock', {});
    expect(await ask('passkey.unlock', authenticator)).toMatchObject({ state: 'unlocked' });
  });

  it('drops the wrap on a password change, on removal and on sign-out', async () => {
    boot();
    await createAccount();
    await setUp();
    const newPassword = 'a brand new passphrase for this test';
    await ask('account.changePassword', { currentPassword: PASSWORD, newPassword });
    expect(await ask('passkey.status', {})).toMatchObject({ enrolled: false });
    expect(await getStored('passkeyUnlock')).toBeUndefined();
    await ask('session.lock', {});
    expect(await refusal(ask('passkey.unlock', authenticator))).toBe('passkey-not-set-up');

    await ask('session.unlock', { password: newPassword });
    await ask('passkey.begin', { password: newPassword });
    await ask('passkey.enrol', authenticator);
    expect(await ask('passkey.remove', {})).toMatchObject({ enrolled: false });
    expect(await getStored('passkeyUnlock')).toBeUndefined();

    await ask('passkey.begin', { password: newPassword });
    await ask('passkey.enrol', authenticator);
    await ask('account.signOut', {});
    expect(await getStored('passkeyUnlock')).toBeUndefined();
  });

  it('waits for the password once another device changed it, then drops the wrap', async () => {
    boot();
    const { email, kit } = await createAccount();
    await setUp();
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    const newPassword = 'changed on the other device, longer';
    await other.changePassword(newPassword);
    await ask('sync.now', {}); // the server ended this device's session: locked, password asked
    expect(await state()).toBe('locked');
    expect(await ask('passkey.status', {})).toMatchObject({ usable: false, pause: 'session' });
    expect(await refusal(ask('passkey.unlock', authenticator))).toBe('passkey-paused');
    // The new password brings the new key material: the wrap made beside the old one goes.
    await ask('session.unlock', { password: newPassword });
    expect(await ask('passkey.status', {})).toMatchObject({ enrolled: false });
    expect(await getStored('passkeyUnlock')).toBeUndefined();
  });

  it('keeps no vault key and no PRF output in storage, and answers only extension pages', async () => {
    boot();
    await createAccount();
    await setUp();
    await ask('session.lock', {});
    const stored = JSON.stringify(await fakeBrowser.storage.local.get());
    expect(stored).toContain('passkeyUnlock');
    expect(stored).not.toContain(authenticator.prf);
    const answer = await sendAs(
      contentSender('https://bank.example/'),
      'passkey.unlock',
      authenticator,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await state()).toBe('locked');
  });
});
