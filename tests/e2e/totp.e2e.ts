/**
 * One-time codes (RFC 6238) in a login, as a user meets them, in real Chromium and Firefox ESR
 * from the same code, against fixture sites (tests/fixtures/sites/otp.test) and the real server.
 *
 * The user adds a login with an otpauth:// link in the popup's editor (a bad link first, which is
 * refused with its reason), sees the code of the moment (the test computes it itself from the
 * secret with `otpauth`, allowing for a period boundary), copies it (the clipboard read back),
 * fills the login on a sign-in page without a code field (so the code is copied for the next
 * step), and on the next page, which asks for the code, fills it again: the code field gets it
 * (and a page with one box per digit gets a digit in each).
 * Then "Scan QR code in this tab" over a page that shows a QR code sets up another code.
 *
 * The popup over the page is opened as fill.e2e.ts does it (fill-device.ts `openPopupOver`):
 * Chromium's toolbar button is really clicked (store build, activeTab); Firefox's toolbar button
 * cannot be clicked over WebDriver BiDi, so there the popup opens in a small window of its own on
 * `popup.html?tab=<id>` and sends the same messages (test build, host access to *.test).
 */
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtExtensionDir, builtTestExtensionDir } from '../support/paths';
import { closePopup, openPopupOver, popupGone, startDevice, type Device } from './fill-device';
import { pressEnterToFill } from './fill-steps';
import { useFillWorld, vaultList, world } from './fill-world';
import { suiteBrowsers } from './languages';
import {
  alert,
  aria,
  click,
  fill,
  heading,
  openPopup,
  readClipboard,
  shot,
  waitForText,
} from './popup-page';

useFillWorld();

const TITLE = 'Otp Bank';
const USERNAME = 'ada.otp';
const PASSWORD = 'otp-bank-pw-5521';
const PASTED = {
  uri: 'otpauth://totp/Otp%20Bank:ada.otp?secret=JBSWY3DPEHPK3PXP&issuer=Otp%20Bank',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
};
/** What tests/fixtures/sites/otp.test/setup.html shows as a QR code. */
const SCANNED = {
  secret: 'INQXG43BMZXXE5DFEBIVEIDFGJSSCIJB',
  algorithm: 'SHA256',
  digits: 8,
};

/** The codes from just before `from` to just after now: the period may turn meanwhile. */
function codesSince(setup: typeof PASTED | typeof SCANNED, from: number): string[] {
  const totp = new TOTP({
    secret: Secret.fromBase32(setup.secret),
    algorithm: setup.algorithm,
    digits: setup.digits,
    period: 30,
  });
  const codes = new Set<string>();
  for (let at = from - 2000; at <= Date.now() + 2000; at += 1000) {
    codes.add(totp.generate({ timestamp: at }));
  }
  return [...codes];
}

/** The code the detail view shows, digits only (it groups them for reading: "123 456"). */
async function shownCode(popup: Page): Promise<string> {
  const output = await popup.waitForSelector(aria('One-time code', 'status'), { timeout: 20_000 });
  return (await output!.evaluate((e) => (e as HTMLElement).innerText)).replace(/\s/g, '');
}

/** The clipboard's text, read by an extension page of the build (it has `clipboardRead`). */
async function clipboardOf(device: Device): Promise<string> {
  const reader = await device.extension.openExtensionPage('/popup.html');
  try {
    return await readClipboard(reader);
  } finally {
    await reader.close();
  }
}

/** Whether the user let Cassaforte on all sites (the optional host permission). */
function allSites(device: Device): Promise<boolean> {
  return device.control.evaluate(() =>
    (
      globalThis as unknown as {
        browser: { permissions: { contains(p: object): Promise<boolean> } };
      }
    ).browser.permissions.contains({ origins: ['<all_urls>'] }),
  );
}

