/**
 * A device signed out by another one (issue 11), as the person at it sees it, in real Chromium
 * and Firefox ESR from the same code, with the built extension and the real server.
 *
 * Profile B is signed in with two items, its popup open on the vault. Another device signs it out
 * (as Settings → Devices does, over the API): B hears it on the live channel, says who did it and
 * when, and keeps its items; it still holds the account key, so the password alone signs it in
 * again, and its items are there. (A reset done elsewhere, and bringing old items into the new
 * vault, are account-reset.e2e.ts's journey.)
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountElsewhere, signOutElsewhere } from '@/tests/support/elsewhere';
import { signInOtherDevice } from '@/tests/support/other-device';
import { launchBrowser, type ExtensionBrowser } from '../support/browsers';
import { messenger } from '../support/messages';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { suiteBrowsers } from './languages';
import { bodyText, click, heading, inVault, openPopup, shot, waitForText } from './popup-page';
import { type } from './reset-steps';

const PASSWORD = 'amber-falcon-quiet-river-5';

describe.each(suiteBrowsers)('%s: signed out by another device', (browserName) => {
  const extensionDir = builtExtensionDir(browserName);
  const email = `kept-${browserName}-${Date.now()}@example.com`;
  let server: E2eServer;
  let b: ExtensionBrowser;
  let accountKey = '';
  let popup: Page;

  beforeAll(async () => {
    server = await startE2eServer();
    ({ accountKey } = await createAccountElsewhere({
      serverUrl: server.url,
      dataDir: server.dataDir,
      email,
      password: PASSWORD,
    }));
    b = await launchBrowser(browserName, { extensionDir, serverUrl: server.url });
    const send = messenger(await b.openExtensionPage('/popup.html'), extensionDir);
    await send('account.signIn', { email, password: PASSWORD, accountKey, serverUrl: server.url });
    await send('vault.save', { item: { type: 'login', title: 'GitHub', password: 'gh-1' } });
    await send('vault.save', { item: { type: 'login', title: 'Bank', password: 'bank-1' } });
    expect(await send('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
  }, 90_000);
  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  it('is signed out by another device at once, says so, and keeps the items', async () => {
    popup = await openPopup(b);
    await inVault(popup, 'Bank');
    const other = await signInOtherDevice({
      serverUrl: server.url,
      email,
      password: PASSWORD,
      accountKey,
    });
    // The popup is open on the vault: the live channel hears it, nobody clicks.
    expect(await signOutElsewhere({ serverUrl: server.url, token: other.token })).toBe(1);
    await heading(popup, 'Welcome to Cassaforte');
    await waitForText(popup, 'Signed out by other device on ');
    await waitForText(popup, '2 items are kept on this device until');
    await shot(popup, `view-signed-out-by-device-${browserName}`);
  });

  it('signs in again with the password alone, and the items are there', async () => {
    await click(popup, 'Sign in with an existing account');
    await heading(popup, 'Sign in on this device');
    await waitForText(popup, `This device still has the account key of ${email}`);
    await shot(popup, `view-signin-key-kept-${browserName}`);
    await type(popup, 'Account password', PASSWORD);
    await click(popup, 'Sign in');
    await inVault(popup, 'Bank');
    await waitForText(popup, 'GitHub');
    expect(await bodyText(popup)).not.toContain('kept on this device');
  });
});
