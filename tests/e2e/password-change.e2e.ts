/**
 * Changing the account password, as two people at two browsers would see it (DESIGN §5): real
 * Chromium and Firefox ESR from the same code, the built extension in two profiles of one
 * browser, the real server on 127.0.0.1.
 *
 * Device A changes the password in Settings. Device B, still unlocked, syncs, locks with the reason
 * on screen, refuses the old password and opens with the new one, items intact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../support/accounts';
import { launchBrowser, type ExtensionBrowser } from '../support/browsers';
import { messenger } from '../support/messages';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { suiteBrowsers } from './languages';
import { alert, click, fill, heading, inVault, openPopup, shot, waitForText } from './popup-page';

const OLD_PASSWORD = 'copper-meadow-sleepy-violin-4';
const NEW_PASSWORD = 'granite-orchard-brisk-compass-9';

let server: E2eServer;

beforeAll(async () => {
  server = await startE2eServer({ defaultPlan: 'pro' });
});
afterAll(async () => {
  await server?.close();
});

describe.each(suiteBrowsers)('%s: a password changed on one device', (browserName) => {
  const EMAIL = `marta-${browserName}-${Date.now()}@example.com`;
  const extensionDir = builtExtensionDir(browserName);
  const shotName = (name: string) => (browserName === 'chromium' ? name : `${name}-${browserName}`);
  let a: ExtensionBrowser;
  let b: ExtensionBrowser;

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('is changed in Settings on A, after a wrong current password is refused', async () => {
    a = await launchBrowser(browserName, { extensionDir, serverUrl: server.url });
    b = await launchBrowser(browserName, { extensionDir, serverUrl: server.url });
    const sendA = messenger(await a.openExtensionPage('/popup.html'), extensionDir);
    const kit = await createAccount(sendA, server, {
      email: EMAIL,
      password: OLD_PASSWORD,
      hint: 'the violin',
      serverUrl: server.url,
    });
    await sendA('account.kitSaved', {});
    await sendA('vault.save', {
      item: { type: 'login', title: 'Bank', username: 'marta', password: 'bank-secret-8d21' },
    });
    expect(await sendA('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    const sendB = messenger(await b.openExtensionPage('/popup.html'), extensionDir);
    await sendB('account.signIn', {
      email: EMAIL,
      password: OLD_PASSWORD,
      accountKey: kit.accountKey,
      serverUrl: server.url,
    });

    const popup = await openPopup(a);
    await click(popup, 'Settings');
    await click(popup, 'Change account password…');
    await heading(popup, 'Change account password');
    // The hint is kept unless the user changes it.
    await popup.waitForFunction(() =>
      [...document.querySelectorAll('input')].some((i) => i.value === 'the violin'),
    );
    await fill(popup, 'Current account password', 'not-my-password-at-all');
    await fill(popup, 'New account password', NEW_PASSWORD);
    await fill(popup, 'New account password, again', NEW_PASSWORD);
    await click(popup, 'Change password');
    await alert(popup, 'That password is not right.');
    await heading(popup, 'Change account password');

    await fill(popup, 'Current account password', OLD_PASSWORD);
    await shot(popup, shotName('change-password'));
    await click(popup, 'Change password');
    await heading(popup, 'Settings');
    await waitForText(popup, 'Password changed. Other devices signed out: 1.');
    await popup.close();
  });

  it('locks B by itself with the reason, and opens B only with the new password', async () => {
    // The live channel: the server closes B's socket when A's change revokes its session, and
    // B's sync meets the refusal and locks, with nobody touching B.
    const popup = await openPopup(b);
    await heading(popup, 'Unlock Cassaforte');
    await waitForText(popup, 'Your account password was changed on another device.');
    await shot(popup, shotName('unlock-after-password-change'));

    await fill(popup, 'Account password', OLD_PASSWORD);
    await click(popup, 'Unlock');
    await alert(popup, 'Your account password was changed on another device.');
    await heading(popup, 'Unlock Cassaforte');

    await fill(popup, 'Account password', NEW_PASSWORD);
    await click(popup, 'Unlock');
    await inVault(popup, 'Bank');
    const sendB = messenger(popup, extensionDir);
    const [bank] = (await sendB('vault.list', { query: 'Bank' })).items;
    expect(await sendB('vault.get', { id: bank!.id })).toMatchObject({
      password: 'bank-secret-8d21',
    });
    expect(await sendB('sync.now', {})).toMatchObject({ state: 'idle' });
  });

  it('takes only the new password on A too, after locking', async () => {
    const page = await openPopup(a);
    await messenger(page, extensionDir)('session.lock', {});
    await page.close(); // and opened again (a reload never ends over BiDi in Firefox)
    const popup = await openPopup(a);
    await heading(popup, 'Unlock Cassaforte');
    await fill(popup, 'Account password', OLD_PASSWORD);
    await click(popup, 'Unlock');
    await alert(popup, 'That password is not right.');
    await waitForText(popup, 'Your hint: the violin'); // shown after a failed try
    await fill(popup, 'Account password', NEW_PASSWORD);
    await click(popup, 'Unlock');
    await inVault(popup, 'Bank');
  });
});
