/**
 * Issue 11's reset, as a user goes through it on the device that asks for it, in real Chromium and
 * Firefox ESR from the same code, with the store build, the real server and its mail sent to a
 * real SMTP peer on 127.0.0.1 (server/tests/smtp.ts), and an account on the pro plan (granted
 * with a license code from the admin command): A, with a forgotten password, goes from the
 * guidance (with this account's devices) → "Start reset" → the email arrives → its link opens the
 * server's /reset page in a tab → the toolbar button takes it to the extension's reset page, which
 * shows what it erases, takes the new password and erases → the new Emergency Kit → A is in an
 * empty vault; the used link says so. (What the reset does to another device of the account, and
 * a second reset with the short code, are account-reset-elsewhere.e2e.ts's journey.)
 *
 * Reading the link from the tab needs the toolbar click's activeTab grant: Chromium clicks the
 * real button (`clickToolbarButton`). Firefox's toolbar button cannot be clicked over WebDriver
 * BiDi (TOOLCHAIN.md), so there the link is pasted into "I have a reset email" instead.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpPeer, type SmtpPeer } from '@/server/tests/smtp';
import {
  launchChromium,
  launchFirefox,
  type ChromiumExtensionBrowser,
  type ExtensionBrowser,
} from '../support/browsers';
import { saveScreenshot } from '../support/artifacts';
import { messenger } from '../support/messages';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { suiteBrowsers } from './languages';
import { aria, bodyText, click, heading, openPopup, shot, waitForText } from './popup-page';
import {
  NEW_PASSWORD,
  extensionPage,
  proAccountWithThreeItems,
  resetMail,
  tick,
  type,
  type ResetMail,
} from './reset-steps';

describe.each(suiteBrowsers)('%s: a forgotten password, reset in the extension', (browserName) => {
  const extensionDir = builtExtensionDir(browserName);
  const email = `reset-${browserName}-${Date.now()}@example.com`;
  let smtp: SmtpPeer;
  let server: E2eServer;
  let extension: ExtensionBrowser;
  let send: ReturnType<typeof messenger>;
  let popup: Page;
  let oldKey = '';
  let newKey = '';
  let mail: ResetMail;
  let reset: Page;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    // The hosted default, free: pro comes from a license code, so "a reset keeps pro" means it.
    server = await startE2eServer({ defaultPlan: 'free', smtp });
    extension =
      browserName === 'chromium'
        ? await launchChromium({ extensionDir, serverUrl: server.url, toolbarButton: true })
        : await launchFirefox({ extensionDir, serverUrl: server.url });
    send = messenger(await extension.openExtensionPage('/popup.html'), extensionDir);
    oldKey = await proAccountWithThreeItems(server, send, email);
  }, 150_000);
  afterAll(async () => {
    await extension?.close();
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
    expect(text).toContain('your plan: Pro — every device.');
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
    // The first strength estimate loads the word lists (1.4 MB) in a worker; a submit before it
    // waits for it. On a loaded CI machine that took over 20 s once: let it arrive first.
    await reset.waitForSelector('.strength[data-score]', { timeout: 60_000 });
    await click(reset, 'Erase and reset');
    await waitForText(reset, 'Tick the box above to confirm the erasure.');
    await tick(reset, 'I understand that everything in this vault will be erased for good.');
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
});
