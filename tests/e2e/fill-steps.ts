/**
 * The steps fill.e2e.ts repeats on the one page its cases share: go to a fixture page, fill a
 * login from the popup over it, check that the popup went away, and press Enter to fill.
 */
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { openPopupOver, popupGone, type Device } from './fill-device';
import { clickFill, expectRow, logins, vaultList, world, type LoginName } from './fill-world';

/** The browser and the page of the cases, once `beforeAll` has made them. */
export type FillStage = () => { device: Device; page: Page };

export function fillSteps(stage: FillStage) {
  /** Opens `path` of `host` in the one page the cases share, loaded with all its frames. */
  async function visit(host: string, path: string): Promise<void> {
    await stage().page.goto(world.sites.url(host, path), { waitUntil: 'load' });
  }

  async function expectPopupGone(popup: Page): Promise<void> {
    expect(await popupGone(stage().device, popup), 'the popup closes after a fill').toBe(true);
  }

  /** Opens the popup over the page, clicks Fill on `login`, and checks the popup went away. */
  async function fillFromPopup(login: LoginName): Promise<void> {
    const { device, page } = stage();
    const popup = await openPopupOver(device, page);
    await vaultList(popup);
    await expectRow(popup, logins[login].title, { listed: true, thisSite: true, fill: true });
    await clickFill(popup, login);
    await expectPopupGone(popup);
  }

  return { visit, expectPopupGone, fillFromPopup };
}

/**
 * Enter on a row that fills: the fill closes the popup as the key goes down, so Chromium's
 * separate key-up may meet a closed target ("Target closed"). Firefox sends down and up as one
 * action. Only a closed popup is forgiven; the fill itself is checked by the caller.
 */
export async function pressEnterToFill(popup: Page): Promise<void> {
  await popup.keyboard.press('Enter').catch((error: unknown) => {
    if (!(error instanceof Error && /Target closed|Session closed/.test(error.message))) {
      throw error;
    }
  });
}
