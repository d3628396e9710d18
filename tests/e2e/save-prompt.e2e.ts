/**
 * The save and update prompts and the account-password warning (issue 12), in real Chromium and
 * Firefox ESR from the same code, on the test build: a login submitted on a site becomes an item
 * that a second browser profile, signed in with the kit, shows from the real server; a changed password updates the item and keeps
 * the old one in its history; "Never for this site" sticks; the Cassaforte account password typed
 * into a site is warned about on the next page and on the toolbar badge.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtTestExtensionDir } from '../support/paths';
import { suiteBrowsers } from './languages';
import { Device, badge, startDevice, startSecondProfile } from './fill-device';
import { PASSWORD, secret, useFillWorld, world } from './fill-world';
import { hasMenu, menuFrame, pickInMenu, SEEN_MS, viewShot } from './menu-page';
import { openPopup, sleep, waitForText } from './popup-page';

useFillWorld();

describe.each(suiteBrowsers)('%s: save, update and the account-password warning', (browserName) => {
  let device: Device;
  let page: Page;

  beforeAll(async () => {
    device = await startDevice(browserName, builtTestExtensionDir(browserName));
    page = await device.extension.browser.newPage();
  });
  afterAll(async () => {
    await device?.close();
  });

  /** Signs in on the shop's page as a user types, and lands on its welcome page. */
  async function signIn(username: string, password: string) {
    await page.goto(world.sites.url('shop.test', '/login.html'), { waitUntil: 'load' });
    await page.type('#username', username);
    await page.type('#password', password);
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.click('button[type="submit"]'),
    ]);
  }

  const promptText = async () => {
    const prompt = await menuFrame(page, 15_000);
    return { prompt, text: await prompt.evaluate(() => document.body.innerText) };
  };

  const shopLogins = async () => {
    const { items } = await device.send('vault.list', { query: '' });
    const all = await Promise.all(items.map((row) => device.send('vault.get', { id: row.id })));
    return all.filter((item) => JSON.stringify(item).includes('shop.test'));
  };

  it('saves a submitted login, which a second profile signed in with the kit then shows', async () => {
    const password = secret('shop');
    await signIn('ada@shop.test', password);
    const { prompt, text } = await promptText();
    expect(text).toContain('Save this login for shop.test?');
    expect(text).toContain('ada@shop.test');
    await viewShot(page, `inpage-save-${browserName}`);
    await pickInMenu(prompt, 'Save');
    await expect.poll(() => hasMenu(page), { timeout: 5_000 }).toBe(false);
    expect(await shopLogins()).toMatchObject([{ username: 'ada@shop.test', password }]);
    await device.send('sync.now', {});
    // A second profile of the same browser signs in with the kit and finds it in its popup.
    const other = await startSecondProfile(device);
    try {
      const popup = await openPopup(other.extension);
      await waitForText(popup, 'ada@shop.test');
      const { items } = await other.send('vault.list', { query: '' });
      const there = await Promise.all(items.map((row) => other.send('vault.get', { id: row.id })));
      expect(there).toContainEqual(
        expect.objectContaining({ username: 'ada@shop.test', password }),
      );
    } finally {
      await other.close();
    }
  });

  it('updates the item after a changed password, keeping the old one in its history', async () => {
    const [before] = await shopLogins();
    const changed = secret('shop-new');
    await signIn('ada@shop.test', changed);
    const { prompt, text } = await promptText();
    expect(text).toContain(`Update the password of “${before!.title}” (shop.test)?`);
    await pickInMenu(prompt, 'Update');
    await expect
      .poll(async () => (await shopLogins())[0])
      .toMatchObject({
        password: changed,
        passwordHistory: [
          expect.objectContaining({ password: (before as { password: string }).password }),
        ],
      });
  });

  it('asks no more on a site marked "Never for this site"', async () => {
    await signIn('someone.else@shop.test', secret('other'));
    const { prompt } = await promptText();
    await pickInMenu(prompt, 'Never for this site');
    await expect.poll(() => hasMenu(page), { timeout: 5_000 }).toBe(false);
    await signIn('third@shop.test', secret('third'));
    await sleep(1_500 + SEEN_MS);
    expect(await hasMenu(page)).toBe(false);
    expect(await shopLogins()).toHaveLength(1);
  });

  it('offers to save in a single-page app whose sign-in swaps the fields away', async () => {
    await page.goto(world.sites.url('mail.test', '/app.html'), { waitUntil: 'load' });
    const password = secret('app');
    await page.type('#username', 'ada.app@mail.test');
    await page.type('#password', password);
    await page.click('#go');
    const { prompt, text } = await promptText();
    expect(text).toContain('Save this login for mail.test?');
    await pickInMenu(prompt, 'Save');
    await expect
      .poll(async () => {
        const { items } = await device.send('vault.list', { query: 'ada.app' });
        return items.length ? device.send('vault.get', { id: items[0]!.id }) : undefined;
      })
      .toMatchObject({ username: 'ada.app@mail.test', password });
  });

  it('checks no password a page put in and submitted by script (it would learn from the warning)', async () => {
    await page.goto(world.sites.url('mail.test', '/login.html'), { waitUntil: 'load' });
    await sleep(1_500); // as a page would wait: our content script has found the form by then
    // A page guessing the account password: fills the form itself and submits it, no key pressed.
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.evaluate((guess) => {
        (document.querySelector('#username') as HTMLInputElement).value = 'ada@mail.test';
        const field = document.querySelector('#password') as HTMLInputElement;
        field.value = guess;
        field.dispatchEvent(new Event('input', { bubbles: true }));
        field.form!.requestSubmit();
      }, PASSWORD),
    ]);
    await sleep(4_000); // longer than a check of the account password takes
    expect(await hasMenu(page)).toBe(false);
    expect(await badge(device, page)).not.toBe('!');
  });

  it('warns on the next page and on the badge when the account password was typed into a site', async () => {
    await page.goto(world.sites.url('mail.test', '/login.html'), { waitUntil: 'load' });
    await page.type('#username', 'ada@mail.test');
    await page.type('#password', PASSWORD);
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.click('button[type="submit"]'),
    ]);
    await expect
      .poll(async () => (await promptText()).text, { timeout: 20_000 })
      .toContain('You typed your Cassaforte account password into mail.test');
    await expect.poll(() => badge(device, page), { timeout: 10_000 }).toBe('!');
    const { prompt } = await promptText();
    await viewShot(page, `inpage-warning-${browserName}`);
    await pickInMenu(prompt, 'I understand');
    await expect.poll(() => hasMenu(page), { timeout: 5_000 }).toBe(false);
    await expect.poll(() => badge(device, page), { timeout: 10_000 }).not.toBe('!');
  });
});
