/**
 * Real browsers with the built extension loaded, for the browser suite (tests/e2e) and benches.
 *
 *   const chromium = await launchChromium({ extensionDir: '.output/chrome-mv3', lang: 'it' });
 *   try {
 *     const popup = await chromium.openExtensionPage('/popup.html');
 *     const worker = await chromium.serviceWorker(); // Chromium only
 *     await worker.stop(); // the next message from a page starts a fresh worker
 *   } finally {
 *     await chromium.close(); // kills the browser, removes the temporary profile
 *   }
 *
 * - `launchChromium` runs Debian's Chromium headless through puppeteer-core (CDP); `launchFirefox`
 *   runs Firefox ESR headless over WebDriver BiDi and installs the extension as a temporary add-on
 *   under a fixed UUID, so its origin is known before it starts. `launchBrowser(name, …)` picks one
 *   for tests that run in both. puppeteer never downloads a browser here.
 * - Nothing leaves the machine: Chromium resolves every name to "not found" except 127.0.0.1
 *   (`hostResolverRules`; cross-site tests pass `MAP *.test 127.0.0.1, ` in front of the default),
 *   Firefox sends all proxied traffic to a closed loopback port and never to 127.0.0.1 or localhost.
 * - `lang` switches the browser's UI language, which is what `i18n.getMessage` and
 *   `i18n.getUILanguage()` follow. Chromium on Linux ignores `--lang` for its UI locale (headless
 *   Chromium 156 with `--lang=it` served Italian messages but said `getUILanguage() === 'en-US'`);
 *   the `LANGUAGE` environment variable switches it fully, and only if the `<lang>.pak` of
 *   `chromium-l10n` is installed. Firefox follows the `intl.locale.requested` pref, and only if the
 *   `firefox-esr-l10n-<lang>` language pack is installed. Without them a launch fails and names the
 *   package to install (binaries.ts).
 * - The sync server (issue 3): start it on 127.0.0.1 before the browser and pass its URL as
 *   `serverUrl`; the handle carries it for the tests, and both browsers may reach 127.0.0.1.
 *   tests/support is the place for a `startTestServer()` wrapping the server's own `startServer`.
 * - Firefox quirk: a `goto` to a moz-extension:// URL loads the page but never resolves, so
 *   `openExtensionPage` waits for the page's own `location.href` and `readyState` instead. There is
 *   no BiDi target for Firefox's background: reach it from an extension page (a message).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page, type Target, type WebWorker } from 'puppeteer-core';
import { assertInstalled, browserInstalls, type BrowserName } from './binaries';

export type { BrowserName } from './binaries';

export interface LaunchOptions {
  /** The unpacked build, e.g. `.output/chrome-mv3` or `.output/firefox-mv3`. */
  extensionDir: string;
  /** UI language (`en`, `it`, `de`, …). Defaults to `en-US`, whatever the machine's locale. */
  lang?: string;
  /** A profile to use and keep (e.g. to restart the browser on it); otherwise a temporary one. */
  userDataDir?: string;
  /** Appended to the browser's command line (Chromium: a repeated switch overrides ours). */
  extraArgs?: string[];
  /** The sync server the tests talk to, once it exists (issue 3); carried on the handle. */
  serverUrl?: string;
  /** How long to wait for the extension and its pages. Default 15 s. */
  timeoutMs?: number;
}

export interface ChromiumLaunchOptions extends LaunchOptions {
  /** Chromium `--host-resolver-rules`; the default lets only 127.0.0.1 resolve. */
  hostResolverRules?: string;
}

export interface FirefoxLaunchOptions extends LaunchOptions {
  /** Extra `about:config` prefs for the profile. */
  prefs?: Record<string, string | number | boolean>;
}

