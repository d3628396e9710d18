/**
 * Every other device after a reset (issue 11), as the person at that device sees it, in real
 * Chromium and Firefox ESR from the same code, with the built extension and the real server.
 *
 * Profile B is signed in with two items, and changes one while the server cannot be reached (a
 * proxy cuts its sync). The account is reset elsewhere, over the API (tests/support/elsewhere.ts;
 * the reset page itself is another journey). B signs itself out saying when, keeping its items;
 * signs in with the new account key, email already filled in; refuses a wrong old password; brings
 * its items in with the right one; and another device, signed in anew, reads them on the server.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccountElsewhere,
  resetElsewhere,
  signOutElsewhere,
  type ResetDone,
} from '@/tests/support/elsewhere';
import { signInOtherDevice, type OtherDevice } from '@/tests/support/other-device';
import { launchBrowser, type ExtensionBrowser } from '../support/browsers';
import { startHostileServer, type HostileServer } from '../support/hostile-server';
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
  waitForText,
} from './popup-page';

const OLD_PASSWORD = 'amber-falcon-quiet-river-5';

/**
 * Types into the field labelled `label`, found as a person finds it, by its visible label (in
 * Firefox over BiDi `::-p-aria` does not find a password input by its name).
 */
async function fillField(page: Page, label: string, value: string): Promise<void> {
  const id = await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll('label')].find((l) => l.textContent === text)?.htmlFor ||
      undefined,
    { timeout: 20_000 },
    label,
  );
  await page.locator(`[id="${String(await id.jsonValue())}"]`).fill(value);
}

describe.each(suiteBrowsers)('%s: a reset done on another device', (browserName) => {
  const extensionDir = builtExtensionDir(browserName);
  const email = `kept-${browserName}-${Date.now()}@example.com`;
  let server: E2eServer;
  let proxy: HostileServer;
  let b: ExtensionBrowser;
  let send: ReturnType<typeof messenger>;
  let accountId = '';
  let reset: ResetDone;
  let popup: Page;

  beforeAll(async () => {
    server = await startE2eServer();
    // B talks to the server through a proxy that can cut it off; the other device does not.
    proxy = await startHostileServer({ target: server.url });
    const created = await createAccountElsewhere({
      serverUrl: server.url,
      dataDir: server.dataDir,
      email,
      password: OLD_PASSWORD,
    });
    accountId = created.accountId;
    b = await launchBrowser(browserName, { extensionDir, serverUrl: proxy.url });
    send = messenger(await b.openExtensionPage('/popup.html'), extensionDir);
    await send('account.signIn', {
      email,
      password: OLD_PASSWORD,
      accountKey: created.accountKey,
      serverUrl: proxy.url,
    });
    await send('vault.save', { item: { type: 'login', title: 'GitHub', password: 'gh-1' } });
    await send('vault.save', { item: { type: 'login', title: 'Bank', password: 'bank-1' } });
    expect(await send('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
  }, 90_000);
  afterAll(async () => {
    await b?.close();
    await proxy?.close();
    await server?.close();
  });

  it('keeps an edit made while the server cannot be reached', async () => {
    proxy.misbehave({ kind: 'cut-body', match: { path: '/v1/sync' } });
    const [row] = (await send('vault.list', { query: 'Bank' })).items;
    const bank = await send('vault.get', { id: row!.id });
    await send('vault.save', { item: { ...bank, password: 'bank-2-changed-offline' } });
    expect(await send('sync.now', {})).toMatchObject({ state: 'offline', pending: 1 });
  });

  it('signs itself out after the reset, saying when, and keeps the items', async () => {
    reset = await resetElsewhere({
      serverUrl: server.url,
      dataDir: server.dataDir,
      email,
      accountId,
    });
    proxy.clear();
    popup = await openPopup(b); // opening the popup syncs: the server says the account was reset
    await heading(popup, 'Welcome to Cassaforte');
    await waitForText(popup, 'This account was reset on ');
    await waitForText(popup, 'Sign in with your new account key.');
    await waitForText(popup, '2 items from before the reset are kept on this device until');
    await shot(popup, `view-reset-signed-out-${browserName}`);
    const text = await bodyText(popup);
    // The date the server gave, in the browser's words.
    expect(text).toMatch(new RegExp(`reset on .*${new Date(reset.startedAt).getFullYear()}`));
  });

  it('signs in with the new key, the email filled in, and offers the old items', async () => {
    await click(popup, 'Sign in with an existing account');
    await heading(popup, 'Sign in on this device');
    const filled = await popup.$eval(
      aria('Email', 'textbox'),
      (e) => (e as HTMLInputElement).value,
    );
    expect(filled).toBe(email);
    await fillField(popup, 'Account password', reset.password);
    await fillField(popup, 'Account key', reset.accountKey);
    await click(popup, 'Sign in');
    await inVault(popup, 'This device still has 2 items from before the reset.');
    await waitForText(popup, 'Enter the old password to bring them into the new vault.');
    await shot(popup, `view-kept-offer-${browserName}`);
  });

  it('refuses a wrong old password, losing nothing, and brings them in with the right one', async () => {
    await click(popup, 'Bring them in…');
    await heading(popup, 'Items from before the reset');
    await waitForText(popup, 'Changes among them that never reached the server: 1.');
    await fillField(popup, 'Old account password', reset.password);
    await click(popup, 'Bring them in');
    await alert(popup, 'That is not the old password. Nothing was changed: try again.');
    await heading(popup, 'Items from before the reset');
    await shot(popup, `view-kept-bring-in-${browserName}`);

    await fillField(popup, 'Old account password', OLD_PASSWORD);
    await click(popup, 'Bring them in');
    await inVault(popup, 'GitHub');
    await waitForText(popup, '2 items brought into the new vault.');
    expect(await bodyText(popup)).not.toContain('from before the reset');
    const [row] = (await send('vault.list', { query: 'Bank' })).items;
    expect(await send('vault.get', { id: row!.id })).toMatchObject({
      password: 'bank-2-changed-offline',
    });
  });

  let other: OtherDevice;
  it('syncs them to another device signed in to the new vault', async () => {
    expect(await send('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    other = await signInOtherDevice({
      serverUrl: server.url,
      email,
      password: reset.password,
      accountKey: reset.accountKey,
    });
    const there = [...(await other.items()).values()].map(({ item }) => item);
    expect(there.map((item) => item.title).sort()).toEqual(['Bank', 'GitHub']);
    expect(there.find((item) => item.title === 'Bank')).toMatchObject({
      password: 'bank-2-changed-offline',
    });
  });

  it('is signed out by that device at once, says so, and signs in again with the password', async () => {
    // The popup is open on the vault: the live channel hears it, nobody clicks.
    await signOutElsewhere({ serverUrl: server.url, token: other.token });
    await heading(popup, 'Welcome to Cassaforte');
    await waitForText(popup, 'Signed out by other device on ');
    await waitForText(popup, '2 items are kept on this device until');
    await shot(popup, `view-signed-out-by-device-${browserName}`);

    await click(popup, 'Sign in with an existing account');
    await heading(popup, 'Sign in on this device');
    await waitForText(popup, `This device still has the account key of ${email}`);
    await shot(popup, `view-signin-key-kept-${browserName}`);
    await fillField(popup, 'Account password', reset.password);
    await click(popup, 'Sign in');
    await inVault(popup, 'Bank');
    await waitForText(popup, 'GitHub');
    expect(await bodyText(popup)).not.toContain('from before the reset');
  });
});
