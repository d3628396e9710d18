/**
 * Stopping the extension's background as the browser does when it idles, in both browsers.
 * Chromium: the service worker is closed over CDP. WebDriver BiDi cannot stop, reload or suspend
 * Firefox's event page, so a Firefox profile that needs it is launched with a short idle timeout
 * (`firefoxShortIdlePrefs`) and the step waits until Firefox has suspended the page by itself.
 */
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import type { ChromiumExtensionBrowser, ExtensionBrowser } from '../support/browsers';

/** Firefox suspends an idle event page after this long (ms); its default is 30 s. */
const FIREFOX_IDLE_MS = 3_000;

export const firefoxShortIdlePrefs = { 'extensions.background.idle.timeout': FIREFOX_IDLE_MS };

/**
 * The background stops as the browser stops it when idle: its globals are gone, storage.session
 * stays. Chromium: the worker is closed over CDP. Firefox: nothing may reach the background for a
 * while, and the window `getBackgroundPage` gave before reports closed once Firefox suspended it.
 */
export async function stopIdleBackground(extension: ExtensionBrowser, page: Page): Promise<void> {
  if (extension.name === 'chromium') {
    await (await (extension as ChromiumExtensionBrowser).serviceWorker()).stop();
    return;
  }
  const suspended = await page.evaluate(async (waitMs: number) => {
    const api = (
      globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } }
    ).browser;
    const background = await api.runtime.getBackgroundPage();
    const gone = () => {
      try {
        return background.closed;
      } catch {
        return true; // "can't access dead object": Firefox dropped the suspended page's window
      }
    };
    const deadline = Date.now() + waitMs;
    while (!gone() && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 200));
    }
    return gone();
  }, FIREFOX_IDLE_MS * 10);
  expect(suspended, 'Firefox suspended the idle background page').toBe(true);
}