/** The text of the first non-empty alert the view shows. */
async function alertText(popup: Page): Promise<string> {
  const found = await popup.waitForFunction(
    () =>
      [...document.querySelectorAll('[role="alert"]')]
        .map((e) => e.textContent?.trim() ?? '')
        .find(Boolean),
    { timeout: 20_000 },
  );
  return (await found.jsonValue()) as string;
}

/** From the vault list to the login's editor, as the user gets there. */
async function editLogin(popup: Page): Promise<void> {
  await vaultList(popup);
  await fill(popup, 'Search the vault', TITLE);
  await popup.waitForSelector('[data-ready][data-count="1"]');
  await popup.locator('.vitem .row-open').click();
  await heading(popup, TITLE);
  await click(popup, 'Edit');
  await heading(popup, 'Edit item');
}

describe.each(suiteBrowsers)('%s: one-time codes', (browserName) => {
  let device: Device;
  let page: Page;

  beforeAll(async () => {
    const dir =
      browserName === 'chromium' ? builtExtensionDir('chromium') : builtTestExtensionDir('firefox');
    device = await startDevice(browserName, dir);
    if (device.extension.name === 'chromium') {
      await device.extension.browser
        .defaultBrowserContext()
        .overridePermissions(device.extension.extensionOrigin, [
          'clipboard-read',
          'clipboard-write',
        ]);
    }
    page = await device.extension.browser.newPage();
    await page.setViewport({ width: 900, height: 700 });
  });
  afterAll(async () => {
    await device?.close();
  });

  it('adds a login with an otpauth link, shows the code of the moment and copies it', async () => {
    const popup = await openPopup(device.extension);
    await vaultList(popup);
    await click(popup, '+ Login');
    await heading(popup, 'New login');
    await fill(popup, 'Title', TITLE);
    await fill(popup, 'Username', USERNAME);
    await fill(popup, 'Password', PASSWORD);
    await fill(popup, 'Website 1', world.sites.origin('otp.test'));
    await fill(popup, 'Setup key or otpauth:// link', `${PASTED.uri}&digits=9`);
    await click(popup, 'Save');
    await alert(popup, 'One-time codes have 6 to 8 digits; this link asks for another number.');
    await heading(popup, 'New login'); // nothing saved, nothing lost
    await shot(popup, `otp-editor-error-${browserName}`); // every control named, too
    await fill(popup, 'Setup key or otpauth:// link', PASTED.uri);
    await click(popup, 'Save');
    await heading(popup, TITLE);

    const from = Date.now();
    const code = await shownCode(popup);
    expect(code).toMatch(/^\d{6}$/);
    expect(codesSince(PASTED, from)).toContain(code);
    // The countdown is a timer (never announced), between 1 and the period.
    const left = await popup.$eval('.otp-row [role="timer"]', (e) => Number(e.textContent));
    expect(left).toBeGreaterThanOrEqual(1);
    expect(left).toBeLessThanOrEqual(30);
    await shot(popup, `otp-detail-${browserName}`);

    const copiedFrom = Date.now();
    await click(popup, 'Copy One-time code');
    await waitForText(popup, 'One-time code copied. The clipboard is cleared in');
    expect(codesSince(PASTED, copiedFrom)).toContain(await clipboardOf(device));
    await popup.close();
  });

  it('fills the login, copies its code for the next page, and fills the code there', async () => {
    await page.goto(world.sites.url('otp.test', '/login.html'), { waitUntil: 'load' });
    let popup = await openPopupOver(device, page);
    await vaultList(popup);
    const filledFrom = Date.now();
    await click(popup, `Fill ${TITLE} into this page`);
    // No code field on the sign-in page: the code is copied, and the popup says so, then goes.
    await waitForText(popup, 'Filled. The one-time code is copied for the next step');
    expect(await popupGone(device, popup)).toBe(true);
    expect(await page.$eval('#username', (e) => (e as HTMLInputElement).value)).toBe(USERNAME);
    expect(await page.$eval('#password', (e) => (e as HTMLInputElement).value)).toBe(PASSWORD);
    expect(codesSince(PASTED, filledFrom)).toContain(await clipboardOf(device));
    await page.bringToFront(); // the clipboard was read in another tab

    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(new URL(page.url()).pathname).toBe('/verify.html');
    // The page after the login asks for the code: the popup starts on the login just filled,
    // Enter fills the code into the page's code field (through the same policy).
    popup = await openPopupOver(device, page);
    await vaultList(popup);
    const activeRow = () =>
      popup.evaluate(() => document.querySelector('.vitem.active .vtitle')?.textContent);
    await expect.poll(activeRow, { timeout: 5_000 }).toBe(TITLE);
    const codeFrom = Date.now();
    await pressEnterToFill(popup);
    expect(await popupGone(device, popup)).toBe(true);
    const filled = await page.$eval('#code', (e) => (e as HTMLInputElement).value);
    expect(codesSince(PASTED, codeFrom)).toContain(filled);

    // A site that splits the code into one box per digit gets one digit per box, and the page's
    // own script (which moves the focus on) keeps the whole code; the other field stays empty.
    await page.goto(world.sites.url('otp.test', '/verify-boxes.html'), { waitUntil: 'load' });
    popup = await openPopupOver(device, page);
    await vaultList(popup);
    await expect.poll(activeRow, { timeout: 5_000 }).toBe(TITLE);
    const boxesFrom = Date.now();
    await pressEnterToFill(popup);
    expect(await popupGone(device, popup)).toBe(true);
    const digits = await page.$$eval('.digits input', (boxes) =>
      boxes.map((b) => (b as HTMLInputElement).value),
    );
    expect(digits.every((d) => /^\d$/.test(d))).toBe(true);
    expect(codesSince(PASTED, boxesFrom)).toContain(digits.join(''));
    expect(await page.$eval('#sent', (e) => (e as HTMLInputElement).value)).toBe(digits.join(''));
    expect(await page.$eval('#device-name', (e) => (e as HTMLInputElement).value)).toBe('');
  });

  it('sets up a code from the QR code the tab shows, and says when there is none', async () => {
    // A page without a QR code first: the user is told, and the login keeps its code.
    await page.goto(world.sites.url('otp.test', '/login.html'), { waitUntil: 'load' });
    let popup = await openPopupOver(device, page);
    if (browserName === 'firefox') {
      // Firefox's toolbar button cannot be clicked over BiDi, so this popup has no activeTab
      // grant, and Firefox refuses captureVisibleTab without one (or access to all sites): the
      // user is told what to do. A Firefox user who opens Cassaforte from its button has the
      // grant (Firefox 126+); here the user's other way, "Allow on all sites" (the test's pref
      // answers the browser's prompt), stands in for it.
      await editLogin(popup);
      await click(popup, 'Scan QR code in this tab');
      expect(await alertText(popup)).toBe(
        "The browser did not let Cassaforte look at this tab. Open Cassaforte with its toolbar button on the site's page and scan again.",
      );
      await closePopup(device, popup);
      popup = await openPopupOver(device, page);
      await vaultList(popup);
      await click(popup, 'Allow on all sites');
      await expect.poll(() => allSites(device), { timeout: 10_000 }).toBe(true);
    }
    await editLogin(popup);
    await click(popup, 'Scan QR code in this tab');
    expect(await alertText(popup)).toBe(
      "The tab shows no QR code. Show the site's QR code on screen, or paste its setup key.",
    );
    await closePopup(device, popup);

    await page.goto(world.sites.url('otp.test', '/setup.html'), { waitUntil: 'load' });
    popup = await openPopupOver(device, page);
    await editLogin(popup);
    await click(popup, 'Scan QR code in this tab');
    await waitForText(popup, 'One-time code set up for Otp Bank · ada.otp. Save to keep it.');
    await click(popup, 'Save');
    await heading(popup, TITLE);
    const from = Date.now();
    const code = await shownCode(popup);
    expect(code).toMatch(/^\d{8}$/);
    expect(codesSince(SCANNED, from)).toContain(code);
    await closePopup(device, popup);
  });
});
