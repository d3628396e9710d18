/**
 * Issue 11, the account's ownership as a person meets it, in real Chromium and Firefox ESR from the
 * same code, two browser profiles (A and B), the real server on the free plan, its mail read from
 * its outbox:
 * - A creates the account in the popup with the code emailed to it (a wrong code first);
 * - B starting an account with A's address sees exactly what a new address gets;
 * - B's sign-in is refused by the free plan, naming A; "Sign out <A> and sign in here" lets B in
 *   from the same form, and A is signed out;
 * - B redeems a license code in Settings → Plan (a typo is caught first); the code works once;
 * - on pro, A signs in again; Settings → Devices lists both, and "Sign out all other devices"
 *   signs A out.
 * Screenshots: the code step, the device-limit answer, the plan before and after, the devices.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailedCode, nextMail } from '../support/accounts';
import { launchBrowser, type ExtensionBrowser } from '../support/browsers';
import { messenger } from '../support/messages';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { suiteBrowsers } from './languages';
import { alert, bodyText, click, heading, openPopup, shot, waitForText } from './popup-page';

const PASSWORD = 'copper-meadow-lantern-quiet-9';

/**
 * The input a label names. By its `<label for>` rather than an aria query: puppeteer's aria
 * queries do not reach Firefox's labelled inputs over BiDi (fill.e2e.ts met the same).
 */
async function input(page: Page, label: string): Promise<string> {
  const found = await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll('label')].find((l) => l.textContent === text)?.htmlFor || false,
    { timeout: 20_000 },
    label,
  );
  return `[id="${String(await found.jsonValue())}"]`;
}

const value = async (page: Page, label: string) =>
  page.$eval(await input(page, label), (e) => (e as HTMLInputElement).value);

async function fill(page: Page, label: string, text: string): Promise<void> {
  await page.locator(await input(page, label)).fill(text);
}

/**
 * This server for new accounts and sign-ins, as the Welcome view's "Advanced" keeps it (in the
 * extension pages' storage; popup-journeys-account.e2e.ts goes through that form itself).
 */
async function useServer(extension: ExtensionBrowser, url: string): Promise<void> {
  const page = await extension.openExtensionPage('/popup.html');
  await page.evaluate((u) => localStorage.setItem('cassaforte.serverUrl', u), url);
  await page.close();
}

/** Brings a section of a long view on screen, for the screenshot. */
async function scrollTo(page: Page, labelledBy: string): Promise<void> {
  await page.$eval(`[aria-labelledby="${labelledBy}"]`, (e) => e.scrollIntoView());
}

const countdown = async (page: Page) =>
  Number(/Send a new code \(in (\d+) s\)/.exec(await bodyText(page))?.[1] ?? 0);

