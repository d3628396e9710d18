/**
 * Chromium stops an idle extension service worker whenever it likes. The popup must still get an
 * answer: the next message starts a fresh worker. Later issues reuse `stop()` to prove that the
 * unlocked state survives in storage.session.
 */
import { expect, it } from 'vitest';
import { saveScreenshot } from '../support/artifacts';
import { launchChromium } from '../support/browsers';
import { builtExtensionDir } from '../support/paths';
import { readPopupStatus } from './popup-page';

it('chromium: the popup gets its status again after the service worker was stopped', async () => {
  const chromium = await launchChromium({ extensionDir: builtExtensionDir('chromium') });
  try {
    const first = await chromium.serviceWorker();
    const popup = await chromium.openExtensionPage('/popup.html');
    expect((await readPopupStatus(popup)).state).toBe('signed-out');

    await first.stop();
    const workers = chromium.browser.targets().filter((t) => t.type() === 'service_worker');
    expect(workers).toHaveLength(0);

    await popup.reload();
    const status = await readPopupStatus(popup);
    await saveScreenshot(popup, 'popup-chromium-after-worker-stop');
    expect(status.state).toBe('signed-out');
    const second = await chromium.serviceWorker();
    expect(second.target).not.toBe(first.target);
  } finally {
    await chromium.close();
  }
});
