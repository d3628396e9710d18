/**
 * The inline menu (issue 12), in real Chromium and Firefox ESR from the same code, on the test
 * build (site access to the fixture sites): it opens on a trusted click in a detected field, lists
 * this site's logins, filters as the user types, fills after a click or Enter inside it, offers
 * Unlock while locked, gives a sign-up form a generated password saved before the submit, and
 * stays away from search, newsletter and one-time-code fields.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtTestExtensionDir } from '../support/paths';
import { suiteBrowsers } from './languages';
import { Device, startDevice } from './fill-device';
import {
  PASSWORD,
  credentials,
  expectFields,
  fieldValues,
  logins,
  useFillWorld,
  world,
} from './fill-world';
import { hasMenu, menuFrame, menuRows, newPopup, pickInMenu, SEEN_MS, viewShot } from './menu-page';
import { sleep } from './popup-page';

useFillWorld();

describe.each(suiteBrowsers)('%s: the inline menu', (browserName) => {
  let device: Device;
  let page: Page;

  beforeAll(async () => {
    device = await startDevice(browserName, builtTestExtensionDir(browserName));
    page = await device.extension.browser.newPage();
  });
  afterAll(async () => {
    await device?.close();
  });

  const mailLogin = () => world.sites.url('mail.test', '/login.html');

  it('opens on a click in the field, lists this site’s logins, and fills the one clicked', async () => {
    await page.goto(mailLogin(), { waitUntil: 'load' });
    await page.click('#username');
    const menu = await menuFrame(page);
    expect(await menuRows(menu)).toEqual([
      `${logins.mailHome.title} ${logins.mailHome.username}`,
      `${logins.mailWork.title} ${logins.mailWork.username}`,
    ]);
    await viewShot(page, `inpage-menu-${browserName}`);
    await pickInMenu(menu, logins.mailWork.title);
    await expectFields(page, credentials('mail.test/login.html', 'mailWork'));
    expect(await hasMenu(page)).toBe(false);
  });

  it('filters as the user types, and fills with ↓ and Enter from the field', async () => {
    await page.goto(mailLogin(), { waitUntil: 'load' });
    await page.click('#username');
    const menu = await menuFrame(page);
    await page.keyboard.type('work');
    await expect
      .poll(() => menuRows(menu), { timeout: 5_000 })
      .toEqual([`${logins.mailWork.title} ${logins.mailWork.username}`]);
    await sleep(SEEN_MS);
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => menu.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain(logins.mailWork.title);
    if (browserName === 'chromium') await page.keyboard.press('Enter');
    // Firefox over BiDi sends keys to the tab's top document even with focus in our frame; the
    // key goes to the focused row itself there.
    else await (await menu.$('button.row'))!.press('Enter');
    await expectFields(page, credentials('mail.test/login.html', 'mailWork'));
  });

  it('closes on Escape, and when the user clicks elsewhere on the page', async () => {
    await page.goto(mailLogin(), { waitUntil: 'load' });
    await page.click('#username');
    await menuFrame(page);
    await page.keyboard.press('Escape');
    await expect.poll(() => hasMenu(page), { timeout: 5_000 }).toBe(false);
    await page.click('#password');
    await menuFrame(page);
    await page.click('h1');
    await expect.poll(() => hasMenu(page), { timeout: 5_000 }).toBe(false);
    await expectFields(page, {});
  });

  it('offers Unlock while locked; the unlock happens in the extension, then the menu fills', async () => {
    await device.send('session.lock', {});
    await page.goto(mailLogin(), { waitUntil: 'load' });
    await page.click('#password');
    const menu = await menuFrame(page);
    const popup = browserName === 'chromium' ? newPopup(device) : undefined;
    await pickInMenu(menu, 'Unlock Cassaforte');
    if (popup) {
      const opened = await popup;
      await opened.locator('input[type="password"]').fill(PASSWORD);
      await opened.keyboard.press('Enter');
    } else {
      // Firefox opens its toolbar panel, which BiDi cannot reach: the unlock is sent as that
      // popup sends it.
      await device.send('session.unlock', { password: PASSWORD });
    }
    await expect
      .poll(() => menuRows(menu), { timeout: 15_000 })
      .toContain(`${logins.mailHome.title} ${logins.mailHome.username}`);
    if (popup) await (await popup).close().catch(() => undefined);
    await pickInMenu(menu, logins.mailHome.title);
    await expectFields(page, credentials('mail.test/login.html', 'mailHome'));
  });

  it('gives a sign-up form a generated password within its maxlength, saved before the submit', async () => {
    await page.goto(world.sites.url('shop.test', '/signup.html'), { waitUntil: 'load' });
    await page.type('#username', 'ada@shop.test');
    await page.click('#password');
    const menu = await menuFrame(page);
    await pickInMenu(menu, 'Use a strong password');
    await expect
      .poll(async () => (await fieldValues(page)).values.size, { timeout: 5_000 })
      .toBe(3);
    const { values } = await fieldValues(page);
    const generated = values.get('shop.test/signup.html #password')!;
    expect(values.get('shop.test/signup.html #confirm')).toBe(generated);
    expect(generated.length).toBeGreaterThanOrEqual(10);
    expect(generated.length).toBeLessThanOrEqual(16);
    expect(generated).toMatch(/[a-z]/);
    expect(generated).toMatch(/[A-Z]/);
    expect(generated).toMatch(/[0-9]/);
    expect(generated).toMatch(/^[A-Za-z0-9_!-]+$/);
    // In the vault already, though the form was never submitted.
    const { items } = await device.send('vault.list', { query: 'shop.test' });
    const saved = await device.send('vault.get', { id: items[0]!.id });
    expect(saved).toMatchObject({ username: 'ada@shop.test', password: generated });
  });

  it('shows no menu in a search box, a newsletter field or a one-time-code field', async () => {
    await page.goto(world.sites.url('mail.test', '/other-fields.html'), { waitUntil: 'load' });
    for (const field of ['#q', '#news', '#code']) {
      await page.click(field);
      await sleep(SEEN_MS);
      expect(await hasMenu(page)).toBe(false);
    }
  });
});
