/**
 * Issue 5's journeys as a person would go through them, in real Chromium with the built extension
 * and the real server: every step finds controls by their accessible names (puppeteer's
 * `::-p-aria(…)`), and a screenshot of every view lands in tests/artifacts. The items journeys
 * are in popup-journeys-items.e2e.ts; the steps they share are in popup-page.ts.
 *
 * This file: the account. Device A creates it and saves its Emergency Kit (the printable page's
 * QR image and HTML file are really downloaded), locks, is shown its hint and starts a reset;
 * device C gives the account key by typing it and by pasting or dropping the kit's picture.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailedCode } from '../support/accounts';
import { launchChromium, type ChromiumExtensionBrowser } from '../support/browsers';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import {
  aria,
  bodyText,
  click,
  downloadFolder,
  fill,
  focusedName,
  heading,
  openPopup,
  shot,
  sleep,
} from './popup-page';

const EMAIL = `giulia-${Date.now()}@example.com`;
const PASSWORD = 'velvet-harbor-quiet-lantern-7';
const HINT = 'the lantern by the harbour';
const extensionDir = builtExtensionDir('chromium');

let server: E2eServer;
const browsers: ChromiumExtensionBrowser[] = [];
const downloads = downloadFolder();
const { allowDownloads, waitForFile } = downloads;
let accountKey = '';

async function launch(): Promise<ChromiumExtensionBrowser> {
  const chromium = await launchChromium({ extensionDir, serverUrl: server.url });
  browsers.push(chromium);
  return chromium;
}

beforeAll(async () => {
  server = await startE2eServer({ defaultPlan: 'pro' });
});

afterAll(async () => {
  for (const chromium of browsers) await chromium.close();
  await server?.close();
  downloads.remove();
});

describe('device A: a new account', () => {
  let chromium: ChromiumExtensionBrowser;
  let popup: Page;

  it('welcomes, takes a self-hosted server, and refuses a common password with reasons', async () => {
    chromium = await launch();
    popup = await openPopup(chromium);
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
    await popup.locator(aria('QR code with your setup code: email, server and account key')).wait();
    await shot(popup, 'view-kit');
  });

  it('prints and downloads the kit from its full-tab page', async () => {
    await allowDownloads(chromium.browser);
    const kitPage = await chromium.openExtensionPage('/kit.html');
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
  let popup: Page;

  async function signInView(): Promise<void> {
    await popup.goto(popup.url());
    await click(popup, 'Sign in with an existing account');
    await heading(popup, 'Sign in on this device');
  }

  const value = (name: string) => popup.$eval(aria(name), (e) => (e as HTMLInputElement).value);

  it('formats a typed key and catches a typo with the check character', async () => {
    popup = await openPopup(await launch());
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
      await popup.evaluate(
        async (base64, kind) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const data = new DataTransfer();
          data.items.add(new File([bytes], 'kit.png', { type: 'image/png' }));
          if (kind === 'paste') {
            document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data }));
          } else {
            const zone = document.querySelector('fieldset')!;
            zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true }));
          }
        },
        png,
        how,
      );
      await popup.waitForFunction(() => document.body.innerText.includes('Setup code read'), {
        timeout: 20_000,
      });
      expect(await value('Email'), how).toBe(EMAIL);
      expect(await value('Account key'), how).toBe(accountKey);
    }
  });
});