/** Clears a field and types into it, key by key, as a person does. */
async function type(page: Page, label: string, text: string): Promise<void> {
  const selector = await input(page, label);
  await page.locator(selector).click();
  await page.$eval(selector, (e) => (e as HTMLInputElement).select());
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

describe.each(suiteBrowsers)('%s: verified email, plan and devices', (browserName) => {
  const extensionDir = builtExtensionDir(browserName);
  const email = `owner-${browserName}-${Date.now()}@example.com`;
  let server: E2eServer;
  let a: ExtensionBrowser;
  let b: ExtensionBrowser;
  let sendA: ReturnType<typeof messenger>;
  let accountKey = '';
  let deviceA = '';

  /** A's state once it has talked to the server (a sync, as its alarm or popup would start). */
  const stateOfA = async () => {
    await sendA('sync.now', {}).catch(() => undefined);
    return (await sendA('app.status', {})).state;
  };

  beforeAll(async () => {
    server = await startE2eServer({ defaultPlan: 'free' });
    [a, b] = await Promise.all([
      launchBrowser(browserName, { extensionDir, serverUrl: server.url }),
      launchBrowser(browserName, { extensionDir, serverUrl: server.url }),
    ]);
    await Promise.all([useServer(a, server.url), useServer(b, server.url)]);
    sendA = messenger(await a.openExtensionPage('/popup.html'), extensionDir);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await server?.close();
  });

  it('creates the account on A with the code emailed to it, after a wrong one', async () => {
    const popup = await openPopup(a);
    await click(popup, 'Create an account');
    await heading(popup, 'Create your account');
    await fill(popup, 'Email', email);
    await fill(popup, 'Account password', PASSWORD);
    await fill(popup, 'Account password, again', PASSWORD);
    await click(popup, 'Continue');
    await heading(popup, 'Check your email');
    expect(await bodyText(popup)).toContain(`We sent an email to ${email}.`);
    const first = await countdown(popup);
    expect(first).toBeGreaterThan(20);
    await expect.poll(() => countdown(popup), { timeout: 5_000 }).toBeLessThan(first);
    const code = await emailedCode(server, email);

    // A wrong code, typed in lower case without the dash: formatted as typed, then refused.
    const wrong = (code.startsWith('Z') ? 'Y' : 'Z') + code.slice(1);
    await type(popup, 'Code from the email', wrong.replace('-', '').toLowerCase());
    expect(await value(popup, 'Code from the email')).toBe(wrong);
    await popup.keyboard.press('Enter');
    await alert(popup, 'That code is not right, or it has expired.');
    expect(await value(popup, 'Code from the email')).toBe(wrong); // nothing typed is lost
    await shot(popup, `view-create-code-wrong-${browserName}`);

    // The wrong code is selected: typing the right one replaces it. Keyboard only.
    await popup.keyboard.type(code);
    expect(await value(popup, 'Code from the email')).toBe(code);
    await shot(popup, `view-create-code-${browserName}`);
    await popup.keyboard.press('Enter');
    await heading(popup, 'Save your Emergency Kit');
    accountKey = await popup.$eval('[data-account-key]', (e) => e.textContent ?? '');
    await popup.locator('[data-view="kit"] input[type="checkbox"]').click();
    await click(popup, 'Open my vault');
    await popup.waitForSelector('[data-view="vault"]', { timeout: 20_000 });
    deviceA = (await sendA('account.info', {})).deviceName;
    expect(deviceA).toBe(browserName === 'firefox' ? 'Firefox on Linux' : 'Chrome on Linux');
    await popup.close();
  });

  it('shows B the same for an address that already has an account as for a new one', async () => {
    const popup = await openPopup(b);
    await click(popup, 'Create an account');
    const startWith = async (address: string) => {
      await fill(popup, 'Email', address);
      await fill(popup, 'Account password', PASSWORD);
      await fill(popup, 'Account password, again', PASSWORD);
      await click(popup, 'Continue');
      await heading(popup, 'Check your email');
      const text = await bodyText(popup);
      return text.replace(address, '<email>').replace(/\(in \d+ s\)/, '(in … s)');
    };
    const taken = await startWith(email);
    // The owner of the address gets a notice, and no code.
    const notice = await nextMail(server, email, 'account-exists');
    expect(notice.code).toBeUndefined();
    expect((await server.mails(email)).filter((m) => m.code)).toHaveLength(1);

    await click(popup, 'Change the email or password');
    await heading(popup, 'Create your account');
    const fresh = await startWith(`new-${browserName}-${Date.now()}@example.com`);
    expect(taken).toBe(fresh);

    // Going back leaves nothing behind for the next popup.
    await click(popup, 'Change the email or password');
    await click(popup, 'Back');
    await heading(popup, 'Welcome to Cassaforte');
    await popup.close();
  });

  it('refuses B on the free plan naming A, and lets B in once A is signed out from B', async () => {
    const popup = await openPopup(b);
    await click(popup, 'Sign in with an existing account');
    await heading(popup, 'Sign in on this device');
    await fill(popup, 'Email', email);
    await fill(popup, 'Account password', PASSWORD);
    await fill(popup, 'Account key', accountKey);
    await click(popup, 'Sign in');
    await popup.waitForSelector('[data-device-limit]', { timeout: 30_000 });
    const text = await bodyText(popup);
    expect(text).toContain('Your Free plan allows one signed-in device.');
    expect(text).toMatch(new RegExp(`Signed in: ${deviceA}, last seen (now|\\d+ \\w+ ago)\\.`));
    expect(text).toContain('Pro allows every device');
    expect((await sendA('app.status', {})).state).toBe('unlocked');
    await shot(popup, `view-device-limit-${browserName}`);

    // The password and the key are still in the form: one click.
    expect(await value(popup, 'Account password')).toBe(PASSWORD);
    await click(popup, `Sign out ${deviceA} and sign in here`);
    await popup.waitForSelector('[data-view="vault"]', { timeout: 30_000 });
    await expect.poll(stateOfA, { timeout: 20_000 }).toBe('signed-out');
    await popup.close();
  });

  it('redeems a license code in Settings → Plan, and the same code fails the second time', async () => {
    const popup = await openPopup(b);
    await popup.waitForSelector('[data-view="vault"]', { timeout: 20_000 });
    await click(popup, 'Settings');
    await heading(popup, 'Settings');
    await popup.waitForSelector('[data-plan="free"]', { timeout: 20_000 });
    expect(await bodyText(popup)).toContain('Free — one signed-in device');
    await scrollTo(popup, 'plan-heading');
    await shot(popup, `view-plan-free-${browserName}`);

    const code = await server.issueLicense('pro');
    const typo = code.slice(0, -1) + (code.endsWith('7') ? '8' : '7');
    await type(popup, 'Enter a license code', typo.slice(4).replace(/-/g, '').toLowerCase());
    expect(await value(popup, 'Enter a license code')).toBe(typo);
    await waitForText(popup, 'This license code has a typo');
    await type(popup, 'Enter a license code', code);
    await waitForText(popup, 'The license code looks right.');
    await click(popup, 'Use this license code');
    await waitForText(popup, 'Done. Your plan is now: Pro — every device.');
    await popup.waitForSelector('[data-plan="pro"]');
    await scrollTo(popup, 'plan-heading');
    await shot(popup, `view-plan-pro-${browserName}`);

    await type(popup, 'Enter a license code', code);
    await click(popup, 'Use this license code');
    await alert(popup, 'This license code is not valid, or it was already used.');
    await popup.waitForSelector('[data-plan="pro"]');
    await popup.close();
  });

  it('on pro, lists both devices in Settings → Devices and signs out all others', async () => {
    await sendA('account.signIn', { email, password: PASSWORD, accountKey, serverUrl: server.url });
    expect((await sendA('app.status', {})).state).toBe('unlocked');

    const popup = await openPopup(b);
    await click(popup, 'Settings');
    await heading(popup, 'Settings');
    await popup.waitForSelector('[data-device="other"]', { timeout: 20_000 });
    const text = await bodyText(popup);
    expect(text).toContain(`${deviceA} (this device)`);
    expect(await popup.$$eval('[data-device]', (rows) => rows.length)).toBe(2);
    expect(text).toMatch(/Signed in: \w{3} \d{1,2}, \d{4}/);
    expect(text).toMatch(/Last seen: (now|\d+ \w+ ago)/);
    expect(text).toMatch(/Last unlocked: (never reported|now|\d+ \w+ ago)/);
    await scrollTo(popup, 'devices-heading');
    await shot(popup, `view-devices-${browserName}`);

    await click(popup, 'Sign out all other devices…');
    await waitForText(popup, 'Every device but this one will be signed out');
    await click(popup, 'Sign them out');
    await waitForText(popup, 'Other devices signed out: 1.');
    expect(await popup.$$eval('[data-device]', (rows) => rows.length)).toBe(1);
    await expect.poll(stateOfA, { timeout: 20_000 }).toBe('signed-out');
    await popup.close();
  });
});
