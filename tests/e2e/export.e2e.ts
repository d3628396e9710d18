/**
 * Exporting the vault (issue 14) in real Chromium and Firefox ESR from the same code, the built
 * extension against the real server: the export page refuses a wrong account password and saves
 * nothing, then writes an encrypted export (downloaded and read back: no title or password in
 * clear, and it opens with its password to the vault's items, losing nothing on the way back
 * through the importer), and a plain CSV only after its warning is ticked.
 *
 * The downloaded file also goes into a fresh account through the import page, and comes out as
 * the same items.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEncryptedExport } from '../../lib/export/encrypted';
import { parseImport } from '../../lib/import/parse';
import { toItem } from '../../lib/import/to-item';
import type { Send } from '../support/accounts';
import type { ExtensionBrowser } from '../support/browsers';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { launchJourneyBrowser } from './journey-browser';
import { suiteBrowsers } from './languages';
import {
  alert,
  aria,
  bodyText,
  click,
  downloadFolder,
  fill,
  heading,
  openPopup,
  shot,
  waitForText,
} from './popup-page';
import { signedUp } from './signed-up';

/** signed-up.ts's account password. */
const ACCOUNT_PASSWORD = 'meadow-copper-lantern-brisk-2';
const EXPORT_PASSWORD = 'saffron-glacier-tidy-ukulele-31';
const SECRETS = [
  'Banca Intesa',
  'Pässwort-7f3a',
  'Deutsche Bahn',
  'Grüße-aus-Köln',
  'Codici Wi-Fi',
];

let server: E2eServer;

beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(async () => {
  await server?.close();
});

