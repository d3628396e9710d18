/** Chromium with the extension, headless over CDP. Usage and caveats: browsers.ts. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page, type Target } from 'puppeteer-core';
import { assertInstalled, browserInstalls } from './binaries';
import type {
  ChromiumExtensionBrowser,
  ChromiumLaunchOptions,
  ExtensionServiceWorker,
} from './browsers';
import {
  DEFAULT_TIMEOUT_MS,
  closer,
  extensionUrl,
  launchOrClean,
  readManifest,
  withTimeout,
} from './lifecycle';

export const DEFAULT_HOST_RESOLVER_RULES = 'MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';

export async function launchChromium(
  options: ChromiumLaunchOptions,
): Promise<ChromiumExtensionBrowser> {
  const lang = options.lang ?? 'en-US';
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const extensionDir = resolve(options.extensionDir);
  const manifest = readManifest(extensionDir);
  assertInstalled(['chromium'], [lang]);
  const profile = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'cassaforte-chromium-'));
  const browser = await launchOrClean(profile, options.userDataDir, () =>
    puppeteer.launch({
      executablePath: browserInstalls.chromium.executable,
      headless: true,
      userDataDir: profile,
      // Installing over CDP (for a clickable toolbar button) needs the pipe and extension debugging.
      ...(options.toolbarButton ? { pipe: true, enableExtensions: true } : {}),
      // LANGUAGE, not --lang: see the note at the top of browsers.ts.
      env: { ...process.env, ...options.env, LANGUAGE: lang.replace('-', '_') },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
        ...(options.toolbarButton
          ? []
          : [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]),
        `--host-resolver-rules=${options.hostResolverRules ?? DEFAULT_HOST_RESOLVER_RULES}`,
        ...(options.extraArgs ?? []),
      ],
    }),
  );
  const close = closer(browser, profile, options.userDataDir);
  try {
    const installed = options.toolbarButton
      ? await browser.installExtension(extensionDir)
      : undefined;
    // The extension id is the host of its service worker's URL.
    const target = await browser.waitForTarget(
      (t) =>
        t.type() === 'service_worker' &&
        t.url().startsWith(`chrome-extension://${installed ?? ''}`),
      { timeout },
    );
    const extensionId = new URL(target.url()).host;
    const extensionOrigin = `chrome-extension://${extensionId}`;
    const isOurWorker = (t: Target) =>
      t.type() === 'service_worker' && t.url().startsWith(`${extensionOrigin}/`);
    return {
      name: 'chromium',
      browser,
      extensionId,
      extensionOrigin,
      manifest,
      lang,
      serverUrl: options.serverUrl,
      async openExtensionPage(path) {
        const page = await browser.newPage();
        await page.goto(extensionUrl(extensionOrigin, path), { timeout });
        return page;
      },
      async clickToolbarButton(page: Page) {
        if (!options.toolbarButton) {
          throw new Error('Launch with `toolbarButton: true` to click the toolbar button');
        }
        const extension = (await browser.extensions()).get(extensionId);
        if (!extension) throw new Error(`Extension ${extensionId} is not installed`);
        // A new target: popup.html may already be open in a tab, which is not the popup.
        const before = new Set(browser.targets());
        const isPopup = (t: Target) =>
          !before.has(t) && t.url() === `${extensionOrigin}/popup.html`;
        const opened = browser.waitForTarget(isPopup, { timeout });
        await page.bringToFront();
        await page.triggerExtensionAction(extension);
        const popup = await (await opened).asPage();
        await popup.waitForFunction(() => document.readyState === 'complete', { timeout });
        return popup;
      },
      async serviceWorker() {
        const found = await browser.waitForTarget(isOurWorker, { timeout });
        return readyServiceWorker(browser, found, timeout);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function readyServiceWorker(
  browser: Browser,
  target: Target,
  timeout: number,
): Promise<ExtensionServiceWorker> {
  const worker = await target.worker();
  if (!worker) throw new Error(`No worker behind ${target.url()}`);
  // The target appears before the worker's code has run: poll until the extension API is there.
  const deadline = Date.now() + timeout;
  const started = () =>
    worker.evaluate(() => {
      const api = (globalThis as { chrome?: { runtime?: { id?: string } } }).chrome;
      return api?.runtime?.id !== undefined;
    });
  while (!(await started())) {
    if (Date.now() > deadline) throw new Error(`Service worker ${target.url()} never started`);
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    target,
    worker,
    async stop() {
      const gone = new Promise<void>((done) => {
        const onDestroyed = (destroyed: Target) => {
          if (destroyed !== target) return;
          browser.off('targetdestroyed', onDestroyed);
          done();
        };
        browser.on('targetdestroyed', onDestroyed);
      });
      // CDP's ServiceWorker.stopAllWorkers did not stop an extension's worker (TOOLCHAIN.md).
      await worker.close();
      await withTimeout(gone, timeout, 'stopping the service worker');
    },
  };
}
