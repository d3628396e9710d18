/**
 * Our in-page frame as a user meets it: found among the page's frames (it lives in a closed
 * shadow root, so only the browser's frame tree reaches it), its rows read, a choice clicked
 * with a real pointer click.
 */
import type { Frame, Page } from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { artifactsDir } from '../support/artifacts';
import type { Device } from './fill-device';
import { sleep } from './popup-page';

/** How long a person takes at least to see a menu before clicking in it (guard.ts waits 350 ms). */
export const SEEN_MS = 400;

export async function menuFrame(page: Page, timeout = 10_000): Promise<Frame> {
  const started = Date.now();
  for (;;) {
    // Chromium names the frame's URL; Firefox's BiDi reports it as about:blank.
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const ours = await frame.$('#menu > div').catch(() => null);
      if (ours) return frame;
    }
    if (Date.now() - started > timeout) throw new Error('no inline menu appeared');
    await sleep(50);
  }
}

/** The menu's choices as the user reads them, one line each. */
export async function menuRows(menu: Frame): Promise<string[]> {
  return menu.$$eval('button.row', (rows) =>
    rows.map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
  );
}

/** Whether our frame's host is on the page (the page sees only the host, not inside it). */
export async function hasMenu(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    [...document.documentElement.children].some((el) => el.matches('div[popover]')),
  );
}

/** Clicks the row (or button) whose text starts with `text`, once the menu has been seen. */
export async function pickInMenu(menu: Frame, text: string): Promise<void> {
  await sleep(SEEN_MS);
  const buttons = await menu.$$('button');
  for (const button of buttons) {
    const label = await button.evaluate((b) => (b as HTMLElement).innerText.trim());
    if (label.startsWith(text)) return button.click();
  }
  throw new Error(`no "${text}" in the menu`);
}

/** What the menu says about a refusal. */
export async function menuAlert(menu: Frame): Promise<string> {
  const line = await menu.waitForSelector('[role="alert"]', { timeout: 10_000 });
  return line!.evaluate((element) => (element as HTMLElement).innerText);
}

/**
 * The extension's popup that opens next (the toolbar popup, or its window where the browser does
 * not let an extension open the toolbar popup on its own). Call before the click that opens it.
 */
export async function newPopup(device: Device, timeout = 15_000): Promise<Page> {
  const browser = device.extension.browser;
  const before = new Set(browser.targets());
  const wanted = `${device.extension.extensionOrigin}/popup.html`;
  const started = Date.now();
  for (;;) {
    // Chromium: the toolbar popup is a target of its own; Firefox: a window whose page BiDi
    // reports as about:blank, so each new page is asked where it is.
    const candidates = [
      ...browser.targets().filter((t) => !before.has(t)),
      ...(await browser.pages()).filter((p) => !before.has(p.target())),
    ];
    for (const candidate of candidates) {
      const page =
        'asPage' in candidate ? await candidate.asPage().catch(() => undefined) : candidate;
      const ours = await page
        ?.evaluate((url: string) => location.href.startsWith(url), wanted)
        .catch(() => false);
      if (page && ours) {
        await page.waitForSelector('input[type="password"]', { timeout });
        return page;
      }
    }
    if (Date.now() - started > timeout) throw new Error('no popup opened');
    await sleep(100);
  }
}

/**
 * A screenshot of what the viewport shows (tests/artifacts): not a full-page one, whose viewport
 * change is a resize, on which the menu closes as it should.
 */
export async function viewShot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: `${artifactsDir}${name}.png` });
}
