/**
 * Issue 11's reset as the account's other device lives it, in real Chromium and Firefox ESR from
 * the same code, with the store build, the real server and its mail sent to a real SMTP peer on
 * 127.0.0.1 (server/tests/smtp.ts), and two browser profiles of one account on the pro plan
 * (granted with a license code from the admin command). A resets with the emailed code (its
 * pages' own messages: the reset as the user goes through it is account-reset.e2e.ts's journey).
 * - B, holding the items synced before the reset plus one edit the server never got: signs itself
 *   out saying when and why, keeping them; signs in with the new key, email filled in; refuses a
 *   wrong old password; brings them in with the right one; A's popup then lists them, the unsent
 *   edit included, and Settings → Plan still shows Pro (a reset keeps the plan).
 * - A again: a reset with the short code typed, erasing what B brought in; the Emergency Kit
 *   shown again after the password.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpPeer, type SmtpPeer } from '@/server/tests/smtp';
import { launchBrowser, type ExtensionBrowser } from '../support/browsers';
import { startHostileServer, type HostileServer } from '../support/hostile-server';
import { messenger } from '../support/messages';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { suiteBrowsers } from './languages';
import {
  alert,
  aria,
  bodyText,
  click,
  heading,
  inVault,
  openPopup,
  shot,
  sleep,
  waitForText,
} from './popup-page';
import {
  NEW_PASSWORD,
  PASSWORD,
  extensionPage,
  proAccountWithThreeItems,
  resetMail,
  tick,
  type,
} from './reset-steps';

describe.each(suiteBrowsers)('%s: a forgotten password, reset in the extension', (browserName) => {
  const extensionDir = builtExtensionDir(browserName);
  const email = `reset-${browserName}-${Date.now()}@example.com`;
  let smtp: SmtpPeer;
  let server: E2eServer;
  let proxy: HostileServer;
  let extension: ExtensionBrowser;
  let b: ExtensionBrowser;
  let send: ReturnType<typeof messenger>;
  let sendB: ReturnType<typeof messenger>;
  let popupB: Page;
  let newKey = '';
  let resetAt = 0;
  let reset: Page;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    // The hosted default, free: pro comes from a license code, so "a reset keeps pro" means it.
    server = await startE2eServer({ defaultPlan: 'free', smtp });
    // B talks to the server through a proxy that can cut it off; A does not.
    proxy = await startHostileServer({ target: server.url });
    [extension, b] = await Promise.all([
      launchBrowser(browserName, { extensionDir, serverUrl: server.url }),
      launchBrowser(browserName, { extensionDir, serverUrl: proxy.url }),
    ]);
    send = messenger(await extension.openExtensionPage('/popup.html'), extensionDir);
    sendB = messenger(await b.openExtensionPage('/popup.html'), extensionDir);
    const accountKey = await proAccountWithThreeItems(server, send, email);
    // B signs in and gets A's items; then it renames one while the server cannot be reached.
    await sendB('account.signIn', { email, password: PASSWORD, accountKey, serverUrl: proxy.url });
    for (let i = 0; (await sendB('vault.list', { query: '' })).total < 3; i++) {
      if (i === 100) throw new Error('B never received the three items');
      await sleep(200);
    }
    proxy.misbehave({ kind: 'cut-body', match: { path: '/v1/sync' } });
    const [row] = (await sendB('vault.list', { query: 'Mail' })).items;
    const mailItem = await sendB('vault.get', { id: row!.id });
    await sendB('vault.save', { item: { ...mailItem, title: 'Mail (renamed offline)' } });
    expect(await sendB('sync.now', {})).toMatchObject({ state: 'offline', pending: 1 });
    // A resets, by the messages its popup and reset page send, takes its new kit, and locks.
    await send('account.requestReset', { email, serverUrl: server.url });
    const { code } = await resetMail(server, email);
    await send('account.resetOpen', { proof: { code }, serverUrl: server.url });
    resetAt = Date.now();
    ({ accountKey: newKey } = await send('account.reset', {
      password: NEW_PASSWORD,
      hint: 'the lantern',
    }));
    await send('account.kitSaved', {});
    await send('session.lock', {});
  }, 150_000);
  afterAll(async () => {
    await Promise.all([extension?.close(), b?.close()]);
    await proxy?.close();
    await server?.close();
    await smtp?.close();
  });

  it('signs B out at its next contact, saying when and why, and keeps its items', async () => {
    proxy.clear(); // the server can be reached again
    popupB = await openPopup(b); // opening the popup syncs: the server says the account was reset
    await heading(popupB, 'Welcome to Cassaforte');
    await waitForText(popupB, 'This account was reset on ');
    await waitForText(popupB, 'Sign in with your new account key.');
    await waitForText(popupB, '3 items from before the reset are kept on this device until');
    await shot(popupB, `view-reset-signed-out-${browserName}`);
    // The date the server gave, in the browser's words.
    expect(await bodyText(popupB)).toMatch(
      new RegExp(`reset on .*${new Date(resetAt).getFullYear()}`),
    );
  });

  it('signs B in with the new key, the email filled in, and offers the old items', async () => {
    await click(popupB, 'Sign in with an existing account');
    await heading(popupB, 'Sign in on this device');
    const filled = await popupB.$eval(
      aria('Email', 'textbox'),
      (e) => (e as HTMLInputElement).value,
    );
    expect(filled).toBe(email);
    await type(popupB, 'Account password', NEW_PASSWORD);
    await type(popupB, 'Account key', newKey);
    await click(popupB, 'Sign in');
    await inVault(popupB, 'This device still has 3 items from before the reset.');
    await waitForText(popupB, 'Enter the old password to bring them into the new vault.');
    await shot(popupB, `view-kept-offer-${browserName}`);
  });

  it('refuses a wrong old password on B, losing nothing, and brings them in with the right one', async () => {
    await click(popupB, 'Bring them in…');
    await heading(popupB, 'Items from before the reset');
    await waitForText(popupB, 'Changes among them that never reached the server: 1.');
    await type(popupB, 'Old account password', NEW_PASSWORD);
    await click(popupB, 'Bring them in');
    await alert(popupB, 'That is not the old password. Nothing was changed: try again.');
    await heading(popupB, 'Items from before the reset');
    await shot(popupB, `view-kept-bring-in-${browserName}`);

    await type(popupB, 'Old account password', PASSWORD);
    await click(popupB, 'Bring them in');
    await inVault(popupB, 'Mail (renamed offline)');
    await waitForText(popupB, '3 items brought into the new vault.');
    const text = await bodyText(popupB);
    expect(text).toContain('GitHub');
    expect(text).toContain('Bank');
    expect(text).not.toContain('from before the reset');
    await popupB.close();
  });

  it('lists on A what B brought in, and A is still on Pro', async () => {
    const vault = await openPopup(extension);
    await heading(vault, 'Unlock Cassaforte');
    await type(vault, 'Account password', NEW_PASSWORD);
    await click(vault, 'Unlock');
    // B pushes what it brought in; A's popup syncs as it opens and on the live channel.
    await inVault(vault, 'Mail (renamed offline)');
    await waitForText(vault, 'GitHub');
    await waitForText(vault, 'Bank');
    await shot(vault, `view-vault-brought-in-${browserName}`);

    await click(vault, 'Settings');
    await heading(vault, 'Settings');
    await vault.waitForSelector('[data-plan="pro"]', { timeout: 20_000 });
    expect(await bodyText(vault)).toContain('Pro — every device');
    await vault.$eval('[aria-labelledby="plan-heading"]', (e) => e.scrollIntoView());
    await shot(vault, `view-plan-after-reset-${browserName}`);
    await click(vault, 'Lock');
    await heading(vault, 'Unlock Cassaforte');
    await vault.close();
  });

  it('resets again with the short code typed on the device that asked', async () => {
    const popup2 = await openPopup(extension);
    await heading(popup2, 'Unlock Cassaforte');
    await click(popup2, 'Forgot your password?');
    await tick(popup2, 'No, I cannot unlock it anywhere');
    await click(popup2, 'Start reset');
    await popup2.waitForSelector('[data-reset-sent]', { timeout: 20_000 });
    const { code } = await resetMail(server, email);
    await click(popup2, 'I have a reset email');
    await type(popup2, 'Reset link or code', code.toLowerCase());
    await shot(popup2, `view-reset-code-${browserName}`);
    await click(popup2, 'Continue');
    reset = await extensionPage(extension, '/reset.html');
    // What B brought in is what this reset erases now.
    await waitForText(reset, `This erases all 3 items of ${email}`);
    // The same password again (the source allows it for a lost account key), by keyboard only:
    // from the heading the page focuses, through the fields in order, Space ticks, Enter erases.
    await reset.waitForFunction(() => document.activeElement?.tagName === 'H1');
    const keys = reset.keyboard;
    await keys.press('Tab');
    await keys.type(NEW_PASSWORD);
    await keys.press('Tab'); // show / hide
    await keys.press('Tab');
    await keys.type(NEW_PASSWORD);
    await keys.press('Tab'); // show / hide
    await keys.press('Tab'); // the hint, left empty
    await keys.press('Tab');
    await keys.press(' ');
    expect(await reset.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(
      true,
    );
    await keys.press('Tab');
    await keys.press('Enter');
    await reset.waitForSelector('[data-reset-done]', { timeout: 30_000 });
    const third = await reset.$eval('[data-account-key]', (e) => e.textContent ?? '');
    expect(third).not.toBe(newKey);
    newKey = third;
    expect(await send('app.status', {})).toMatchObject({ state: 'unlocked', kitPending: true });
    expect((await send('vault.list', { query: '' })).total).toBe(0);
  });

  it('shows the Emergency Kit again in Settings, after the password', async () => {
    await tick(reset, 'I have printed or saved my Emergency Kit, and I know where it is.');
    await click(reset, 'Open my vault');
    await expect
      .poll(async () => (await send('app.status', {})).kitPending, { timeout: 10_000 })
      .toBeUndefined();
    await reset.close().catch(() => undefined);
    const settings = await openPopup(extension);
    await settings.waitForSelector('[data-view="vault"]', { timeout: 20_000 });
    await click(settings, 'Settings');
    await click(settings, 'Show Emergency Kit');
    await heading(settings, 'Show your Emergency Kit');
    await type(settings, 'Account password', 'not the password at all');
    await click(settings, 'Show kit');
    await waitForText(settings, 'That password is not right.');
    await type(settings, 'Account password', NEW_PASSWORD);
    await click(settings, 'Show kit');
    await settings.waitForSelector('[data-account-key]', { timeout: 20_000 });
    expect(await settings.$eval('[data-account-key]', (e) => e.textContent)).toBe(newKey);
    expect(await bodyText(settings)).toContain('You need the key only on a new device.');
    await shot(settings, `view-kit-again-${browserName}`);
  });
});
