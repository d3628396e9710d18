/**
 * Issue 13: a new user on Firefox saw "cleared in 10 s" and still had the password on the
 * clipboard at 40 s. Here, in real Chromium and Firefox ESR from the same code, a password is
 * copied from the popup with the shortest delay Settings offer, and after it the clipboard no
 * longer holds it. The clipboard is read from an extension page of the build under test
 * (the extension asks for `clipboardRead`); Chromium also wants the page's permission granted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type ExtensionBrowser } from '../support/browsers';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { suiteBrowsers } from './languages';
import { signedUp } from './signed-up';
import {
  aria,
  bodyText,
  click,
  fill,
  heading,
  openPopup,
  readClipboard,
  sleep,
} from './popup-page';

const CLIPBOARD = 'Clear copied passwords from the clipboard after';
const SAVED_PASSWORD = 'quartz-ember-1-willow';

describe.each(suiteBrowsers)('%s clipboard', (browserName) => {
  const extensionDir = builtExtensionDir(browserName);
  let server: E2eServer;
  let extension: ExtensionBrowser;

  beforeAll(async () => {
    server = await startE2eServer();
    extension = await launchBrowser(browserName, { extensionDir, serverUrl: server.url });
    if (extension.name === 'chromium') {
      await extension.browser
        .defaultBrowserContext()
        .overridePermissions(extension.extensionOrigin, ['clipboard-read', 'clipboard-write']);
    }
  });
  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });

  it('clears a copied password after the shortest delay', async () => {
    const send = await signedUp(extension, extensionDir, server, `clipboard-${browserName}`);
    await send('vault.save', {
      item: { type: 'login', title: 'Banca', username: 'g.rossi', password: SAVED_PASSWORD },
    });

    const popup = await openPopup(extension);
    await click(popup, 'Settings');
    await heading(popup, 'Settings');
    const select = await popup.waitForSelector(aria(CLIPBOARD), { timeout: 20_000 });
    const shortest = await select!.evaluate((s) => (s as HTMLSelectElement).options[0]!.value);
    await select!.select(shortest);
    await expect
      .poll(async () => (await send('settings.get', {})).clipboardClearSeconds)
      .toBe(Number(shortest));

    await click(popup, 'Vault');
    await fill(popup, 'Search the vault', 'banca');
    await popup.waitForSelector('[data-ready][data-count="1"]');
    await popup.locator(aria('Copy password of Banca')).click();
    await popup.waitForFunction(() => document.body.innerText.includes('Password copied.'));
    expect(await bodyText(popup)).toContain(`cleared in ${shortest} s`);
    const reader = await extension.openExtensionPage('/popup.html');
    expect(await readClipboard(reader)).toBe(SAVED_PASSWORD);

    // Cleared at the delay, give or take the alarm's and the page's start (a few seconds).
    const deadline = Date.now() + Number(shortest) * 1000 + 15_000;
    let held = SAVED_PASSWORD;
    while (Date.now() < deadline && held === SAVED_PASSWORD) {
      await sleep(500);
      held = await readClipboard(reader);
    }
    expect(held).not.toBe(SAVED_PASSWORD);
    expect(held).toBe('');
  });
});
