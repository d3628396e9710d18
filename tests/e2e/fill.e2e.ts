/**
 * Filling a login from the popup, as a user does it, in real Chromium and Firefox ESR with the
 * built extension, against fixture sites under several host names (tests/fixtures/sites, served
 * by tests/support/fixture-sites.ts) and the real sync server on 127.0.0.1.
 *
 * How the popup gets over the page (`openPopupOver`):
 * - Chromium: the toolbar button is really clicked (CDP `Extensions.triggerAction`), so the popup
 *   opens with `activeTab` granted, on the STORE build: activeTab + scripting alone must fill.
 *   activeTab does not reach another site's frame, so that case runs on the test build too.
 * - Firefox: its toolbar button cannot be clicked over WebDriver BiDi, so there is no activeTab
 *   grant; the TEST build (host access to `*://*.test/*`, granted at install: Firefox 153 ESR
 *   reports `permissions.contains` true for it, no prompt or pref needed) opens
 *   `popup.html?tab=<id>` in a small window of its own, as the fill shortcut's fallback does.
 *   Its `window.close()` after a fill does close that window; BiDi does not notice, so the test
 *   asks `tabs.query`.
 *
 * After every trigger the test reads every input of every frame (open shadow roots included) and
 * compares all the non-empty values with what should be there: a credential anywhere else fails.
 * One browser and one account per browser serve all the cases, in order.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdOf } from '../support/messages';
import { builtExtensionDir, builtTestExtensionDir } from '../support/paths';
import { suiteBrowsers } from './languages';
import { aria, bodyText, sleep } from './popup-page';
import {
  Device,
  startDevice,
  openPopupOver,
  closePopup,
  expectCrossOriginQuestion,
} from './fill-device';
import { fillSteps, pressEnterToFill } from './fill-steps';
import {
  PASSWORD,
  WHY_NO_FORM,
  whyFrameOtherSite,
  logins,
  world,
  useFillWorld,
  vaultList,
  row,
  expectRow,
  clickFill,
  fieldValues,
  expectFields,
  question,
  reason,
  credentials,
  Hostile,
} from './fill-world';

useFillWorld();

describe.each(suiteBrowsers)('%s', (browserName) => {
  let device: Device;
  let page: Page;
  const { visit, expectPopupGone, fillFromPopup } = fillSteps(() => ({ device, page }));

  beforeAll(async () => {
    const dir =
      browserName === 'chromium' ? builtExtensionDir('chromium') : builtTestExtensionDir('firefox');
    device = await startDevice(browserName, dir);
    page = await device.extension.browser.newPage();
    await page.setViewport({ width: 900, height: 700 });
    console.info(`${browserName} ${await device.extension.browser.version()}, ${dir}`);
  });
  afterAll(async () => {
    await device?.close();
  });

  it('fills username and password of a classic form (Enter in the search fills)', async () => {
    await visit('bank.test', '/login.html');
    await expectFields(page, {});
    const popup = await openPopupOver(device, page);
    await vaultList(popup);
    await expectRow(popup, logins.bank.title, { listed: true, thisSite: true, fill: true });
    await popup.locator(aria('Search the vault')).fill('corrente');
    await popup.waitForSelector('[data-ready][data-count="1"]');
    await pressEnterToFill(popup);
    await expectPopupGone(popup);
    await expectFields(page, credentials('bank.test/login.html', 'bank'));
  });

  it('fills a two-step login: the username, then the password on the next page', async () => {
    // Not the first of this site's logins, so the second page must remember the choice.
    await visit('bank.test', '/step1.html');
    await fillFromPopup('partner');
    await expectFields(page, { 'bank.test/step1.html #username': logins.partner.username });
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(new URL(page.url()).pathname).toBe('/step2.html');
    // The page carries the username over in a hidden field of its own.
    await expectFields(page, { 'bank.test/step2.html #username': logins.partner.username });
    // On the password page the keyboard starts on the account chosen before: Enter fills it.
    const popup = await openPopupOver(device, page);
    await vaultList(popup);
    const activeRow = () =>
      popup.evaluate(() => document.querySelector('.vitem.active .vtitle')?.textContent);
    await expect.poll(activeRow, { timeout: 5_000 }).toBe(logins.partner.title);
    await pressEnterToFill(popup);
    await expectPopupGone(popup);
    await expectFields(page, credentials('bank.test/step2.html', 'partner'));
  });

  it('fills a form the page inserted by script after it loaded', async () => {
    await visit('bank.test', '/late.html?after=1500');
    const popup = await openPopupOver(device, page);
    await vaultList(popup);
    await page.waitForSelector('#password', { timeout: 10_000 });
    await clickFill(popup, 'bank');
    await expectPopupGone(popup);
    await expectFields(page, credentials('bank.test/late.html', 'bank'));
  });

  it('fills a controlled (React-style) form so that its state keeps the values', async () => {
    await visit('bank.test', '/controlled.html');
    await fillFromPopup('bank');
    await expectFields(page, credentials('bank.test/controlled.html', 'bank'));
    // Submitting re-renders the inputs from the page's own state and checks it.
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('result')?.textContent !== '');
    expect(await page.$eval('#result', (p) => p.textContent)).toBe(
      `Signed in as ${logins.bank.username}`,
    );
    await expectFields(page, credentials('bank.test/controlled.html', 'bank'));
  });

  it('fills a form inside an open shadow root', async () => {
    await visit('bank.test', '/shadow.html');
    await fillFromPopup('bank');
    await expectFields(page, credentials('bank.test/shadow.html', 'bank', 'login-box>'));
  });

  it('fills a form in a same-origin iframe, and only there', async () => {
    await visit('bank.test', '/framed.html');
    await fillFromPopup('bank');
    const { frames } = await fieldValues(page);
    expect(frames).toEqual(['bank.test/framed.html', 'bank.test/login.html']);
    await expectFields(page, credentials('bank.test/login.html', 'bank'));
  });

  it('fills the frame of another site only after the popup named both sites', async () => {
    await visit('bank.test', '/cross.html');
    expect((await fieldValues(page)).frames).toEqual([
      'bank.test/cross.html',
      'frame.test/login.html',
    ]);
    const popup = await openPopupOver(device, page);
    await vaultList(popup);
    await clickFill(popup, 'partner');
    if (browserName === 'chromium') {
      // The store build has activeTab only, which does not reach another site's frame: nothing
      // is filled, the popup names the frame's site and offers to allow it (a browser prompt,
      // which a headless test cannot answer; the test build's run below shows what follows).
      const frameSite = world.sites.origin('frame.test');
      expect(await reason(popup)).toContain(whyFrameOtherSite(frameSite));
      expect(await popup.$(aria(`Allow ${frameSite} and fill`, 'button'))).not.toBeNull();
      await expectFields(page, {});
      await closePopup(device, popup);
      return;
    }
    await expectCrossOriginQuestion(device, popup, page);
  });

  it('asks before filling an https login into the http page, and fills after yes', async () => {
    await visit('bank.test', '/login.html');
    const popup = await openPopupOver(device, page);
    await vaultList(popup);
    await expectRow(popup, logins.secure.title, { listed: true, thisSite: true, fill: true });
    await clickFill(popup, 'secure');
    expect(await question(popup)).toContain(
      `This page is not encrypted (http): the password of “${logins.secure.title}” would travel unprotected.`,
    );
    await expectFields(page, {});
    await popup.locator(aria('Fill anyway', 'button')).click();
    await expectPopupGone(popup);
    await expectFields(page, credentials('bank.test/login.html', 'secure'));
  });

  it('offers no Fill for the bank on a look-alike host or a page that frames the bank', async () => {
    for (const [host, path] of [
      ['bank.test.evil.test', '/login.html'],
      ['evil.test', '/'],
    ] as const) {
      await visit(host, path);
      const popup = await openPopupOver(device, page);
      await vaultList(popup);
      // A search and its clearing: the rows read below are the background's, not the snapshot
      // the popup may paint first.
      const search = popup.locator(aria('Search the vault'));
      await search.fill('corrente');
      await popup.waitForSelector('[data-ready][data-count="1"]');
      for (const _ of 'corrente') await popup.keyboard.press('Backspace');
      const all = Object.keys(logins).length;
      await popup.waitForSelector(`[data-ready][data-count="${all}"][data-complete]`);
      for (const login of Object.values(logins)) {
        expect(await row(popup, login.title), `${login.title} on ${host}`).toEqual({
          listed: true,
          thisSite: false,
          fill: false,
        });
      }
      // Enter on the search opens the first row instead of filling it.
      await search.fill('corrente');
      await popup.waitForSelector('[data-ready][data-count="1"]');
      await popup.keyboard.press('Enter');
      await popup.waitForSelector('[data-view="item"]');
      await expectFields(page, {});
      await closePopup(device, popup);
    }
  });

  it('leaves hidden, off-screen, transparent, zero-size and aria-hidden decoys empty', async () => {
    await visit('bank.test', '/honeypot.html');
    await fillFromPopup('bank');
    await expectFields(page, credentials('bank.test/honeypot.html', 'bank'));
  });

  it("gives a page's synthetic clicks, keys and fake extension messages nothing", async () => {
    const build = buildIdOf(device.extensionDir);
    await visit(
      'bank.test',
      `/hostile.html?build=${encodeURIComponent(build)}&ext=${device.extension.extensionId}`,
    );
    const popup = await openPopupOver(device, page);
    await vaultList(popup);
    await sleep(1_000); // the page keeps trying every 100 ms, with the popup open
    const before = await page.evaluate(() => (window as unknown as { hostile: Hostile }).hostile);
    expect(before.rounds).toBeGreaterThan(5);
    expect(before.values, 'values the page saw in its fields').toEqual([]);
    expect(before.received, 'messages the page got that it did not send').toEqual([]);
    expect(JSON.stringify(before.answers)).not.toMatch(/bank-|secure-|partner-|ada\./);
    await expectFields(page, {});
    // The user's own Fill works there, and hands the page nothing but its two fields.
    await clickFill(popup, 'bank');
    await expectPopupGone(popup);
    await expectFields(page, credentials('bank.test/hostile.html', 'bank'));
    const after = await page.evaluate(() => (window as unknown as { hostile: Hostile }).hostile);
    expect(after.received).toEqual([]);
    expect(JSON.stringify(after.answers)).not.toMatch(/bank-|secure-|partner-|ada\./);
  });

  it('says why nothing was filled on a page without a login form', async () => {
    await visit('bank.test', '/nothing.html');
    const popup = await openPopupOver(device, page);
    await vaultList(popup);
    await clickFill(popup, 'bank');
    expect(await reason(popup)).toBe(WHY_NO_FORM);
    await expectFields(page, {});
    await closePopup(device, popup);
  });

  it('asks to unlock when the vault is locked, then fills', async () => {
    await device.send('session.lock', {});
    await visit('bank.test', '/login.html');
    const popup = await openPopupOver(device, page);
    await popup.waitForSelector('[data-view="unlock"]', { timeout: 15_000 });
    expect(await bodyText(popup)).toContain('Unlock Cassaforte');
    expect(await popup.$('button.fill')).toBeNull();
    await expectFields(page, {});
    // By selector: puppeteer's aria queries do not reach Firefox's labelled inputs over BiDi.
    await popup
      .locator('[data-view="unlock"] input[autocomplete="current-password"]')
      .fill(PASSWORD);
    await popup.locator('[data-view="unlock"] button[type="submit"]').click();
    await vaultList(popup);
    await clickFill(popup, 'bank');
    await expectPopupGone(popup);
    await expectFields(page, credentials('bank.test/login.html', 'bank'));
  });
});
