/**
 * The reset, done on this device (DESIGN §5, issue 11), through the background's real message
 * listener against the real server (tests/support/background-harness.ts): the request keeps its
 * handle, the emailed link or code opens the reset, the new keys are made here, and the device ends
 * in the new, empty vault with a new Emergency Kit. Also: the kit shown again after the password,
 * and the devices the reset guidance lists.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAccountOverApi } from '@/tests/support/api-account';
import { signInOtherDevice } from '@/tests/support/other-device';
import {
  PASSWORD,
  ask,
  boot,
  env,
  login,
  newDevice,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';
import { contentSender, sendAs } from '@/tests/support/senders';

useBackgroundHarness();

const NEW_PASSWORD = 'a fresh start under the oak tree';

/** Asks for a reset from this device and returns what the email says. */
async function requestReset(email: string) {
  expect(await ask('account.requestReset', { email, serverUrl: env.server.url })).toEqual({
    sent: true,
  });
  const mail = await env.server.lastMail(email, 'reset');
  // The test server writes its links for a public name of its own (server/tests/harness.ts);
  // deployed, that name is the address devices use, which is what the extension checks.
  const link = mail.resetLink!.replace(new URL(mail.resetLink!).origin, env.server.url);
  return { link, code: mail.code! };
}

let accounts = 0;

/**
 * An account made over the API (with its emailed code) and this device signed in to it: account
 * creation in the popup is another test's concern.
 */
async function signedInAccount() {
  const email = `reset${++accounts}-${Date.now()}@example.com`;
  const { accountKey } = await createAccountOverApi({
    serverUrl: env.server.url,
    email,
    password: PASSWORD,
    hint: 'the horse',
    mailbox: env.server,
  });
  await ask('account.signIn', { email, password: PASSWORD, accountKey, serverUrl: env.server.url });
  return { email, kit: { accountKey } };
}

async function accountWithItems() {
  const background = boot();
  const { email, kit } = await signedInAccount();
  const first = await ask('vault.save', { item: login() });
  await ask('vault.save', { item: login({ title: 'Bank' }) });
  await ask('sync.now', {});
  return { background, email, kit, first };
}

