/**
 * Steps shared by the journeys around a reset (account-reset.e2e.ts) and a forced sign-out
 * (signed-out-by-device.e2e.ts): fields found by their visible label, and the extension page a
 * tab shows.
 */
import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from '../support/browsers';
import { sleep } from './popup-page';

/**
 * The input a label names (`<label for>` or a label around it), as a selector. By the DOM: puppeteer's
 * aria queries do not reach Firefox's labelled inputs over BiDi (fill.e2e.ts).
 */
export async function labelled(page: Page, text: string): Promise<string> {
  const handle = await page.waitForFunction(
    (wanted: string) => {
      const label = [...document.querySelectorAll('label')].find(
        (l) => l.textContent?.trim() === wanted,
      );
      const input = label?.htmlFor
        ? document.getElementById(label.htmlFor)
        : label?.querySelector('input');
      if (!input) return false;
      input.setAttribute('data-e2e-field', wanted);
      return true;
    },
    { timeout: 20_000 },
    text,
  );
  await handle.dispose();
  return `[data-e2e-field="${text}"]`;
}

/** Types into the field labelled `label`. */
export async function type(page: Page, label: string, value: string): Promise<void> {
  await page.locator(await labelled(page, label)).fill(value);
}

/** Ticks the checkbox labelled `label`. */
export async function tick(page: Page, label: string): Promise<void> {
  await page.locator(await labelled(page, label)).click();
}

/** An extension page at `path` that some tab shows, as soon as it has loaded. */
export async function extensionPage(extension: ExtensionBrowser, path: string): Promise<Page> {
  const url = `${extension.extensionOrigin}${path}`;
  for (let i = 0; i < 200; i++) {
    for (const page of await extension.browser.pages()) {
      // Firefox over BiDi may report a new tab's first URL: ask the page itself.
      const here = await page
        .evaluate(() => (document.readyState === 'complete' ? location.href : ''))
        .catch(() => '');
      if (here === url) {
        await page.bringToFront();
        return page;
      }
    }
    await sleep(100);
  }
  throw new Error(`No tab shows ${url}`);
}
