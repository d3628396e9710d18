/**
 * "This device only" (DESIGN §5) in real Chromium and Firefox ESR from the same code: two
 * profiles of one browser are two devices of one account, the built extension in each, the real
 * server on 127.0.0.1 with SQLite, whose files the test reads. The switch is made in A's popup
 * (Settings → Sync), as a person does; edits go through the popup's own messages.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../support/accounts';
import { launchBrowser, type ExtensionBrowser } from '../support/browsers';
import { messenger } from '../support/messages';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { databaseFilesHold, everyRowText, itemRowsOf } from '../support/server-rows';
import { suiteBrowsers } from './languages';
import {
  aria,
  click,
  expectNamedControls,
  heading,
  inVault,
  openPopup,
  waitForText,
} from './popup-page';

const PASSWORD = 'harbor-quiet-lantern-meadow-9';
const OFF_LINE = 'Sync is off: this vault stays on this device';
const RESUMABLE = 'Sync was turned back on for this account, from another device or by the server.';

interface Device {
  extension: ExtensionBrowser;
  profile: string;
  send: ReturnType<typeof messenger>;
}

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer({ defaultPlan: 'pro' });
});
afterAll(() => server?.close());

/** The vault's items by title, with their fields. */
async function vaultOf(d: Device): Promise<Record<string, Record<string, unknown>>> {
  const { items } = await d.send('vault.list', { query: '' });
  const entries = await Promise.all(
    items.map(async (s) => [s.title, await d.send('vault.get', { id: s.id })] as const),
  );
  return Object.fromEntries(entries);
}

/** Settings → "Where the vault lives": picks an option, reads the warning, confirms. */
async function switchTo(popup: Page, option: string, confirm: string, warning: string) {
  await click(popup, 'Settings');
  await heading(popup, 'Settings');
  await popup.locator(aria(option, 'radio')).click();
  await waitForText(popup, warning);
  await click(popup, confirm);
}

describe.each(suiteBrowsers)('%s: keep the vault on this device only', (browserName) => {
  const extensionDir = builtExtensionDir(browserName);
  const email = `local-${browserName}-${Date.now()}@example.com`;
  const devices: Device[] = [];
  let a: Device;
  let b: Device;

  async function device(): Promise<Device> {
    const profile = await mkdtemp(join(tmpdir(), 'cassaforte-profile-'));
    const extension = await launchBrowser(browserName, {
      extensionDir,
      userDataDir: profile,
      serverUrl: server.url,
    });
    const page = await extension.openExtensionPage('/popup.html');
    const d = { extension, profile, send: messenger(page, extensionDir) };
    devices.push(d);
    return d;
  }

  beforeAll(async () => {
    a = await device();
    const kit = await createAccount(a.send, server, {
      email,
      password: PASSWORD,
      hint: '',
      serverUrl: server.url,
    });
    await a.send('account.kitSaved', {});
    await a.send('vault.save', {
      item: { type: 'login', title: 'Mail', username: 'ada', password: 'mail-secret-1' },
    });
    await a.send('vault.save', {
      item: { type: 'login', title: 'Shop', username: 'ada', password: 'shop-secret-1' },
    });
    await a.send('sync.now', {});
    b = await device();
    await b.send('account.signIn', {
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
      serverUrl: server.url,
    });
    await b.send('sync.now', {});
  }, 120_000);
  afterAll(async () => {
    for (const d of devices) {
      await d.extension.close();
      await rm(d.profile, { recursive: true, force: true });
    }
  });

  it('switches A to this device only: the server keeps nothing, B keeps its copy and says so', async () => {
    const blobs = itemRowsOf(server.dataDir, email).map((r) => r.blob!);
    expect(blobs).toHaveLength(2);

    const popup = await openPopup(a.extension);
    await inVault(popup, 'Mail');
    await switchTo(
      popup,
      'This device only',
      'Delete from the server',
      'The server will delete its copies of all your items.',
    );
    await waitForText(popup, 'Done: the server holds none of your items.');
    await expectNamedControls(popup);

    expect(itemRowsOf(server.dataDir, email)).toEqual([]);
    const rows = everyRowText(server.dataDir);
    for (const blob of blobs) {
      expect(rows).not.toContain(blob);
      expect(await databaseFilesHold(server.dataDir, blob)).toBe(false);
    }

    // An edit on A stays on A: nothing reaches the server, B does not get it.
    const mail = (await vaultOf(a)).Mail!;
    await a.send('vault.save', { item: { ...mail, password: 'mail-secret-2' } });
    expect(await a.send('sync.now', {})).toMatchObject({ state: 'off', pending: 1 });
    expect(itemRowsOf(server.dataDir, email)).toEqual([]);
    await popup.close();

    // B heard it (live, or when its popup opens) and keeps its own copy as a vault of its own.
    const other = await openPopup(b.extension);
    await inVault(other, 'Shop');
    await waitForText(other, OFF_LINE);
    expect(await b.send('sync.now', {})).toMatchObject({ state: 'off' });
    const onB = await vaultOf(b);
    expect(Object.keys(onB).sort()).toEqual(['Mail', 'Shop']);
    expect(onB.Mail).toMatchObject({ password: 'mail-secret-1' });
    await b.send('vault.save', { item: { ...onB.Shop!, password: 'shop-secret-2' } });
    expect(await b.send('sync.now', {})).toMatchObject({ state: 'off', pending: 1 });
    expect(itemRowsOf(server.dataDir, email)).toEqual([]);
    await other.close();
  });

  it('switches back: B asks its user first, then both devices hold both edits, no duplicates', async () => {
    const popup = await openPopup(a.extension);
    await inVault(popup, OFF_LINE);
    await switchTo(
      popup,
      'Cloud — all your devices',
      'Upload and sync',
      'Every item on this device will be uploaded',
    );
    await waitForText(popup, 'Done: sync is on, and this device uploaded its vault.');
    await popup.close();
    expect(itemRowsOf(server.dataDir, email)).toHaveLength(2);

    // B hears it, says so and sends nothing until its user presses the button (the server alone
    // may not get a vault kept on B uploaded); then the merge keeps A's Mail and B's Shop edit.
    const other = await openPopup(b.extension);
    await inVault(other, 'Shop');
    await waitForText(other, RESUMABLE);
    await expectNamedControls(other);
    expect(await b.send('sync.now', {})).toMatchObject({ state: 'off', error: 'sync-resumable' });
    await a.send('sync.now', {});
    expect((await vaultOf(a)).Shop).toMatchObject({ password: 'shop-secret-1' });
    await click(other, 'Sync this device again');
    await expect
      .poll(async () => (await b.send('app.status', {})).sync?.state, { timeout: 10_000 })
      .toBe('idle');
    await expect
      .poll(() => other.evaluate(() => document.body.innerText), { timeout: 5_000 })
      .not.toContain(RESUMABLE);
    await a.send('sync.now', {});
    for (const d of [a, b]) {
      const vault = await vaultOf(d);
      expect(Object.keys(vault).sort()).toEqual(['Mail', 'Shop']);
      expect(vault.Mail).toMatchObject({ password: 'mail-secret-2' });
      expect(vault.Shop).toMatchObject({ password: 'shop-secret-2' });
    }
    const live = itemRowsOf(server.dataDir, email).filter((r) => r.deleted === 0);
    expect(live).toHaveLength(2);
    await other.close();
    const again = await openPopup(b.extension);
    await inVault(again, 'Shop');
    expect(await again.evaluate(() => document.body.innerText)).not.toContain(OFF_LINE);
    await again.close();
  });
});