describe('a forgotten password, reset on this device', () => {
  it('erases the vault with the link, makes a new kit here and leaves the device in the new vault', async () => {
    const { background, email, kit: oldKit } = await accountWithItems();
    const elsewhere = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: oldKit.accountKey,
    });
    await ask('session.lock', {});
    const { link } = await requestReset(email);

    const preview = await ask('account.resetOpen', {
      proof: { link: `Open ${link} to go on.` },
      serverUrl: env.server.url,
    });
    expect(preview).toEqual({ email, serverUrl: env.server.url, itemCount: 2, plan: 'pro' });
    // The reset page asks again; the token itself never goes to a page.
    const again = await ask('account.resetPreview', {});
    expect(again).toEqual(preview);
    expect(JSON.stringify(again)).not.toContain(new URL(link).hash.slice('#token='.length));

    const kit = await ask('account.reset', { password: NEW_PASSWORD, hint: 'the oak' });
    expect(kit.email).toBe(email);
    expect(kit.accountKey).toMatch(/^CF1-/);
    expect(kit.accountKey).not.toBe(oldKit.accountKey);
    expect(await ask('app.status', {})).toMatchObject({
      state: 'unlocked',
      email,
      kitPending: true,
    });
    expect(await ask('account.kit', {})).toMatchObject({ accountKey: kit.accountKey });
    expect((await ask('vault.list', { query: '' })).total).toBe(0);
    const account = (await background.store.getAccount())!;
    expect(account.epoch).toBe(2);
    expect(account.accountKey).toBe(kit.accountKey);
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });

    // The other device's session is gone with the old vault.
    await expect(elsewhere.items()).rejects.toMatchObject({ code: 'account-reset' });
    // The link is used up; the old password or key opens nothing; the new ones open the new vault.
    expect(
      await refusal(ask('account.resetOpen', { proof: { link }, serverUrl: env.server.url })),
    ).toBe('reset-link-invalid');
    await ask('session.lock', {});
    expect(await refusal(ask('session.unlock', { password: PASSWORD }))).toBe('wrong-password');
    expect((await ask('app.status', {})).hint).toBe('the oak');
    expect((await ask('session.unlock', { password: NEW_PASSWORD })).state).toBe('unlocked');
    await expect(
      signInOtherDevice({
        serverUrl: env.server.url,
        email,
        password: NEW_PASSWORD,
        accountKey: oldKit.accountKey,
      }),
    ).rejects.toMatchObject({ code: 'wrong-credentials' });
    const fresh = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: NEW_PASSWORD,
      accountKey: kit.accountKey,
    });
    expect((await fresh.items()).size).toBe(0);
  });

  it('takes the short code on the device that asked, and the old password again', async () => {
    const { email, kit: oldKit } = await accountWithItems();
    await ask('account.signOut', {});
    const { code } = await requestReset(email);
    const pending = await ask('account.resetPending', {});
    expect(pending).toMatchObject({ email, serverUrl: env.server.url });
    expect(pending.expiresAt).toBeGreaterThan(Date.now() + 29 * 60_000);

    // A wrong code is refused and spends nothing else; the right one (typed loosely) works.
    const wrong = code.startsWith('0') ? `1${code.slice(1)}` : `0${code.slice(1)}`;
    expect(
      await refusal(
        ask('account.resetOpen', { proof: { code: wrong }, serverUrl: env.server.url }),
      ),
    ).toBe('reset-code-invalid');
    const typed = code.toLowerCase().replace('-', ' ');
    const preview = await ask('account.resetOpen', {
      proof: { code: typed },
      serverUrl: env.server.url,
    });
    expect(preview).toMatchObject({ email, itemCount: 2 });

    const kit = await ask('account.reset', { password: PASSWORD, hint: '' });
    expect(kit.accountKey).not.toBe(oldKit.accountKey);
    expect((await ask('app.status', {})).state).toBe('unlocked');
    expect(await ask('account.resetPending', {})).toEqual({});
    expect(await refusal(ask('account.resetPreview', {}))).toBe('reset-none');
    // Same password, new key: only the new kit signs in.
    await expect(
      signInOtherDevice({
        serverUrl: env.server.url,
        email,
        password: PASSWORD,
        accountKey: oldKit.accountKey,
      }),
    ).rejects.toMatchObject({ code: 'wrong-credentials' });
    await expect(
      signInOtherDevice({
        serverUrl: env.server.url,
        email,
        password: PASSWORD,
        accountKey: kit.accountKey,
      }),
    ).resolves.toBeDefined();
  });

  it('says what to do when the code has no request here, the link is for another server, or it is stale', async () => {
    const { email } = await accountWithItems();
    await ask('session.lock', {});
    const { link, code } = await requestReset(email);
    const open = (proof: { link: string } | { code: string }, serverUrl = env.server.url) =>
      refusal(ask('account.resetOpen', { proof, serverUrl }));

    // Another device (or this one after a browser restart) has no handle: the link still works.
    await fakeBrowser.storage.session.clear();
    newDevice();
    expect(await open({ code })).toBe('reset-no-request');
    expect(await open({ link: link.replace('127.0.0.1', 'localhost') })).toBe('reset-other-server');
    expect(await open({ link: link.slice(0, -3) })).toBe('reset-link-invalid');
    expect(await refusal(ask('account.resetPreview', {}))).toBe('reset-none');
    expect(
      await ask('account.resetOpen', { proof: { link }, serverUrl: env.server.url }),
    ).toMatchObject({ email, itemCount: 2 });

    // Half an hour later the reset given here is forgotten.
    env.clockOffset = 31 * 60_000;
    expect(await refusal(ask('account.resetPreview', {}))).toBe('reset-none');
    expect(await refusal(ask('account.reset', { password: NEW_PASSWORD, hint: '' }))).toBe(
      'reset-none',
    );
  });

  it('refuses a weak password and a device signed in to another account, and changes nothing', async () => {
    const { email } = await accountWithItems();
    await ask('account.signOut', {});
    const { link } = await requestReset(email);
    await ask('account.resetOpen', { proof: { link }, serverUrl: env.server.url });
    expect(await refusal(ask('account.reset', { password: 'short', hint: '' }))).toBe(
      'weak-password',
    );
    expect(await ask('account.resetPreview', {})).toMatchObject({ itemCount: 2 });

    await signedInAccount(); // someone else's account on this device now
    expect(await refusal(ask('account.resetPreview', {}))).toBe('reset-other-account');
    expect(await refusal(ask('account.reset', { password: NEW_PASSWORD, hint: '' }))).toBe(
      'reset-other-account',
    );
    expect(
      await refusal(ask('account.resetOpen', { proof: { link }, serverUrl: env.server.url })),
    ).toBe('reset-other-account');
  });

  it('answers only extension pages', async () => {
    boot();
    const answer = await sendAs(contentSender('https://evil.test/'), 'account.resetOpen', {
      proof: { code: 'ABCD-EFGH' },
      serverUrl: env.server.url,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const reset = await sendAs(contentSender('https://evil.test/'), 'account.reset', {
      password: NEW_PASSWORD,
      hint: '',
    });
    expect(reset).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });
});

describe('the Emergency Kit again', () => {
  it('shows only after the password, for a while, and never past a lock', async () => {
    const { kit } = await accountWithItems();
    expect(await refusal(ask('account.kit', {}))).toBe('kit-needs-password');
    expect(await refusal(ask('account.revealKit', { password: 'not it at all' }))).toBe(
      'wrong-password',
    );
    env.offline = true; // the key is on this device: no server needed
    expect(await ask('account.revealKit', { password: PASSWORD })).toMatchObject({
      accountKey: kit.accountKey,
    });
    expect(await ask('account.kit', {})).toMatchObject({ accountKey: kit.accountKey });
    env.clockOffset = 11 * 60_000;
    expect(await refusal(ask('account.kit', {}))).toBe('kit-needs-password');
    env.clockOffset = 0;
    await ask('account.revealKit', { password: PASSWORD });
    await ask('session.lock', {});
    await ask('session.unlock', { password: PASSWORD });
    expect(await refusal(ask('account.kit', {}))).toBe('kit-needs-password');
  });
});

describe('the devices the reset guidance lists', () => {
  it('lists every signed-in device while this one is locked', async () => {
    const { email, kit } = await accountWithItems();
    await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    await ask('session.lock', {});
    const { devices } = await ask('account.devices', {});
    expect(devices).toHaveLength(2);
    expect(devices.filter((d) => d.current)).toHaveLength(1);
    expect(devices.map((d) => d.deviceName)).toContain('other device');
    for (const device of devices) expect(device.lastSeenAt).toBeGreaterThan(0);
    await ask('account.signOut', {});
    expect(await refusal(ask('account.devices', {}))).toBe('not-signed-in');
  });
});
