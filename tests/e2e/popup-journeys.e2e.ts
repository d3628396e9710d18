/**
 * Issue 5's journeys as a person would go through them, in real Chromium with the built extension
 * and the real server: every step finds controls by their accessible names (puppeteer's
 * `::-p-aria(…)`), and a screenshot of every view lands in tests/artifacts.
 *
 * Device A creates the account and saves its Emergency Kit (the printable page's QR image and
 * HTML file are really downloaded); device B signs in by uploading that QR image, which
 * qr-scanner decodes back into the same email, server and account key.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../support/artifacts';
import { launchChromium, type ChromiumExtensionBrowser } from '../support/browsers';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';

const EMAIL = `giulia-${Date.now()}@example.com`;
const PASSWORD = 'velvet-harbor-quiet-lantern-7';
const HINT = 'the lantern by the harbour';
const extensionDir = builtExtensionDir('chromium');

let server: E2eServer;
const browsers: ChromiumExtensionBrowser[] = [];
const downloads = mkdtempSync(join(tmpdir(), 'cassaforte-downloads-'));
let accountKey = '';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const aria = (name: string, role?: string) =>
  role ? `::-p-aria([name="${name}"][role="${role}"])` : `::-p-aria(${name})`;

async function launch(): Promise<ChromiumExtensionBrowser> {
  const chromium = await launchChromium({ extensionDir, serverUrl: server.url });
  browsers.push(chromium);
  return chromium;
}

async function openPopup(chromium: ChromiumExtensionBrowser): Promise<Page> {
  const page = await chromium.openExtensionPage('/popup.html');
  await page.setViewport({ width: 380, height: 600 });
  return page;
}

async function click(page: Page, name: string, role = 'button'): Promise<void> {
  await page.locator(aria(name, role)).click();
}

async function fill(page: Page, name: string, value: string): Promise<void> {
  await page.locator(aria(name)).fill(value);
}

async function heading(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('h1')].some((h) => h.textContent === t),
    { timeout: 20_000 },
    text,
  );
}

const CONTROL_ROLES = new Set([
  'button',
  'textbox',
  'searchbox',
  'checkbox',
  'radio',
  'combobox',
  'link',
  'slider',
]);

interface AxNode {
  role: string;
  name?: string;
  children?: AxNode[];
}

/** Every control the accessibility tree shows has a name a screen reader can say. */
async function expectNamedControls(page: Page): Promise<void> {
  const unnamed: string[] = [];
  let controls = 0;
  const walk = (node: AxNode | null | undefined) => {
    if (!node) return;
    if (CONTROL_ROLES.has(node.role)) controls++;
    if (CONTROL_ROLES.has(node.role) && !node.name?.trim()) unnamed.push(node.role);
    node.children?.forEach(walk);
  };
  walk((await page.accessibility.snapshot({ interestingOnly: true })) as AxNode | null);
  expect(controls, 'the accessibility tree shows the controls').toBeGreaterThan(0);
  expect(unnamed, 'controls without an accessible name').toEqual([]);
}

/** A screenshot of the view, after checking that each of its controls has a name. */
async function shot(page: Page, name: string): Promise<void> {
  await expectNamedControls(page);
  await saveScreenshot(page, name);
}

async function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return element?.getAttribute('aria-label') ?? element?.id ?? element?.tagName ?? '';
  });
}

async function allowDownloads(browser: Browser): Promise<void> {
  const session = await browser.target().createCDPSession();
  await session.send('Browser.setDownloadBehavior', {
    behavior: 'allow',
    downloadPath: downloads,
  });
}

async function waitForFile(suffix: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const name = readdirSync(downloads).find((n) => n.endsWith(suffix));
    if (name && !existsSync(join(downloads, `${name}.crdownload`))) return join(downloads, name);
    await sleep(100);
  }
  throw new Error(`no ${suffix} was downloaded`);
}

beforeAll(async () => {
  server = await startE2eServer({ defaultPlan: 'pro' });
});

