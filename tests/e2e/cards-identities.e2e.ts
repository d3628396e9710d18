/**
 * Issue 14's cards and identities as two people at two browsers would use them: real Chromium and
 * Firefox ESR from the same code, the built extension in two profiles of one browser (two devices
 * of one account), the real server on 127.0.0.1.
 *
 * On A a card and an identity are made through the popup: the card number's typo warned about,
 * an impossible expiry refused, the number masked until shown and copied to the clipboard. B signs
 * in with the Emergency Kit and sees both with the same fields; B edits the card, A sees the edit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '@/lib/vault/item';
import { createAccount } from '../support/accounts';
import { launchBrowser, type ExtensionBrowser } from '../support/browsers';
import { messenger } from '../support/messages';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { suiteBrowsers } from './languages';
import {
  alert,
  bodyText,
  click,
  fill,
  heading,
  inVault,
  openPopup,
  readClipboard,
  shot,
  waitForText,
} from './popup-page';

const PASSWORD = 'lantern-copper-brisk-meadow-7';

let server: E2eServer;

beforeAll(async () => {
  server = await startE2eServer({ defaultPlan: 'pro' });
});
afterAll(async () => {
  await server?.close();
});

describe.each(suiteBrowsers)('%s: cards and identities on two devices', (browserName) => {
  const EMAIL = `carta-${browserName}-${Date.now()}@example.com`;
  const extensionDir = builtExtensionDir(browserName);
  const shotName = (name: string) => (browserName === 'chromium' ? name : `${name}-${browserName}`);
  let a: ExtensionBrowser;
  let b: ExtensionBrowser;
  let accountKey = '';
  const byTitle = async (extension: ExtensionBrowser) => {
    const send = messenger(await extension.openExtensionPage('/popup.html'), extensionDir);
    await send('sync.now', {});
    const { items } = await send('vault.list', { query: '' });
    const entries = await Promise.all(
      items.map(async (row) => [row.title, await send('vault.get', { id: row.id })] as const),
    );
    return Object.fromEntries(entries) as Record<string, Item>;
  };

  beforeAll(async () => {
    a = await launchBrowser(browserName, { extensionDir, serverUrl: server.url });
    b = await launchBrowser(browserName, { extensionDir, serverUrl: server.url });
    if (a.name === 'chromium') {
      await a.browser
        .defaultBrowserContext()
        .overridePermissions(a.extensionOrigin, ['clipboard-read', 'clipboard-write']);
    }
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('makes a card on A, warns of a typo, masks the number until shown and copies it', async () => {
    const sendA = messenger(await a.openExtensionPage('/popup.html'), extensionDir);
    accountKey = (
      await createAccount(sendA, server, {
        email: EMAIL,
        password: PASSWORD,
        hint: '',
        serverUrl: server.url,
      })
    ).accountKey;
    await sendA('account.kitSaved', {});

    const popup = await openPopup(a);
    await click(popup, '+ Card');
    await heading(popup, 'New card');
    await fill(popup, 'Title', 'Everyday Visa');
    await fill(popup, 'Cardholder name', 'Ada Lovelace');
    await fill(popup, 'Card number', '4111 1111 1111 1112');
    await popup.keyboard.press('Tab'); // leaving the field shows the check
    await waitForText(popup, 'This number fails the card check');
    await fill(popup, 'Card number', '4111 1111 1111 1111');
    await fill(popup, 'Expiry date (MM/YY)', '13/29');
    await fill(popup, 'Security code', '739');
    await fill(popup, 'Tags', 'finance, travel');
    await click(popup, 'Save');
    await alert(popup, 'Write the month and year as on the card, like 07/29.');
    await shot(popup, shotName('view-card-new'));
    expect(await bodyText(popup)).not.toContain('fails the card check');
    await fill(popup, 'Expiry date (MM/YY)', '07/29');
    await click(popup, 'Save');

    await heading(popup, 'Everyday Visa');
    const detail = await bodyText(popup);
    expect(detail).toContain('Ada Lovelace');
    expect(detail).toContain('07/29');
    expect(detail).toContain('finance');
    expect(detail).not.toContain('4111');
    expect(detail).not.toContain('739');
    await click(popup, 'Show Card number');
    await waitForText(popup, '4111 1111 1111 1111');
    expect(await bodyText(popup)).not.toContain('739'); // the code stays masked
    await shot(popup, shotName('view-card'));

    await click(popup, 'Copy Card number');
    await waitForText(popup, 'Card number copied. The clipboard is cleared in');
    const reader = await a.openExtensionPage('/popup.html');
    expect(await readClipboard(reader)).toBe('4111111111111111');
    await reader.close();

    await click(popup, '← Vault');
    await click(popup, '+ Identity');
    await heading(popup, 'New identity');
    await fill(popup, 'Title', 'Home');
    await fill(popup, 'First name', 'Ada');
    await fill(popup, 'Last name', 'Byron');
    await fill(popup, 'Email', 'ada@example.com');
    await fill(popup, 'City', 'London');
    await click(popup, 'Save');
    await heading(popup, 'Home');
    await waitForText(popup, 'London');

    await click(popup, '← Vault');
    await inVault(popup, 'Visa ending in 1111');
    await shot(popup, shotName('view-vault-cards'));
    expect(await bodyText(popup)).toContain('Ada Byron');
    expect(await sendA('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('shows both items on B, signed in with the kit, with the same fields', async () => {
    const sendB = messenger(await b.openExtensionPage('/popup.html'), extensionDir);
    await sendB('account.signIn', {
      email: EMAIL,
      password: PASSWORD,
      accountKey,
      serverUrl: server.url,
    });
    const popup = await openPopup(b);
    await inVault(popup, 'Everyday Visa');
    await waitForText(popup, 'Home');
    const [onA, onB] = [await byTitle(a), await byTitle(b)];
    expect(onB['Everyday Visa']).toMatchObject({
      type: 'card',
      cardholder: 'Ada Lovelace',
      number: '4111111111111111',
      expiry: '2029-07',
      code: '739',
      tags: ['finance', 'travel'],
    });
    expect(onB).toEqual(onA);
  });

  it('takes an edit made on B back to A', async () => {
    const popup = await openPopup(b);
    await popup.locator('::-p-text(Everyday Visa)').click();
    await heading(popup, 'Everyday Visa');
    await click(popup, 'Edit');
    await heading(popup, 'Edit item');
    await fill(popup, 'Expiry date (MM/YY)', '08/31');
    await fill(popup, 'Tags', 'finance');
    await click(popup, 'Save');
    await heading(popup, 'Everyday Visa');
    await waitForText(popup, '08/31');
    const sendB = messenger(popup, extensionDir);
    expect(await sendB('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });

    await expect
      .poll(async () => (await byTitle(a))['Everyday Visa'], { timeout: 20_000 })
      .toMatchObject({ expiry: '2031-08', tags: ['finance'], number: '4111111111111111' });
    const onA = await openPopup(a);
    await onA.locator('::-p-text(Everyday Visa)').click();
    await waitForText(onA, '08/31');
  });
});
