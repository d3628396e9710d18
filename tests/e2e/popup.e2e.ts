/**
 * The built extension in real Chromium and Firefox ESR: the popup asks the background for its
 * status over the real message path and shows the answer, in the browser's UI language.
 */
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from '../support/artifacts';
import { launchBrowser } from '../support/browsers';
import { builtExtensionDir } from '../support/paths';
import { popupLanguages, suiteBrowsers } from './languages';
import { readPopupStatus } from './popup-page';

describe.each(suiteBrowsers)('%s', (browserName) => {
  it.each(popupLanguages)(
    'shows the status the background returned, in $lang',
    async ({ lang, signedOut, version }) => {
      const extension = await launchBrowser(browserName, {
        extensionDir: builtExtensionDir(browserName),
        lang,
      });
      try {
        console.info(`${browserName} ${await extension.browser.version()} launched (${lang})`);
        const popup = await extension.openExtensionPage('/popup.html');
        const status = await readPopupStatus(popup);
        await saveScreenshot(popup, `popup-${browserName}-${lang}`);

        expect(status.state).toBe('signed-out');
        expect(status.text).toBe(signedOut);
        expect(status.visible).toBe(true);
        expect(status.bodyText).toContain(version(extension.manifest.version));
        // The browser itself runs in `lang`, not only the extension's message catalogue.
        expect(status.uiLanguage.toLowerCase()).toMatch(new RegExp(`^${lang}\\b`));
        expect(status.documentLang).toBe(status.uiLanguage);
      } finally {
        await extension.close();
      }
    },
  );
});
