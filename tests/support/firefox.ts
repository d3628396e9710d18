/** Firefox ESR with the extension, headless over WebDriver BiDi. Usage and caveats: browsers.ts. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { assertInstalled, browserInstalls } from './binaries';
import type { ExtensionBrowser, FirefoxExtensionBrowser, FirefoxLaunchOptions } from './browsers';
import { DEFAULT_TIMEOUT_MS, closer, extensionUrl, launchOrClean, readManifest } from './lifecycle';

/** Firefox gives each profile a random extension UUID unless told; ours is fixed. */
export const FIREFOX_EXTENSION_UUID = 'c3e55802-0f7c-400c-8da7-9ad710877eee';

export async function launchFirefox(
  options: FirefoxLaunchOptions,
): Promise<FirefoxExtensionBrowser> {
  const lang = options.lang ?? 'en-US';
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const extensionDir = resolve(options.extensionDir);
  const manifest = readManifest(extensionDir);
  const geckoId = geckoIdOf(manifest);
  assertInstalled(['firefox'], [lang]);
  const profile = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'cassaforte-firefox-'));
  const browser = await launchOrClean(profile, options.userDataDir, () =>
    puppeteer.launch({
      browser: 'firefox',
      executablePath: browserInstalls.firefox.executable,
      headless: true,
      userDataDir: profile,
      args: ['--remote-allow-system-access', ...(options.extraArgs ?? [])],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_EXTENSION_UUID }),
        'intl.locale.requested': lang,
        'intl.accept_languages': lang,
        ...offlinePrefs,
        ...(options.httpProxyPort === undefined ? {} : proxiedPrefs(options.httpProxyPort)),
        ...options.prefs,
      },
    }),
  );
  const close = closer(browser, profile, options.userDataDir);
  try {
    const installedId = await browser.installExtension(extensionDir);
    if (installedId !== geckoId) {
      throw new Error(`Firefox installed ${installedId}, expected the manifest's ${geckoId}`);
    }
    const extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
    return {
      name: 'firefox',
      browser,
      extensionId: FIREFOX_EXTENSION_UUID,
      extensionOrigin,
      manifest,
      lang,
      serverUrl: options.serverUrl,
      async openExtensionPage(path) {
        const page = await browser.newPage();
        const url = extensionUrl(extensionOrigin, path);
        // The goto loads the page but never resolves (see browsers.ts); it rejects
        // with "Frame detached" once the tab closes, which is not a failure.
        page.goto(url, { timeout: 0 }).catch(() => undefined);
        const deadline = Date.now() + timeout;
        for (;;) {
          try {
            await page.waitForFunction(
              (expected: string) =>
                location.href === expected && document.readyState === 'complete',
              { timeout: Math.max(1_000, deadline - Date.now()) },
              url,
            );
            return page;
          } catch (error) {
            // Firefox's WebDriver BiDi can fail one evaluation while the document is being
            // replaced ("right-hand side of 'in' should be an object"): ask again, within the time.
            if ((error as Error).name === 'TimeoutError' || Date.now() >= deadline) throw error;
            await new Promise((done) => setTimeout(done, 100));
          }
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Puppeteer already points Firefox's own services at `dummy.test`; this sends anything else
 * through a proxy on a closed loopback port, and keeps DNS-over-HTTPS off.
 */
const offlinePrefs = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
  'network.proxy.allow_hijacking_localhost': false,
  'network.trr.mode': 5,
};

/** Plain HTTP to a local server acting as the proxy; https still goes to the closed port. */
function proxiedPrefs(port: number) {
  return {
    'network.proxy.http_port': port,
    'dom.security.https_first': false,
    'dom.security.https_first_schemeless': false,
    'dom.security.https_first_pbm': false,
  };
}

function geckoIdOf(manifest: ExtensionBrowser['manifest']): string {
  const settings = manifest.browser_specific_settings as { gecko?: { id?: string } } | undefined;
  const id = settings?.gecko?.id;
  if (!id) throw new Error('The Firefox build has no browser_specific_settings.gecko.id');
  return id;
}
