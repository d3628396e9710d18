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
 *   Firefox sends all proxied traffic to a closed loopback port and never to 127.0.0.1 or localhost
 *   (or, with `httpProxyPort`, plain HTTP to the fixture sites' server, which forwards nothing).
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
import type { Browser, Page, Target, WebWorker } from 'puppeteer-core';
import type { BrowserName } from './binaries';
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';

export type { BrowserName } from './binaries';
export { DEFAULT_HOST_RESOLVER_RULES, launchChromium } from './chromium';
export { FIREFOX_EXTENSION_UUID, launchFirefox } from './firefox';

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
  /** Extra environment for the browser process, e.g. a private D-Bus (screensaver.ts). */
  env?: Record<string, string>;
  /**
   * Install the extension over CDP (`pipe`, `enableExtensions`, `browser.installExtension`)
   * instead of `--load-extension`, so that `clickToolbarButton` can click its toolbar button as a
   * user does, which grants `activeTab` (TOOLCHAIN.md).
   */
  toolbarButton?: boolean;
}

export interface FirefoxLaunchOptions extends LaunchOptions {
  /** Extra `about:config` prefs for the profile. */
  prefs?: Record<string, string | number | boolean>;
  /**
   * Send plain HTTP to this port on 127.0.0.1 as the proxy (the fixture sites, which serve
   * `*.test` and refuse everything else: tests/support/fixture-sites.ts) instead of a closed port.
   * Also turns HTTPS-First off, so `http://bank.test` is not tried over https first.
   */
  httpProxyPort?: number;
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
  /**
   * Clicks the extension's toolbar button over `page` (needs `toolbarButton: true`): the real
   * popup opens over that tab with `activeTab` granted, as after a user's click. Returns it loaded.
   */
  clickToolbarButton(page: Page): Promise<Page>;
}

export interface FirefoxExtensionBrowser extends ExtensionBrowser {
  readonly name: 'firefox';
}

export function launchBrowser(
  name: BrowserName,
  options: LaunchOptions,
): Promise<ExtensionBrowser> {
  return name === 'chromium' ? launchChromium(options) : launchFirefox(options);
}
