/** What a user sees in the popup page, read the way they would: rendered text, visible elements. */
import type { Page } from 'puppeteer-core';

export interface PopupStatus {
  /** `data-state` of the status line: the state the background returned. */
  state: string;
  /** The status line's rendered text. */
  text: string;
  /** Whether the status line takes up room on screen. */
  visible: boolean;
  /** The whole popup's rendered text. */
  bodyText: string;
  /** `<html lang>`, which the popup sets from `i18n.getUILanguage()`. */
  documentLang: string;
  /** What the extension API reports as the browser's UI language. */
  uiLanguage: string;
}

interface ExtensionGlobals {
  browser?: { i18n: { getUILanguage(): string } };
  chrome?: { i18n: { getUILanguage(): string } };
}

/** Waits for the background's answer (the loading line has no `data-state`) and reads it. */
export async function readPopupStatus(page: Page, timeout = 15_000): Promise<PopupStatus> {
  const line = await page.waitForSelector('p[role="status"][data-state]', { timeout });
  if (!line) throw new Error('The popup never showed a status from the background');
  return page.evaluate((element) => {
    const box = element.getBoundingClientRect();
    // Firefox has `browser`, Chromium `chrome`; the page may not have loaded the polyfill's global.
    const { browser, chrome } = globalThis as ExtensionGlobals;
    const api = browser ?? chrome;
    return {
      state: element.dataset.state ?? '',
      text: element.innerText,
      visible:
        box.width > 0 && box.height > 0 && getComputedStyle(element).visibility === 'visible',
      bodyText: document.body.innerText,
      documentLang: document.documentElement.lang,
      uiLanguage: api?.i18n.getUILanguage() ?? '',
    };
  }, line);
}
