/**
 * The camera path of signing in, for real: Chromium's fake camera plays a video whose frames show
 * an Emergency Kit's QR code, the full-tab scan page reads it with qr-scanner (its worker shipped as
 * a file), and the sign-in form there comes up with the email, server and account key filled in.
 *
 * Chromium only: Firefox's fake camera (`media.navigator.streams.fake`) plays a pattern of its own
 * and cannot be fed a chosen video. Firefox's sign-in by QR is covered from a picture instead
 * (popup-journeys-items: uploaded; popup-journeys-account and pages-firefox-scan: dropped).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'uqr';
import { expect, it } from 'vitest';
import { encodeSetupCode, formatAccountKey } from '@/lib/account-key';
import { saveScreenshot } from '../support/artifacts';
import { launchChromium } from '../support/browsers';
import { builtExtensionDir } from '../support/paths';

const W = 640;
const H = 480;

/** A .y4m video (4:2:0) of `frames` identical frames showing `text` as a QR code. */
function qrVideo(text: string, file: string, frames = 10): void {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  const scale = Math.floor(Math.min(W, H) / size);
  const left = Math.floor((W - size * scale) / 2);
  const top = Math.floor((H - size * scale) / 2);
  const y = Buffer.alloc(W * H, 255);
  data.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        y.fill(
          0,
          (top + r * scale + dy) * W + left + c * scale,
          (top + r * scale + dy) * W + left + (c + 1) * scale,
        );
      }
    }),
  );
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

it('chromium: the scan page reads the kit from the camera and fills the sign-in form', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cassaforte-camera-'));
  const accountKey = crypto.getRandomValues(new Uint8Array(16));
  const email = 'marta@example.com';
  const serverUrl = 'http://127.0.0.1:8787';
  const video = join(dir, 'kit.y4m');
  qrVideo(encodeSetupCode({ email, serverUrl, accountKey }), video);
  const chromium = await launchChromium({
    extensionDir: builtExtensionDir('chromium'),
    extraArgs: [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const page = await chromium.openExtensionPage('/scan.html');
    await page.setViewport({ width: 600, height: 800 });
    await page.waitForFunction(() => document.body.innerText.includes('Setup code read'), {
      timeout: 30_000,
    });
    const value = (name: string) =>
      page.$eval(`::-p-aria(${name})`, (e) => (e as HTMLInputElement).value);
    expect(await value('Email')).toBe(email);
    expect(await value('Account key')).toBe(formatAccountKey(accountKey));
    expect(await page.evaluate(() => document.body.innerText)).toContain(
      `Sync server: ${serverUrl}`,
    );
    // The password field has focus: the next thing to type.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe(
      'password',
    );
    await saveScreenshot(page, 'page-scan-filled');
  } finally {
    await chromium.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
