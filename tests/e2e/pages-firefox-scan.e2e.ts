/**
 * Firefox blocks qr-scanner's own blob: worker under the extension CSP; the popup ships the worker
 * as a file instead. Proven here: Firefox's popup reads a dropped picture of a kit's QR code.
 */
import { renderSVG } from 'uqr';
import { expect, it } from 'vitest';
import { encodeSetupCode, formatAccountKey } from '@/lib/account-key';
import { saveScreenshot } from '../support/artifacts';
import { launchFirefox } from '../support/browsers';
import { builtExtensionDir } from '../support/paths';

it('firefox: the sign-in view reads a dropped QR picture with the shipped worker', async () => {
  const accountKey = crypto.getRandomValues(new Uint8Array(16));
  const email = 'lena@example.de';
  const svg = renderSVG(
    encodeSetupCode({ email, serverUrl: 'https://vault.example.de', accountKey }),
    { ecc: 'M', border: 4, pixelSize: 8, whiteColor: '#fff', blackColor: '#000' },
  );
  const firefox = await launchFirefox({ extensionDir: builtExtensionDir('firefox') });
  try {
    const page = await firefox.openExtensionPage('/popup.html');
    await page.waitForFunction(
      () => document.querySelector('h1')?.textContent === 'Welcome to Cassaforte',
    );
    const buttons = await page.$$('button');
    for (const button of buttons) {
      if ((await button.evaluate((b) => b.textContent)) === 'Sign in with an existing account') {
        await button.click();
      }
    }
    await page.waitForFunction(
      () => document.querySelector('h1')?.textContent === 'Sign in on this device',
    );
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'kit.svg', { type: 'image/svg+xml' }));
      const zone = document.querySelector('fieldset')!;
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true }));
    }, svg);
    await page.waitForFunction(() => document.body.innerText.includes('Setup code read'), {
      timeout: 30_000,
    });
    const fields = await page.$$eval('input', (inputs) => inputs.map((i) => i.value));
    expect(fields).toContain(email);
    expect(fields).toContain(formatAccountKey(accountKey));
    await saveScreenshot(page, 'view-signin-scanned-firefox');
  } finally {
    await firefox.close();
  }
});
