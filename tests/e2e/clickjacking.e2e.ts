/**
 * Clickjacking against the inline menu (issue 12; Tóth, DEF CON 33), in real Chromium and Firefox
 * ESR from the same code: pages that make the form or the menu see-through, cover the menu with a
 * top-layer "cookie banner" that lets clicks through, move the menu's host under the pointer, or
 * fire events of their own. Each time nothing is filled, and where the menu is still there it says
 * why.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtTestExtensionDir } from '../support/paths';
import { suiteBrowsers } from './languages';
import { Device, startDevice } from './fill-device';
import { expectFields, logins, useFillWorld, world } from './fill-world';
import { hasMenu, menuAlert, menuFrame, menuRows, pickInMenu, SEEN_MS } from './menu-page';
import { sleep } from './popup-page';

useFillWorld();

const SEE_THROUGH =
  'Not filled: this page made the form or this menu see-through, a trick to make you click unseen. Type the password yourself if you trust the site.';
const COVERED = 'Not filled: something on the page lies over this menu where you clicked.';

describe.each(suiteBrowsers)('%s: the inline menu against clickjacking', (browserName) => {
  let device: Device;
  let page: Page;

  beforeAll(async () => {
    device = await startDevice(browserName, builtTestExtensionDir(browserName));
    page = await device.extension.browser.newPage();
  });
  afterAll(async () => {
    await device?.close();
  });

  const visit = (path: string) =>
    page.goto(world.sites.url('mail.test', path), { waitUntil: 'load' });

  it('says why and lists nothing on a page at opacity 0.01', async () => {
    await visit('/see-through.html');
    await page.click('#username');
    const menu = await menuFrame(page);
    expect(await menuAlert(menu)).toBe(SEE_THROUGH);
    expect(await menuRows(menu)).toEqual([]);
    await expectFields(page, {});
  });

  it('refuses the click when the page fades itself and the menu after it showed', async () => {
    await visit('/fading.html');
    await page.click('#username');
    const menu = await menuFrame(page);
    await pickInMenu(menu, logins.mailHome.title);
    expect(await menuAlert(menu)).toBe(SEE_THROUGH);
    await expectFields(page, {});
  });

  it('refuses the click through a top-layer banner that covers the menu', async () => {
    await visit('/covered.html');
    await page.click('#username');
    const menu = await menuFrame(page);
    await page.waitForFunction(() => document.getElementById('banner')!.matches(':popover-open'));
    await pickInMenu(menu, logins.mailHome.title);
    expect(await menuAlert(menu)).toBe(COVERED);
    await expectFields(page, {});
  });

  it('closes the menu when the page moves it under the pointer', async () => {
    await visit('/moving.html');
    await page.click('#username');
    await page.waitForFunction(() => (window as unknown as { moved?: boolean }).moved === true);
    await expect.poll(() => hasMenu(page), { timeout: 5_000 }).toBe(false);
    await page.mouse.click(420, 320); // where the page wanted the click
    await sleep(SEEN_MS);
    await expectFields(page, {});
  });

  it('opens no menu for a page’s own focus, clicks and keys', async () => {
    await visit('/synthetic.html');
    await page.evaluate(() => (window as unknown as { attack(): void }).attack());
    await sleep(SEEN_MS);
    expect(await hasMenu(page)).toBe(false);
    await expectFields(page, {});
  });
});
