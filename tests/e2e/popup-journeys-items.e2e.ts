/**
 * Issue 5's item journeys as a person would go through them, in real Chromium and Firefox ESR from
 * the same code, with the built extension and the real server: every step finds controls by their accessible names
 * (puppeteer's `::-p-aria(…)`), and a screenshot of every view lands in tests/artifacts.
 *
 * Device A starts signed in with its Emergency Kit's QR image downloaded (creating the account in
 * the popup is popup-journeys-account.e2e.ts); it adds, edits, finds, deletes and copies items
 * and uses the generator. Device B signs in by uploading that QR image, which qr-scanner decodes
 * back into the same email, server and account key, and finds the same items.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../support/accounts';
import { saveScreenshot } from '../support/artifacts';
import type { ExtensionBrowser } from '../support/browsers';
import { messenger } from '../support/messages';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { launchJourneyBrowser, prefersDark } from './journey-browser';
import { suiteBrowsers } from './languages';
import {
  aria,
  bodyText,
  click,
  downloadFolder,
  field,
  fieldValue,
  fill,
  heading,
  openPopup,
  readClipboard,
  shot as saveShot,
  sleep,
} from './popup-page';

const PASSWORD = 'velvet-harbor-quiet-lantern-7';

let server: E2eServer;

beforeAll(async () => {
  server = await startE2eServer({ defaultPlan: 'pro' });
});

afterAll(async () => {
  await server?.close();
});

describe.each(suiteBrowsers)('%s', (browserName) => {
  const EMAIL = `giulia-${browserName}-${Date.now()}@example.com`;
  const extensionDir = builtExtensionDir(browserName);
  const browsers: ExtensionBrowser[] = [];
  const downloads = downloadFolder();
  const { waitForFile } = downloads;
  const suffix = browserName === 'chromium' ? '' : `-${browserName}`;
  const shot = (page: Page, name: string) => saveShot(page, `${name}${suffix}`);
  let accountKey = '';

  async function launch(dark = false): Promise<ExtensionBrowser> {
    const extension = await launchJourneyBrowser(browserName, {
      extensionDir,
      serverUrl: server.url,
      downloadDir: downloads.dir,
      dark,
    });
    browsers.push(extension);
    return extension;
  }

  afterAll(async () => {
    for (const extension of browsers) await extension.close();
    downloads.remove();
  });

  /**
   * Device A with a new account, unlocked, and the kit's QR image downloaded from the kit page, as
   * popup-journeys-account.e2e.ts leaves it; here through the protocol, the quick way.
   */
  async function signedInDevice(): Promise<ExtensionBrowser> {
    const extension = await launch();
    const page = await extension.openExtensionPage('/popup.html');
    const send = messenger(page, extensionDir);
    const kit = await createAccount(send, server, {
      email: EMAIL,
      password: PASSWORD,
      hint: '',
      serverUrl: server.url,
    });
    accountKey = kit.accountKey;
    const kitPage = await extension.openExtensionPage('/kit.html');
    await heading(kitPage, 'Cassaforte Emergency Kit');
    await click(kitPage, 'Save QR code as image');
    await waitForFile('.png');
    await kitPage.close();
    await send('account.kitSaved', {});
    await page.close();
    return extension;
  }

  describe('device A: items in the vault', () => {
    let device: ExtensionBrowser;
    let popup: Page;

    beforeAll(async () => {
      device = await signedInDevice();
      popup = await openPopup(device);
      await popup.waitForSelector('input[type="search"]');
    });

    it('creates a login with a generated password and a website', async () => {
      await click(popup, '+ Login');
      await heading(popup, 'New login');
      await fill(popup, 'Title', 'Posta');
      await fill(popup, 'Username', 'giulia');
      await click(popup, 'Generate');
      await popup.waitForFunction(
        () =>
          (document.querySelector('input[autocomplete="off"][type="password"]') as HTMLInputElement)
            ?.value.length >= 20,
      );
      await fill(popup, 'Website 1', 'https://mail.example.com/login');
      await shot(popup, 'view-item-new');
      await click(popup, 'Save');
      await heading(popup, 'Posta');
      expect(await bodyText(popup)).toContain('https://mail.example.com/login');
      await shot(popup, 'view-item');
    });

    it('keeps an unsaved edit when the popup closes, and saves it later', async () => {
      await click(popup, 'Edit');
      await heading(popup, 'Edit item');
      await fill(popup, 'Title', 'Posta di lavoro');
      await sleep(300);
      await popup.close();

      popup = await openPopup(device);
      await heading(popup, 'Edit item');
      await popup.waitForFunction(() =>
        document.body.innerText.includes('Your unsaved changes are back.'),
      );
      expect(await fieldValue(popup, 'Title')).toBe('Posta di lavoro');
      await shot(popup, 'view-item-draft');
      await click(popup, 'Save');
      await heading(popup, 'Posta di lavoro');
    });

    it('searches, moves with the arrow keys and opens with Enter', async () => {
      for (const [title, kind] of [
        ['Banca', 'login'],
        ['Codice del portone', 'note'],
      ] as const) {
        await click(popup, '← Vault');
        await click(popup, kind === 'login' ? '+ Login' : '+ Note');
        await fill(popup, 'Title', title);
        if (kind === 'note') await fill(popup, 'Notes', '4711 then #');
        else {
          await fill(popup, 'Username', 'g.rossi');
          await click(popup, 'Generate');
          await sleep(300);
        }
        await click(popup, 'Save');
        await heading(popup, title);
      }
      await click(popup, '← Vault');
      await popup.waitForSelector('[data-ready][data-count="3"]');
      await popup.keyboard.type('po');
      await popup.waitForFunction(
        () => Number(document.querySelector('[data-ready]')?.getAttribute('data-count')) < 3,
      );
      await shot(popup, 'view-vault-search');
      await popup.keyboard.press('ArrowDown');
      await popup.keyboard.press('ArrowDown');
      await popup.keyboard.press('Enter');
      await popup.waitForFunction(() => document.querySelector('h1')?.textContent !== 'Opening…');
      const opened = await popup.$eval('h1', (h) => h.textContent);
      expect(['Posta di lavoro', 'Codice del portone']).toContain(opened);
    });

    it('deletes an item and brings it back with Undo', async () => {
      const title = await popup.$eval('h1', (h) => h.textContent ?? '');
      await click(popup, 'Delete');
      await popup.waitForSelector('input[type="search"]');
      expect(await bodyText(popup)).toContain(`“${title}” deleted.`);
      await click(popup, 'Undo');
      await heading(popup, title);
    });

    it('copies a password and sees the clipboard cleared after the chosen delay', async () => {
      if (device.name === 'chromium') {
        await device.browser
          .defaultBrowserContext()
          .overridePermissions(device.extensionOrigin, ['clipboard-read', 'clipboard-write']);
      }
      await click(popup, 'Settings', 'button');
      await heading(popup, 'Settings');
      const delay = await field(popup, 'Clear copied passwords from the clipboard after');
      await delay.select('10');
      await sleep(300);
      await shot(popup, 'view-settings');
      // Chrome's shortcuts page is a tab; Firefox's is the add-ons manager's, whose tab BiDi
      // reports as about:blank and never as changed, so the open pages are polled for it.
      const shortcutsPage =
        device.name === 'chromium' ? 'chrome://extensions/shortcuts' : 'about:addons';
      await click(popup, 'Change shortcuts in the browser');
      await expect
        .poll(async () =>
          (await device.browser.pages()).find((p) => p.url().startsWith(shortcutsPage)),
        )
        .toBeDefined();
      for (const page of await device.browser.pages()) {
        if (page.url().startsWith(shortcutsPage)) await page.close();
      }
      // A second extension page reads the clipboard; the popup comes back to the front to be used.
      const reader = await device.openExtensionPage('/popup.html');
      await popup.bringToFront();

      await click(popup, 'Vault', 'button');
      await fill(popup, 'Search the vault', 'banca');
      await popup.waitForSelector('[data-ready][data-count="1"]');
      await popup.locator(aria('Copy username of Banca')).click();
      await popup.waitForFunction(() => document.body.innerText.includes('Copied.'));
      expect(await readClipboard(reader)).toBe('g.rossi');
      await popup.bringToFront();
      await popup.locator(aria('Copy password of Banca')).click();
      await popup.waitForFunction(() => document.body.innerText.includes('Password copied.'));
      const copied = await readClipboard(reader);
      expect(copied).toHaveLength(20);
      expect(await bodyText(popup)).toContain('cleared in 10 s');
      await shot(popup, 'view-vault-copied');
      const deadline = Date.now() + 20_000;
      let now = copied;
      while (Date.now() < deadline && now === copied) {
        await sleep(500);
        now = await readClipboard(reader);
      }
      expect(now).toBe('');
      await reader.close();
    });

    it('generates passwords and passphrases with their entropy', async () => {
      await click(popup, 'Generator', 'button');
      await heading(popup, 'Password generator');
      await popup.waitForSelector('[data-entropy]');
      const first = await popup.$eval('output', (o) => o.textContent ?? '');
      expect(first).toHaveLength(20);
      await shot(popup, 'view-generator');
      await popup.locator(aria('Words (passphrase)')).click();
      await popup.waitForFunction(
        () => (document.querySelector('output')?.textContent ?? '').split('-').length === 5,
      );
      expect(
        Number(await popup.$eval('[data-entropy]', (p) => p.getAttribute('data-entropy'))),
      ).toBeGreaterThan(50);
      await shot(popup, 'view-generator-passphrase');
    });
  });

  describe('device B: signing in with the kit', () => {
    it('reads the downloaded QR image and signs in', async () => {
      const deviceB = await launch(true);
      const popup = await openPopup(deviceB);
      await click(popup, 'Sign in with an existing account');
      await heading(popup, 'Sign in on this device');
      await shot(popup, 'view-signin');
      const picker = await popup.$('input[type="file"]');
      await picker!.uploadFile(await waitForFile('.png'));
      await popup.waitForFunction(() => document.body.innerText.includes('Setup code read'), {
        timeout: 20_000,
      });
      expect(await fieldValue(popup, 'Email')).toBe(EMAIL);
      expect(await fieldValue(popup, 'Account key')).toBe(accountKey);
      expect(await bodyText(popup)).toContain(`Sync server: ${server.url}`);
      expect(await bodyText(popup)).toContain('The account key looks right.');
      await fill(popup, 'Account password', PASSWORD);
      await shot(popup, 'view-signin-scanned');
      await click(popup, 'Sign in');
      await popup.waitForSelector('[data-ready][data-count="3"]', { timeout: 30_000 });
      await shot(popup, 'view-vault-device-b');

      await prefersDark(deviceB, popup);
      const background = await popup.evaluate(
        () => getComputedStyle(document.body).backgroundColor,
      );
      expect(background).toBe('rgb(20, 25, 31)');
      await saveScreenshot(popup, 'view-vault-dark');
    });
  });
});
