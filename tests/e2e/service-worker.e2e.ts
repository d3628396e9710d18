/**
 * The browser stops an idle extension background whenever it likes: Chromium its service worker,
 * Firefox its event page. The popup must still get an answer: the next message starts a fresh
 * background. Later issues reuse this to prove that the unlocked state survives in storage.session.
 * How each browser's background is stopped from a test: background-stop.ts.
 */
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from '../support/artifacts';
import { launchChromium, launchFirefox } from '../support/browsers';
import { builtExtensionDir } from '../support/paths';
import { firefoxShortIdlePrefs, stopIdleBackground } from './background-stop';
import { suiteBrowsers } from './languages';
import { readPopupStatus } from './popup-page';

describe.each(suiteBrowsers)('%s', (browserName) => {
  it('the popup gets its status again after the background was stopped', async () => {
    const extensionDir = builtExtensionDir(browserName);
    const extension =
      browserName === 'chromium'
        ? await launchChromium({ extensionDir })
        : await launchFirefox({ extensionDir, prefs: firefoxShortIdlePrefs });
    try {
      const first = extension.name === 'chromium' ? await extension.serviceWorker() : undefined;
      const popup = await extension.openExtensionPage('/popup.html');
      expect((await readPopupStatus(popup)).state).toBe('signed-out');

      await stopIdleBackground(extension, popup);
      if (extension.name === 'chromium') {
        const workers = extension.browser.targets().filter((t) => t.type() === 'service_worker');
        expect(workers).toHaveLength(0);
      }

      await popup.close(); // and opened again: a reload never ends over BiDi in Firefox
      const again = await extension.openExtensionPage('/popup.html');
      const status = await readPopupStatus(again);
      await saveScreenshot(again, `popup-${browserName}-after-worker-stop`);
      expect(status.state).toBe('signed-out');
      if (extension.name === 'chromium') {
        const second = await extension.serviceWorker();
        expect(second.target).not.toBe(first!.target);
      }
    } finally {
      await extension.close();
    }
  });
});