describe.each(suiteBrowsers)('%s: export', (browserName) => {
  const extensionDir = builtExtensionDir(browserName);
  const downloads = downloadFolder();
  let extension: ExtensionBrowser;
  let send: Send;
  const saved: Array<Record<string, unknown>> = [];
  let exported = '';

  afterAll(async () => {
    await extension?.close();
    downloads.remove();
  });

  it('refuses a wrong account password and saves nothing', async () => {
    extension = await launchJourneyBrowser(browserName, {
      extensionDir,
      serverUrl: server.url,
      downloadDir: downloads.dir,
    });
    send = await signedUp(extension, extensionDir, server, `export-${browserName}`);
    for (const item of [
      {
        type: 'login',
        title: 'Banca Intesa',
        username: 'mario',
        password: 'Pässwort-7f3a',
        urls: [{ url: 'https://banca.example.it', match: 'host' }],
        favorite: true,
      },
      {
        type: 'login',
        title: 'Deutsche Bahn',
        username: 'lukas',
        password: 'Grüße-aus-Köln',
        urls: [{ url: 'https://bahn.example.de', match: 'domain' }],
      },
      { type: 'note', title: 'Codici Wi-Fi', notes: 'Casa: Ciao-Mondo-2024' },
    ]) {
      saved.push((await send('vault.save', { item })) as Record<string, unknown>);
    }
    // Settings offers it; the page itself is opened directly (Firefox cannot follow the new tab).
    const popup = await openPopup(extension);
    await click(popup, 'Settings');
    await popup.locator(aria('Export…', 'button')).wait();
    await popup.close();

    const page = await extension.openExtensionPage('/export.html');
    await heading(page, 'Export the vault');
    await fill(page, 'Account password', 'not-the-account-password');
    await click(page, 'Continue');
    await alert(page, 'That password is not right.');
    expect(readdirSync(downloads.dir)).toEqual([]);
    await page.close();
  });

  it('writes an encrypted export that holds nothing in clear and opens to the same items', async () => {
    const page = await extension.openExtensionPage('/export.html');
    await fill(page, 'Account password', ACCOUNT_PASSWORD);
    await click(page, 'Continue');
    await waitForText(page, '3 items are ready to be exported.');
    // A weak export password or a mistyped second one is pointed at, and nothing is saved.
    await fill(page, 'Export password', 'sunshine1');
    await fill(page, 'Export password again', 'sunshine1');
    await click(page, 'Download the export');
    await alert(page, 'Choose a stronger password');
    await fill(page, 'Export password', EXPORT_PASSWORD);
    await click(page, 'Download the export');
    await alert(page, 'The two passwords are not the same.');
    expect(readdirSync(downloads.dir)).toEqual([]);
    await fill(page, 'Export password', EXPORT_PASSWORD);
    await fill(page, 'Export password again', EXPORT_PASSWORD);
    await shot(
      page,
      browserName === 'chromium' ? 'export-encrypted' : `export-encrypted-${browserName}`,
    );
    await click(page, 'Download the export');
    const path = await downloads.waitForFile('.cfx');
    exported = path;
    expect(path).toMatch(/cassaforte-export-\d{4}-\d{2}-\d{2}\.cfx$/);
    await waitForText(page, 'with 3 items');

    const bytes = new Uint8Array(readFileSync(path));
    const text = new TextDecoder().decode(bytes);
    for (const secret of [...SECRETS, 'mario', 'lukas']) expect(text).not.toContain(secret);
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(file).toMatchObject({ format: 'cassaforte-export', version: 1 });
    expect(file.kdf).toMatchObject({ alg: 'argon2id13', opslimit: 3, memlimit: 64 * 1024 * 1024 });

    const payload = await readEncryptedExport(file, EXPORT_PASSWORD);
    const byId = (items: Array<Record<string, unknown>>) =>
      [...items].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(byId(payload.items as Array<Record<string, unknown>>)).toEqual(byId(saved));

    // Back through the importer, as the import page will: the same items under new ids.
    const outcome = await parseImport(
      { name: 'x.cfx', bytes },
      { maxItems: 100, password: EXPORT_PASSWORD },
    );
    if (!outcome.ok) throw new Error(outcome.reason);
    const strip = ({ id: _id, revision: _revision, ...rest }: Record<string, unknown>) => rest;
    const imported = outcome.candidates.map((c, i) => strip(toItem(c, `n${i}`, 0)));
    expect(imported).toEqual(expect.arrayContaining(saved.map(strip)));
    expect(imported).toHaveLength(3);
    await page.close();
  });

  it('imports into a fresh account through the import page as the same items', async () => {
    const fresh = await launchJourneyBrowser(browserName, { extensionDir, serverUrl: server.url });
    try {
      const sendFresh = await signedUp(fresh, extensionDir, server, `export-in-${browserName}`);
      const page = await fresh.openExtensionPage('/import.html');
      const input = await page.waitForSelector('input[data-testid="import-file"]', {
        timeout: 20_000,
      });
      await input!.uploadFile(exported);
      await fill(page, 'Export password', 'not-the-export-password');
      await click(page, 'Open export');
      await alert(page, 'That password does not open the export.');
      await fill(page, 'Export password', EXPORT_PASSWORD);
      await click(page, 'Open export');
      await click(page, 'Import');
      await page.waitForSelector('[data-testid="import-result"]', { timeout: 60_000 });

      const { items: rows } = await sendFresh('vault.list', { query: '', limit: 100 });
      const items = await Promise.all(rows.map(({ id }) => sendFresh('vault.get', { id })));
      const strip = ({ id: _i, revision: _r, updatedAt: _u, ...rest }: Record<string, unknown>) =>
        rest;
      const byTitle = (list: Array<Record<string, unknown>>) =>
        list.map(strip).sort((x, y) => String(x.title).localeCompare(String(y.title)));
      expect(byTitle(items as Array<Record<string, unknown>>)).toEqual(byTitle(saved));
    } finally {
      await fresh.close();
    }
  });

  it('writes a plain CSV of the logins only after the warning is ticked', async () => {
    const page = await extension.openExtensionPage('/export.html');
    await fill(page, 'Account password', ACCOUNT_PASSWORD);
    await click(page, 'Continue');
    await click(page, 'CSV, not encrypted', 'radio');
    await waitForText(page, 'This file is not encrypted.');
    await click(page, 'Download the export');
    await alert(page, 'Tick the box first');
    expect(readdirSync(downloads.dir).filter((n) => n.endsWith('.csv'))).toEqual([]);
    await click(page, 'I understand that anyone with this file can read my passwords', 'checkbox');
    await click(page, 'Download the export');
    const csv = readFileSync(await downloads.waitForFile('.csv'), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('"name","url","username","password","note","totp"');
    expect(lines.slice(1).sort()).toEqual([
      '"Banca Intesa","https://banca.example.it","mario","Pässwort-7f3a","",""',
      '"Deutsche Bahn","https://bahn.example.de","lukas","Grüße-aus-Köln","",""',
    ]);
    await waitForText(page, 'with 2 items');
    await page.close();
  });

  it('drops the items it holds when Cassaforte locks, and asks to unlock first', async () => {
    let page = await extension.openExtensionPage('/export.html');
    await fill(page, 'Account password', ACCOUNT_PASSWORD);
    await click(page, 'Continue');
    await waitForText(page, '3 items are ready to be exported.');
    await send('session.lock', {});
    await alert(page, 'Cassaforte is locked. Unlock it with the toolbar button, then try again.');
    expect(await bodyText(page)).not.toContain('ready to be exported');
    await page.close();
    page = await extension.openExtensionPage('/export.html');
    await alert(page, 'Cassaforte is locked. Unlock it with the toolbar button, then try again.');
    expect(await page.$$(aria('Account password'))).toEqual([]);
    await page.close();
  });
});
