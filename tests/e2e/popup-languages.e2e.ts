/**
 * The popup in the browser's language: Chromium started in Italian and in German shows the
 * welcome, the account form (with the strength verdict) and the reset guidance in that language
 * (screenshots of each).
 */
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from '../support/artifacts';
import { launchChromium } from '../support/browsers';
import { builtExtensionDir } from '../support/paths';

const languages = [
  {
    lang: 'it',
    welcome: 'Benvenuto in Cassaforte',
    create: 'Crea un account',
    createTitle: 'Crea il tuo account',
    lost: 'Hai perso la password o il Kit di emergenza?',
    resetTitle: "Reimpostare l'account?",
    cannot: 'No, non riesco a sbloccarla da nessuna parte',
    keeps: 'La reimpostazione conserva',
    tooShort: 'Usa almeno 12 caratteri',
  },
  {
    lang: 'de',
    welcome: 'Willkommen bei Cassaforte',
    create: 'Konto erstellen',
    createTitle: 'Dein Konto erstellen',
    lost: 'Passwort oder Notfall-Kit verloren?',
    resetTitle: 'Konto zurücksetzen?',
    cannot: 'Nein, auf keinem Gerät',
    keeps: 'Ein Zurücksetzen behält',
    tooShort: 'Verwende mindestens 12 Zeichen',
  },
];

describe.each(languages)('chromium in $lang', (l) => {
  it('shows the welcome, the account form and the reset guidance in that language', async () => {
    const chromium = await launchChromium({
      extensionDir: builtExtensionDir('chromium'),
      lang: l.lang,
    });
    try {
      const page = await chromium.openExtensionPage('/popup.html');
      await page.setViewport({ width: 380, height: 600 });
      const h1 = () => page.$eval('h1', (h) => h.textContent);
      await page.waitForFunction(
        (t) => document.querySelector('h1')?.textContent === t,
        {},
        l.welcome,
      );
      expect(await page.evaluate(() => document.documentElement.lang)).toMatch(
        new RegExp(`^${l.lang}`),
      );
      await saveScreenshot(page, `view-welcome-${l.lang}`);

      await page.locator(`::-p-aria([name="${l.create}"][role="button"])`).click();
      await page.waitForFunction(
        (t) => document.querySelector('h1')?.textContent === t,
        {},
        l.createTitle,
      );
      await page.locator('input[type="password"]').fill('abc12345');
      // The verdict comes from the strength worker, in this language's words.
      await page.waitForSelector('.strength meter', { timeout: 10_000 });
      expect(await page.$eval('.strength', (e) => (e as HTMLElement).innerText)).toContain(
        l.tooShort,
      );
      await saveScreenshot(page, `view-create-${l.lang}`);
      expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/Use at least 12/);

      await page.goto(page.url());
      await page.locator(`::-p-aria(${l.lost})`).click();
      await page.waitForFunction(
        (t) => document.querySelector('h1')?.textContent === t,
        {},
        l.resetTitle,
      );
      await page.locator(`::-p-aria(${l.cannot})`).click();
      expect(await page.evaluate(() => document.body.innerText)).toContain(l.keeps);
      expect(await h1()).toBe(l.resetTitle);
      await saveScreenshot(page, `view-reset-${l.lang}`);
    } finally {
      await chromium.close();
    }
  });
});
