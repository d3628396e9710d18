/**
 * Issue 5's journeys as a person would go through them, in real Chromium and Firefox ESR from the
 * same code, with the built extension and the real server: every step finds controls by their
 * accessible names (puppeteer's `::-p-aria(…)`), and a screenshot of every view lands in
 * tests/artifacts (Firefox's with a `-firefox` suffix). The items journeys are in
 * popup-journeys-items.e2e.ts; the steps they share are in popup-page.ts.
 *
 * This file: the account. Device A creates it and saves its Emergency Kit (the printable page's
 * QR image and HTML file are really downloaded), locks, is shown its hint and starts a reset;
 * device C gives the account key by typing it and by pasting or dropping the kit's picture.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailedCode } from '../support/accounts';
import type { ExtensionBrowser } from '../support/browsers';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { launchJourneyBrowser } from './journey-browser';
import { suiteBrowsers } from './languages';
import {
  aria,
  bodyText,
  click,
  downloadFolder,
  fieldValue,
  fill,
  focusedName,
  heading,
  openPopup,
  shot as saveShot,
  sleep,
} from './popup-page';

const PASSWORD = 'velvet-harbor-quiet-lantern-7';
const HINT = 'the lantern by the harbour';

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
  const shot = (page: Page, name: string) =>
    saveShot(page, browserName === 'chromium' ? name : `${name}-${browserName}`);
  let accountKey = '';

  async function launch(): Promise<ExtensionBrowser> {
    const extension = await launchJourneyBrowser(browserName, {
      extensionDir,
      serverUrl: server.url,
      downloadDir: downloads.dir,
    });
    browsers.push(extension);
    return extension;
  }

  afterAll(async () => {
    for (const extension of browsers) await extension.close();
    downloads.remove();
  });

  describe('device A: a new account', () => {
    let device: ExtensionBrowser;
    let popup: Page;

    it('welcomes, takes a self-hosted server, and refuses a common password with reasons', async () => {
      device = await launch();
      popup = await openPopup(device);
      await heading(popup, 'Welcome to Cassaforte');
      await shot(popup, 'view-welcome');

      await popup.locator('summary').click();
      await fill(popup, 'Sync server', server.url);
      await click(popup, 'Use this server');
      expect(await bodyText(popup)).toContain('Saved. New accounts and sign-ins use this server.');

      await click(popup, 'Create an account');
      await heading(popup, 'Create your account');
      expect(await focusedName(popup)).not.toBe('BODY'); // the email field has focus
      await fill(popup, 'Email', EMAIL);
      await fill(popup, 'Account password', 'Passw0rd2024');
      await fill(popup, 'Account password, again', 'Passw0rd2024');
      await click(popup, 'Continue');
      const text = await bodyText(popup);
      expect(text).toContain('This is one of the most used passwords');
      expect(text).toContain('Choose a stronger password');
      await shot(popup, 'view-create-weak');
    });

    it('creates the account with the emailed code and shows the Emergency Kit with its QR code', async () => {
      await fill(popup, 'Account password', PASSWORD);
      await fill(popup, 'Account password, again', PASSWORD);
      await fill(popup, 'Password hint (optional)', HINT);
      expect(await bodyText(popup)).toContain('Strong');
      await shot(popup, 'view-create');
      await click(popup, 'Continue');
      await heading(popup, 'Check your email');
      await popup.locator(aria('Code from the email')).click();
      await popup.keyboard.type((await emailedCode(server, EMAIL)).toLowerCase());
      await click(popup, 'Create account');
      await heading(popup, 'Save your Emergency Kit');
      accountKey = await popup.$eval('[data-account-key]', (e) => e.textContent ?? '');
      expect(accountKey).toMatch(/^CF1-[0-9A-Z]{6}(-[0-9A-Z]{5}){3}-[0-9A-Z]{6}$/);
      expect(await bodyText(popup)).toContain('Nobody, not even Cassaforte, can recover');
      await popup
        .locator(aria('QR code with your setup code: email, server and account key'))
        .wait();
      await shot(popup, 'view-kit');
    });

    it('prints and downloads the kit from its full-tab page', async () => {
      const kitPage = await device.openExtensionPage('/kit.html');
      await kitPage.setViewport({ width: 900, height: 1000 });
      await heading(kitPage, 'Cassaforte Emergency Kit');
      expect(await bodyText(kitPage)).toContain(accountKey);
      await shot(kitPage, 'page-kit');
      await click(kitPage, 'Save QR code as image');
      await waitForFile('.png');
      await click(kitPage, 'Download kit');
      const html = readFileSync(await waitForFile('.html'), 'utf8');
      expect(html).toContain(accountKey);
      expect(html).toContain(EMAIL);
      expect(html).toContain('data:image/svg+xml');
      await kitPage.close();
    });

    it('opens the vault only after "I have saved my kit", with the search focused', async () => {
      const open = await popup.$(aria('Open my vault', 'button'));
      expect(await open!.evaluate((b) => (b as HTMLButtonElement).disabled)).toBe(true);
      await popup
        .locator(aria('I have printed or saved my Emergency Kit, and I know where it is.'))
        .click();
      await click(popup, 'Open my vault');
      await popup.waitForSelector('input[type="search"]');
      await popup.waitForFunction(
        () => document.activeElement?.getAttribute('aria-label') === 'Search the vault',
      );
      expect(await bodyText(popup)).toMatch(/Locks in \d+:\d\d/);
      await shot(popup, 'view-vault-empty');
    });

    it('locks, shows the hint after a wrong password, and starts a reset that sends an email', async () => {
      await click(popup, 'Lock');
      await heading(popup, 'Unlock Cassaforte');
      expect(await bodyText(popup)).toContain('You locked Cassaforte.');
      await fill(popup, 'Account password', 'not my password');
      await click(popup, 'Unlock');
      await popup.waitForSelector('[data-hint]', { timeout: 20_000 });
      const text = await bodyText(popup);
      expect(text).toContain('That password is not right.');
      expect(text).toContain(`Your hint: ${HINT}`);
      await shot(popup, 'view-unlock-failed');

      await click(popup, 'Forgot your password?');
      await heading(popup, 'Reset your account?');
      await popup.locator(aria('No, I cannot unlock it anywhere')).click();
      expect(await bodyText(popup)).toContain('A reset keeps');
      await shot(popup, 'view-reset');
      await click(popup, 'Start reset');
      await popup.waitForSelector('[data-reset-sent]', { timeout: 20_000 });
      expect(await bodyText(popup)).toContain('Check your email.');
      await shot(popup, 'view-reset-sent');
      let mail: string | undefined;
      for (let i = 0; i < 50 && !mail; i++) {
        mail = (await server.outbox()).find((m) => m.includes(EMAIL));
        if (!mail) await sleep(200);
      }
      expect(mail).toBeDefined();

      await click(popup, 'Back');
      await fill(popup, 'Account password', PASSWORD);
      await click(popup, 'Unlock');
      await popup.waitForSelector('input[type="search"]', { timeout: 20_000 });
    });
  });

  describe('device C: other ways to give the account key', () => {
    let deviceC: ExtensionBrowser;
    let popup: Page;

    /** A fresh popup on the sign-in view (a new page: in Firefox a `goto` to it never resolves). */
    async function signInView(): Promise<void> {
      deviceC ??= await launch();
      await popup?.close();
      popup = await openPopup(deviceC);
      await click(popup, 'Sign in with an existing account');
      await heading(popup, 'Sign in on this device');
    }

    const value = (name: string) => fieldValue(popup, name);

    it('formats a typed key and catches a typo with the check character', async () => {
      await signInView();
      const bare = accountKey.slice(4).replace(/-/g, '').toLowerCase();
      await popup.locator(aria('Account key')).click();
      await popup.keyboard.type(bare.slice(0, 10));
      expect(await value('Account key')).toBe(accountKey.slice(0, 4 + 6 + 1 + 4));
      await popup.keyboard.type(bare.slice(10));
      expect(await value('Account key')).toBe(accountKey);
      expect(await bodyText(popup)).toContain('The account key looks right.');

      const last = accountKey.at(-1) === '7' ? '8' : '7';
      await popup.keyboard.press('Backspace');
      await popup.keyboard.type(last);
      await popup.waitForFunction(() => document.body.innerText.includes('has a typo'));
      await shot(popup, 'view-signin-typo');
    });

    it('reads the kit from a pasted picture and from a dropped one', async () => {
      const png = readFileSync(await waitForFile('.png')).toString('base64');
      for (const how of ['paste', 'drop'] as const) {
        await signInView();
        if (how === 'paste') await pastePicture(popup, png);
        else await dropPicture(popup, png);
        await popup.waitForFunction(() => document.body.innerText.includes('Setup code read'), {
          timeout: 20_000,
        });
        expect(await value('Email'), how).toBe(EMAIL);
        expect(await value('Account key'), how).toBe(accountKey);
      }
    });
  });
});

/**
 * Pastes a PNG (base64) into the page: a paste event carrying the file, as the browser fires it
 * when a user pastes a picture. Firefox builds a synthetic ClipboardEvent's data from the legacy
 * `dataType`/`data` fields and ignores the `clipboardData` given, and headless Firefox's clipboard
 * holds only text (a real Ctrl+V of an image arrived with no files), so there the event is handed
 * its data as an own property; the view's paste handler reads it the same way in both.
 */
async function pastePicture(popup: Page, base64: string): Promise<void> {
  await popup.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'kit.png', { type: 'image/png' }));
    const event = new ClipboardEvent('paste', { clipboardData: data });
    if (event.clipboardData?.files.length !== 1) {
      Object.defineProperty(event, 'clipboardData', { value: data });
    }
    document.dispatchEvent(event);
  }, base64);
}

/** Drops a PNG (base64) on the sign-in view's account key box. */
async function dropPicture(popup: Page, base64: string): Promise<void> {
  await popup.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'kit.png', { type: 'image/png' }));
    const zone = document.querySelector('fieldset')!;
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true }));
  }, base64);
}
