/**
 * Issue 13: in Firefox the account key wrapped onto two lines in the popup's Emergency Kit view
 * (one line in Chromium). In real Chromium and Firefox ESR from the same code, the key sits on
 * one line, whole, in the 380-px popup and on the kit's full-tab page.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../support/accounts';
import { launchBrowser, type ExtensionBrowser } from '../support/browsers';
import { messenger } from '../support/messages';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { suiteBrowsers } from './languages';
import { heading, openPopup } from './popup-page';

/** The key's text: its lines (distinct tops of its text boxes), and whether it fits its box. */
async function keyLayout(page: Page) {
  const key = await page.waitForSelector('[data-account-key]', { timeout: 20_000 });
  return key!.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
    const box = element.getBoundingClientRect();
    const text = range.getBoundingClientRect();
    return {
      text: element.textContent?.trim() ?? '',
      lines: tops.size,
      fits: text.left >= box.left - 0.5 && text.right <= box.right + 0.5,
    };
  });
}

describe.each(suiteBrowsers)('%s account key in the kit', (browserName) => {
  const extensionDir = builtExtensionDir(browserName);
  let server: E2eServer;
  let extension: ExtensionBrowser;

  beforeAll(async () => {
    server = await startE2eServer();
    extension = await launchBrowser(browserName, { extensionDir, serverUrl: server.url });
    const send = messenger(await extension.openExtensionPage('/popup.html'), extensionDir);
    await createAccount(send, server, {
      email: `kit-${browserName}-${Date.now()}@example.com`,
      password: 'meadow-copper-lantern-brisk-2',
      hint: '',
      serverUrl: server.url,
    });
  });
  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });

  it('shows the key on one line in the popup', async () => {
    const popup = await openPopup(extension);
    await heading(popup, 'Save your Emergency Kit');
    const layout = await keyLayout(popup);
    expect(layout.text).toMatch(/^CF1-/);
    expect(layout).toMatchObject({ lines: 1, fits: true });
  });

  it('shows the key on one line on the printable page', async () => {
    const page = await extension.openExtensionPage('/kit.html');
    await page.setViewport({ width: 800, height: 1000 });
    await heading(page, 'Cassaforte Emergency Kit');
    expect(await keyLayout(page)).toMatchObject({ lines: 1, fits: true });
  });
});
