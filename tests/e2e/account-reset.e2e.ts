/**
 * Issue 11's reset, as a user goes through it, in real Chromium and Firefox ESR from the same code,
 * with the store build, the real server and its mail sent to a real SMTP peer on 127.0.0.1
 * (server/tests/smtp.ts), and two browser profiles of one account on the pro plan (granted with a
 * license code from the admin command):
 * - A, with a forgotten password: the guidance (with this account's devices) → "Start reset" → the
 *   email arrives → its link opens the server's /reset page in a tab → the toolbar button takes it
 *   to the extension's reset page, which shows what it erases, takes the new password and erases →
 *   the new Emergency Kit → A is in an empty vault; the used link says so.
 * - B, holding the items synced before the reset plus one edit the server never got: signs itself
 *   out saying when and why, keeping them; signs in with the new key, email filled in; refuses a
 *   wrong old password; brings them in with the right one; A's popup then lists them, the unsent
 *   edit included, and Settings → Plan still shows Pro (a reset keeps the plan).
 * - A again: a reset with the short code typed; the Emergency Kit shown again after the password.
 *
 * Reading the link from the tab needs the toolbar click's activeTab grant: Chromium clicks the
 * real button (`clickToolbarButton`). Firefox's toolbar button cannot be clicked over WebDriver
 * BiDi (TOOLCHAIN.md), so there the link is pasted into "I have a reset email" instead.
 */
import { createAccountOverApi } from '../support/api-account';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOtherDevice } from '@/tests/support/other-device';
import { startSmtpPeer, type SmtpPeer } from '@/server/tests/smtp';
import {
  launchBrowser,
  launchChromium,
  launchFirefox,
  type ChromiumExtensionBrowser,
  type ExtensionBrowser,
} from '../support/browsers';
import { startHostileServer, type HostileServer } from '../support/hostile-server';
import { saveScreenshot } from '../support/artifacts';
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
import { extensionPage, tick, type } from './reset-steps';

const PASSWORD = 'amber-meadow-silent-river-42';
const NEW_PASSWORD = 'copper-lantern-autumn-field-9';

interface ResetMail {
  link: string;
  code: string;
}

