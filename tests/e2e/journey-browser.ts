/**
 * A browser for the popup journeys, in either browser from the same test code: downloads land in
 * a folder the test reads, and a device may ask for the dark colour scheme.
 *
 * - Downloads: Chromium is told over CDP (`Browser.setDownloadBehavior`); Firefox has no BiDi
 *   command for it, so its profile prefs say where downloads go and not to ask.
 * - Dark scheme: Chromium emulates the media feature per page (`emulateMediaFeatures`); puppeteer
 *   over BiDi cannot, so Firefox's profile overrides the scheme for web content
 *   (`layout.css.prefers-color-scheme.content-override`: 0 is dark), extension pages included.
 */
import type { Page } from 'puppeteer-core';
import {
  launchBrowser,
  launchFirefox,
  type BrowserName,
  type ExtensionBrowser,
} from '../support/browsers';

export interface JourneyOptions {
  extensionDir: string;
  serverUrl: string;
  /** Where the browser saves downloads, without asking. */
  downloadDir?: string;
  /** Firefox only (a profile pref); in Chromium call `prefersDark` on the page. */
  dark?: boolean;
}

export async function launchJourneyBrowser(
  name: BrowserName,
  options: JourneyOptions,
): Promise<ExtensionBrowser> {
  const { extensionDir, serverUrl, downloadDir, dark } = options;
  if (name === 'chromium') {
    const chromium = await launchBrowser(name, { extensionDir, serverUrl });
    if (downloadDir) {
      const session = await chromium.browser.target().createCDPSession();
      await session.send('Browser.setDownloadBehavior', {
        behavior: 'allow',
        downloadPath: downloadDir,
      });
    }
    return chromium;
  }
  const prefs: Record<string, string | number | boolean> = {};
  if (downloadDir) {
    Object.assign(prefs, {
      'browser.download.dir': downloadDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
      'browser.download.panel.shown': true,
    });
  }
  if (dark) prefs['layout.css.prefers-color-scheme.content-override'] = 0;
  return launchFirefox({ extensionDir, serverUrl, prefs });
}

/** The page in the dark colour scheme: Chromium emulates it; Firefox was launched with `dark`. */
export async function prefersDark(extension: ExtensionBrowser, page: Page): Promise<void> {
  if (extension.name === 'chromium') {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  }
}
