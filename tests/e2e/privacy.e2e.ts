/**
 * The privacy page (issue 13), in real Chromium and Firefox ESR: Settings links to it, and it says
 * what is stored where on the device and what the sync server can and cannot see, under headings
 * and landmarks a screen reader can jump between.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type ExtensionBrowser } from '../support/browsers';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { suiteBrowsers } from './languages';
import { signedUp } from './signed-up';
import { aria, click, heading, openPopup } from './popup-page';

const TITLE = 'What Cassaforte keeps, and where';

async function outline(page: Page) {
  return page.evaluate(() => ({
    banner: document.querySelectorAll('header h1').length,
    main: document.querySelectorAll('main').length,
    sections: [...document.querySelectorAll('main section')].map((section) => ({
      name: document.getElementById(section.getAttribute('aria-labelledby') ?? '')?.textContent,
      level: section.querySelector('h2') ? 2 : 0,
    })),
    text: document.body.innerText,
    lang: document.documentElement.lang,
    title: document.title,
  }));
}

describe.each(suiteBrowsers)('%s privacy page', (browserName) => {
  const extensionDir = builtExtensionDir(browserName);
  let server: E2eServer;
  let extension: ExtensionBrowser;

  beforeAll(async () => {
    server = await startE2eServer();
    extension = await launchBrowser(browserName, { extensionDir, serverUrl: server.url });
  });
  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });

  it('is linked from Settings', async () => {
    await signedUp(extension, extensionDir, server, `privacy-${browserName}`);
    const popup = await openPopup(extension);
    await click(popup, 'Settings');
    await heading(popup, 'Settings');
    const link = await popup.waitForSelector(aria('What is stored where (privacy)', 'link'));
    const href = await link!.evaluate((a) => (a as HTMLAnchorElement).href);
    expect(new URL(href).pathname).toBe('/privacy.html');
    expect(new URL(href).origin).toBe(new URL(popup.url()).origin);
  });

  it('says what stays on the device and what the server can and cannot see', async () => {
    const page = await extension.openExtensionPage('/privacy.html');
    await heading(page, TITLE);
    const found = await outline(page);
    expect(found).toMatchObject({ banner: 1, main: 1, lang: expect.stringMatching(/^en/) });
    expect(found.title).toBe(TITLE);
    expect(found.sections).toEqual([
      { name: 'On this device', level: 2 },
      { name: 'On the sync server', level: 2 },
      { name: 'Nothing else', level: 2 },
    ]);
    for (const statement of [
      'The vault database (IndexedDB): your items, encrypted with your vault key',
      'In memory only (storage.session), while unlocked: the vault key',
      'Wiped when the vault locks and when the browser closes.',
      'Browser storage (storage.local): your settings',
      'The server stores your email address; your items as ciphertext it cannot read',
      'your plan and license; and the devices signed in',
      'The server never receives your account password or your account key',
      'No analytics, no ads, no third parties',
    ]) {
      expect(found.text).toContain(statement);
    }
  });
});