/** The newest reset email to `email`, as the user reads it: its link and its short code. */
async function resetMail(server: E2eServer, email: string): Promise<ResetMail> {
  const mail = await server.lastMail(email, 'reset', 20_000);
  if (!mail.resetLink || !mail.code) throw new Error('The reset email has no link or no code');
  return { link: mail.resetLink, code: mail.code };
}

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
  let popup: Page;
  let popupB: Page;
  let oldKey = '';
  let newKey = '';
  let resetAt = 0;
  let mail: ResetMail;
  let reset: Page;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    // The hosted default, free: pro comes from a license code, so "a reset keeps pro" means it.
    server = await startE2eServer({ defaultPlan: 'free', smtp });
    // B talks to the server through a proxy that can cut it off; A does not.
    proxy = await startHostileServer({ target: server.url });
    [extension, b] = await Promise.all([
      browserName === 'chromium'
        ? launchChromium({ extensionDir, serverUrl: server.url, toolbarButton: true })
        : launchFirefox({ extensionDir, serverUrl: server.url }),
      launchBrowser(browserName, { extensionDir, serverUrl: proxy.url }),
    ]);
    send = messenger(await extension.openExtensionPage('/popup.html'), extensionDir);
    sendB = messenger(await b.openExtensionPage('/popup.html'), extensionDir);
    // Made over the API with its emailed code (creating it in the popup is another journey's),
    // and made pro from a phone-like device with a code of the admin command.
    ({ accountKey: oldKey } = await createAccountOverApi({
      serverUrl: server.url,
      email,
      password: PASSWORD,
      hint: 'the meadow',
      mailbox: server,
    }));
    const phone = await signInOtherDevice({
      serverUrl: server.url,
      email,
      password: PASSWORD,
      accountKey: oldKey,
    });
    expect(await phone.redeemLicense(await server.issueLicense('pro'))).toEqual({ plan: 'pro' });
    const account = { email, password: PASSWORD, accountKey: oldKey };
    await send('account.signIn', { ...account, serverUrl: server.url });
    for (const title of ['GitHub', 'Bank', 'Mail']) {
      await send('vault.save', { item: { type: 'login', title, password: `${title}-secret` } });
    }
    await send('sync.now', {});
    await send('session.lock', {});
    // B signs in and gets A's items; then it renames one while the server cannot be reached.
    await sendB('account.signIn', { ...account, serverUrl: proxy.url });
    for (let i = 0; (await sendB('vault.list', { query: '' })).total < 3; i++) {
      if (i === 100) throw new Error('B never received the three items');
      await sleep(200);
    }
    proxy.misbehave({ kind: 'cut-body', match: { path: '/v1/sync' } });
    const [row] = (await sendB('vault.list', { query: 'Mail' })).items;
    const mailItem = await sendB('vault.get', { id: row!.id });
    await sendB('vault.save', { item: { ...mailItem, title: 'Mail (renamed offline)' } });
    expect(await sendB('sync.now', {})).toMatchObject({ state: 'offline', pending: 1 });
  }, 150_000);
  afterAll(async () => {
    await Promise.all([extension?.close(), b?.close()]);
    await proxy?.close();
    await server?.close();
    await smtp?.close();
  });

  it('guides a user who cannot unlock, lists the devices, and sends the email', async () => {
    popup = await openPopup(extension);
    await heading(popup, 'Unlock Cassaforte');
    await click(popup, 'Forgot your password?');
    await heading(popup, 'Reset your account?');
    await waitForText(popup, 'Your signed-in devices');
    const text = await bodyText(popup);
    expect(text).toContain('Settings → Show Emergency Kit shows it again');
    expect(text).toMatch(/this device/);
    expect(text).toMatch(/Last seen/);
    await tick(popup, 'No, I cannot unlock it anywhere');
    await shot(popup, `view-reset-guide-${browserName}`);
    await click(popup, 'Start reset');
    await popup.waitForSelector('[data-reset-sent]', { timeout: 20_000 });
    expect(await bodyText(popup)).toContain('I have a reset email');
    mail = await resetMail(server, email);
  });

  it('opens the email link, and the popup takes it to the reset page', async () => {
    const tab = await extension.browser.newPage();
    await tab.goto(mail.link);
    // The server's page handles no secret: it only says where to go on.
    await waitForText(tab, 'Click the Cassaforte button in the toolbar');
    await saveScreenshot(tab, `page-server-reset-${browserName}`); // no controls to name there

    if (browserName === 'chromium') {
      // The toolbar click over that tab: the popup reads its address and the tab becomes ours.
      await (extension as ChromiumExtensionBrowser).clickToolbarButton(tab);
      reset = await extensionPage(extension, '/reset.html');
      expect(reset).toBe(tab);
    } else {
      // No toolbar click over BiDi: the user pastes the link into "I have a reset email".
      await popup.bringToFront();
      await click(popup, 'I have a reset email');
      await heading(popup, 'I have a reset email');
      await waitForText(popup, `The code of the email sent to ${email} works on this device`);
      await type(popup, 'Reset link or code', mail.link);
      await shot(popup, `view-reset-email-${browserName}`);
      await click(popup, 'Continue');
      reset = await extensionPage(extension, '/reset.html');
    }
    await popup.close().catch(() => undefined); // a popup closes itself once the reset is open
    await reset.setViewport({ width: 900, height: 1000 });
    await heading(reset, 'Reset your Cassaforte account');
    await waitForText(reset, `This erases all 3 items of ${email}`);
    const text = await bodyText(reset);
    expect(text).toContain('your plan: Pro (all your devices).');
    expect(text).toContain('you may choose your old password again');
    // The token is in no address of ours.
    expect(await reset.evaluate(() => location.href)).toBe(
      `${extension.extensionOrigin}/reset.html`,
    );
    await shot(reset, `page-reset-${browserName}`);

    // Keyboard only: the form refuses to go on without the confirmation, and says so.
    await type(reset, 'New account password', NEW_PASSWORD);
    await type(reset, 'New account password, again', NEW_PASSWORD);
    await type(reset, 'Password hint (optional)', 'the lantern');
    await click(reset, 'Erase and reset');
    await waitForText(reset, 'Tick the box above to confirm the erasure.');
    await tick(reset, 'I understand that everything in this vault will be erased for good.');
    resetAt = Date.now();
    await click(reset, 'Erase and reset');
    await reset.waitForSelector('[data-reset-done]', { timeout: 30_000 });
    newKey = await reset.$eval('[data-account-key]', (e) => e.textContent ?? '');
    expect(newKey).toMatch(/^CF1-/);
    expect(newKey).not.toBe(oldKey);
    const done = await bodyText(reset);
    expect(done).toContain('this device is signed in to your new, empty vault');
    expect(done).toContain('the password alone opens your vault nowhere');
    for (const name of ['Print', 'Download kit', 'Save QR code as image']) {
      await reset.locator(aria(name, 'button')).wait();
    }
    const qr = await reset.$eval('[data-setup-code-qr]', (img) => img.getAttribute('alt'));
    expect(qr).toBe('QR code with your setup code: email, server and account key');
    await shot(reset, `page-reset-kit-${browserName}`);

    await tick(reset, 'I have printed or saved my Emergency Kit, and I know where it is.');
    await click(reset, 'Open my vault');
  });

  it('leaves this profile in the new, empty vault, and the used link says so', async () => {
    await expect
      .poll(async () => (await send('app.status', {})).kitPending, { timeout: 10_000 })
      .toBeUndefined();
    await reset.close();
    const vault = await openPopup(extension);
    await vault.waitForSelector('[data-view="vault"]', { timeout: 20_000 });
    await waitForText(vault, 'Your vault is empty.');
    expect((await send('vault.list', { query: '' })).total).toBe(0);
    await shot(vault, `view-vault-after-reset-${browserName}`);

    // The same link again: used, and the popup says what to do, not an error dump.
    await click(vault, 'Lock');
    await click(vault, 'Forgot your password?');
    await click(vault, 'I have a reset email');
    await type(vault, 'Reset link or code', mail.link);
    await click(vault, 'Continue');
    await waitForText(vault, 'This reset link was already used, has expired');
    await vault.locator(aria('Ask for a new email', 'button')).wait();
    await shot(vault, `view-reset-link-used-${browserName}`);
    await vault.close();
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
