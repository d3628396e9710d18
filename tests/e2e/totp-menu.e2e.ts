/**
 * The one-time code from the inline menu, in real Chromium and Firefox ESR from the same code, on
 * the test build (site access to the fixture sites, so the always-on content script runs): the
 * user fills a login that has a code from the menu on the sign-in page, submits, and on the next
 * page the code field's menu offers that login's code; a click fills the code of the moment (the
 * test computes it itself from the secret). totp.e2e.ts has the popup's side.
 */
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtTestExtensionDir } from '../support/paths';
import { startDevice, type Device } from './fill-device';
import { useFillWorld, world } from './fill-world';
import { suiteBrowsers } from './languages';
import { hasMenu, menuFrame, menuRows, pickInMenu } from './menu-page';
import { sleep } from './popup-page';

useFillWorld();

const SECRET = 'KRSXG5CTMVRXEZLUKN2HE2LOM4';
const LOGIN = {
  type: 'login',
  title: 'Otp Bank menu',
  username: 'ada.menu',
  password: 'otp-menu-pw-7734',
  otp: `otpauth://totp/Otp%20Bank:ada.menu?secret=${SECRET}&issuer=Otp%20Bank`,
};

function codesSince(from: number): string[] {
  const totp = new TOTP({ secret: Secret.fromBase32(SECRET) });
  const codes = new Set<string>();
  for (let at = from - 2000; at <= Date.now() + 2000; at += 1000) {
    codes.add(totp.generate({ timestamp: at }));
  }
  return [...codes];
}

const valueOf = (page: Page, selector: string) =>
  page.$eval(selector, (e) => (e as HTMLInputElement).value);

describe.each(suiteBrowsers)('%s: the one-time code in the inline menu', (browserName) => {
  let device: Device;
  let page: Page;

  beforeAll(async () => {
    device = await startDevice(browserName, builtTestExtensionDir(browserName));
    await device.send('vault.save', {
      item: { ...LOGIN, urls: [{ url: world.sites.origin('otp.test') }] },
    });
    page = await device.extension.browser.newPage();
  });
  afterAll(async () => {
    await device?.close();
  });

  it('offers the code field the code of the login just filled, and fills it', async () => {
    await page.goto(world.sites.url('otp.test', '/verify.html'), { waitUntil: 'load' });
    // Before any fill, the code field is left alone (as every one-time code field was).
    await page.click('#code');
    await sleep(600);
    expect(await hasMenu(page)).toBe(false);

    await page.goto(world.sites.url('otp.test', '/login.html'), { waitUntil: 'load' });
    await page.click('#username');
    await pickInMenu(await menuFrame(page), LOGIN.title);
    await expect.poll(() => valueOf(page, '#password')).toBe(LOGIN.password);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);

    await page.click('#code');
    const menu = await menuFrame(page);
    expect(await menuRows(menu)).toEqual([`${LOGIN.title} The code of the login you just filled`]);
    const from = Date.now();
    await pickInMenu(menu, LOGIN.title);
    await expect.poll(() => valueOf(page, '#code')).not.toBe('');
    expect(codesSince(from)).toContain(await valueOf(page, '#code'));

    // One box per digit: a click into any box offers the code, which fills the whole row.
    await page.goto(world.sites.url('otp.test', '/verify-boxes.html'), { waitUntil: 'load' });
    await page.click('#d3');
    const boxMenu = await menuFrame(page);
    expect(await menuRows(boxMenu)).toEqual([
      `${LOGIN.title} The code of the login you just filled`,
    ]);
    const boxesFrom = Date.now();
    await pickInMenu(boxMenu, LOGIN.title);
    await expect.poll(() => valueOf(page, '#sent')).toMatch(/^\d{6}$/);
    expect(codesSince(boxesFrom)).toContain(await valueOf(page, '#sent'));
    expect(await valueOf(page, '#device-name')).toBe('');
  });
});