export interface ExtensionBrowser {
  readonly name: BrowserName;
  readonly browser: Browser;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`, without a trailing slash. */
  readonly extensionOrigin: string;
  /** Chromium's extension id, or Firefox's per-profile UUID (fixed: FIREFOX_EXTENSION_UUID). */
  readonly extensionId: string;
  /** The manifest of the build under test, as loaded. */
  readonly manifest: { version: string; [key: string]: unknown };
  readonly lang: string;
  readonly serverUrl: string | undefined;
  /** Opens `path` (e.g. `/popup.html`) of the extension in a new tab, loaded and ready. */
  openExtensionPage(path: string): Promise<Page>;
  /** Kills the browser and removes the temporary profile. Safe to call twice. */
  close(): Promise<void>;
}

export interface ExtensionServiceWorker {
  readonly target: Target;
  readonly worker: WebWorker;
  /** Stops the worker as Chromium does when it idles: its globals are gone, storage.session stays. */
  stop(): Promise<void>;
}

export interface ChromiumExtensionBrowser extends ExtensionBrowser {
  readonly name: 'chromium';
  /**
   * The extension's running service worker, once its code has run. A stopped worker only comes
   * back when something wakes it (a message from a page), so wake it before asking for it again.
   */
  serviceWorker(): Promise<ExtensionServiceWorker>;
}

export interface FirefoxExtensionBrowser extends ExtensionBrowser {
  readonly name: 'firefox';
}

export const DEFAULT_HOST_RESOLVER_RULES = 'MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';
/** Firefox gives each profile a random extension UUID unless told; ours is fixed. */
export const FIREFOX_EXTENSION_UUID = 'c3e55802-0f7c-400c-8da7-9ad710877eee';
const DEFAULT_TIMEOUT_MS = 15_000;

export function launchBrowser(
  name: BrowserName,
  options: LaunchOptions,
): Promise<ExtensionBrowser> {
  return name === 'chromium' ? launchChromium(options) : launchFirefox(options);
}

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
      // LANGUAGE, not --lang: see the note at the top of this file.
      env: { ...process.env, LANGUAGE: lang.replace('-', '_') },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        `--host-resolver-rules=${options.hostResolverRules ?? DEFAULT_HOST_RESOLVER_RULES}`,
        ...(options.extraArgs ?? []),
      ],
    }),
  );
  const close = closer(browser, profile, options.userDataDir);
  try {
    // The extension id is the host of its service worker's URL.
    const target = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
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
        // The goto loads the page but never resolves (see the top of this file); it rejects
        // with "Frame detached" once the tab closes, which is not a failure.
        page.goto(url, { timeout: 0 }).catch(() => undefined);
        await page.waitForFunction(
          (expected: string) => location.href === expected && document.readyState === 'complete',
          { timeout },
          url,
        );
        return page;
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

function extensionUrl(origin: string, path: string): string {
  return `${origin}/${path.replace(/^\//, '')}`;
}

function readManifest(extensionDir: string): ExtensionBrowser['manifest'] {
  const file = join(extensionDir, 'manifest.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ExtensionBrowser['manifest'];
  } catch (error) {
    throw new Error(`No built extension at ${file}: run \`npm run build\` first.`, {
      cause: error,
    });
  }
}

function geckoIdOf(manifest: ExtensionBrowser['manifest']): string {
  const settings = manifest.browser_specific_settings as { gecko?: { id?: string } } | undefined;
  const id = settings?.gecko?.id;
  if (!id) throw new Error('The Firefox build has no browser_specific_settings.gecko.id');
  return id;
}

async function launchOrClean(
  profile: string,
  ownProfile: string | undefined,
  launch: () => Promise<Browser>,
): Promise<Browser> {
  try {
    return await launch();
  } catch (error) {
    if (ownProfile === undefined) rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

function closer(browser: Browser, profile: string, ownProfile: string | undefined) {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= (async () => {
      try {
        await withTimeout(browser.close(), 10_000, 'browser.close()');
      } catch {
        // A browser that will not close politely is killed: no test leaves one running.
        browser.process()?.kill('SIGKILL');
      }
      if (ownProfile === undefined) rmSync(profile, { recursive: true, force: true });
    })();
    return closing;
  };
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

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