afterAll(async () => {
  for (const chromium of browsers) await chromium.close();
  await server?.close();
  rmSync(downloads, { recursive: true, force: true });
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
    await click(popup, 'Create account');
    const text = await bodyText(popup);
    expect(text).toContain('This is one of the most used passwords');
    expect(text).toContain('Choose a stronger password');
    await shot(popup, 'view-create-weak');
  });

  it('creates the account and shows the Emergency Kit with its QR code', async () => {
    await fill(popup, 'Account password', PASSWORD);
    await fill(popup, 'Account password, again', PASSWORD);
    await fill(popup, 'Password hint (optional)', HINT);
    expect(await bodyText(popup)).toContain('Strong');
    await shot(popup, 'view-create');
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

    popup = await openPopup(chromium);
    await heading(popup, 'Edit item');
    await popup.waitForFunction(() =>
      document.body.innerText.includes('Your unsaved changes are back.'),
    );
    expect(await popup.$eval(aria('Title'), (e) => (e as HTMLInputElement).value)).toBe(
      'Posta di lavoro',
    );
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
      if (kind === 'note') await popup.locator(aria('Notes')).fill('4711 then #');
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
    await chromium.browser
      .defaultBrowserContext()
      .overridePermissions(chromium.extensionOrigin, ['clipboard-read', 'clipboard-write']);
    await click(popup, 'Settings', 'button');
    await heading(popup, 'Settings');
    await popup.locator(aria('Clear copied passwords from the clipboard after')).wait();
    await popup.$eval(aria('Clear copied passwords from the clipboard after'), (s) => {
      const select = s as HTMLSelectElement;
      select.value = '10';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await sleep(300);
    await shot(popup, 'view-settings');
    const shortcuts = chromium.browser.waitForTarget((t) =>
      t.url().startsWith('chrome://extensions/shortcuts'),
    );
    await click(popup, 'Change shortcuts in the browser');
    await (await (await shortcuts).asPage())?.close();

    await click(popup, 'Vault', 'button');
    await fill(popup, 'Search the vault', 'banca');
    await popup.waitForSelector('[data-ready][data-count="1"]');
    await popup.locator(aria('Copy username of Banca')).click();
    await popup.waitForFunction(() => document.body.innerText.includes('Copied.'));
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe('g.rossi');
    await popup.locator(aria('Copy password of Banca')).click();
    await popup.waitForFunction(() => document.body.innerText.includes('Password copied.'));
    const copied = await popup.evaluate(() => navigator.clipboard.readText());
    expect(copied).toHaveLength(20);
    expect(await bodyText(popup)).toContain('cleared in 10 s');
    await shot(popup, 'view-vault-copied');
    const deadline = Date.now() + 20_000;
    let now = copied;
    while (Date.now() < deadline && now === copied) {
      await sleep(500);
      now = await popup.evaluate(() => navigator.clipboard.readText());
    }
    expect(now).toBe('');
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

describe('device B: signing in with the kit', () => {
  it('reads the downloaded QR image and signs in', async () => {
    const chromium = await launch();
    const popup = await openPopup(chromium);
    await click(popup, 'Sign in with an existing account');
    await heading(popup, 'Sign in on this device');
    await shot(popup, 'view-signin');
    const picker = await popup.$('input[type="file"]');
    await picker!.uploadFile(await waitForFile('.png'));
    await popup.waitForFunction(() => document.body.innerText.includes('Setup code read'), {
      timeout: 20_000,
    });
    expect(await popup.$eval(aria('Email'), (e) => (e as HTMLInputElement).value)).toBe(EMAIL);
    expect(await popup.$eval(aria('Account key'), (e) => (e as HTMLInputElement).value)).toBe(
      accountKey,
    );
    expect(await bodyText(popup)).toContain(`Sync server: ${server.url}`);
    expect(await bodyText(popup)).toContain('The account key looks right.');
    await fill(popup, 'Account password', PASSWORD);
    await shot(popup, 'view-signin-scanned');
    await click(popup, 'Sign in');
    await popup.waitForSelector('[data-ready][data-count="3"]', { timeout: 30_000 });
    await shot(popup, 'view-vault-device-b');

    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    const background = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(20, 25, 31)');
    await saveScreenshot(popup, 'view-vault-dark');
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
