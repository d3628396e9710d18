/**
 * One browser with the extension and an account, for the fill journeys, and the popup over a
 * page as the user opens it (fill.e2e.ts says how, per browser); the badge and the shortcut.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import type { BrowserName } from '../support/binaries';
import {
  launchChromium,
  launchFirefox,
  type ChromiumExtensionBrowser,
  type ExtensionBrowser,
} from '../support/browsers';
import { FIXTURE_HOST_RESOLVER_RULES } from '../support/fixture-sites';
import { messenger } from '../support/messages';
import { aria, sleep } from './popup-page';
import { PASSWORD, logins, world, expectFields, question, credentials } from './fill-world';
import { createAccount } from '../support/accounts';
import type { EmergencyKit } from '../../lib/messaging/protocol';

/** One browser with the extension, an account on the server, and the logins in its vault. */
export interface Device {
  name: BrowserName;
  extension: ExtensionBrowser;
  extensionDir: string;
  /** An extension page kept open: the test's line to the background and to `tabs`. */
  control: Page;
  send: ReturnType<typeof messenger>;
  /** The account's Emergency Kit, for another device to sign in with. */
  kit: EmergencyKit;
  close(): Promise<void>;
}

function launchFor(name: BrowserName, extensionDir: string): Promise<ExtensionBrowser> {
  return name === 'chromium'
    ? launchChromium({
        extensionDir,
        serverUrl: world.server.url,
        hostResolverRules: FIXTURE_HOST_RESOLVER_RULES,
        toolbarButton: true,
      })
    : launchFirefox({
        extensionDir,
        serverUrl: world.server.url,
        httpProxyPort: world.sites.port,
        // A permission request answers yes without its prompt, which BiDi cannot click.
        prefs: { 'extensions.webextOptionalPermissionPrompts': false },
      });
}

/** A second browser profile of the same kind, signed in to `device`'s account with its kit. */
export async function startSecondProfile(device: Device) {
  const extension = await launchFor(device.name, device.extensionDir);
  try {
    const control = await extension.openExtensionPage('/popup.html');
    const send = messenger(control, device.extensionDir);
    const { email, accountKey } = device.kit;
    await send('account.signIn', {
      email,
      password: PASSWORD,
      accountKey,
      serverUrl: world.server.url,
    });
    return { extension, send, close: () => extension.close() };
  } catch (error) {
    await extension.close();
    throw error;
  }
}

export async function startDevice(name: BrowserName, extensionDir: string): Promise<Device> {
  const extension = await launchFor(name, extensionDir);
  try {
    const control = await extension.openExtensionPage('/popup.html');
    const send = messenger(control, extensionDir);
    const kit = await createAccount(send, world.server, {
      email: `fill-${name}-${randomUUID()}@example.com`,
      password: PASSWORD,
      hint: '',
      serverUrl: world.server.url,
    });
    await send('account.kitSaved', {});
    for (const login of Object.values(logins)) {
      await send('vault.save', { item: { type: 'login', ...login } });
    }
    return { name, extension, extensionDir, control, send, kit, close: () => extension.close() };
  } catch (error) {
    await extension.close();
    throw error;
  }
}

/** In Firefox, the window (and its one tab) of each popup `openPopupOver` opened. */
export const popupWindows = new WeakMap<Page, { windowId: number; tabId: number }>();

export interface Tab {
  id?: number;
  url?: string;
  windowId?: number;
}

/** `tabs.query({})` as the extension sees it (the test build may read the fixture sites' URLs). */
export async function tabs(device: Device): Promise<Tab[]> {
  return device.control.evaluate(async () => {
    const api = (
      globalThis as unknown as { browser: { tabs: { query(q: object): Promise<Tab[]> } } }
    ).browser;
    return (await api.tabs.query({})).map(({ id, url, windowId }) => ({ id, url, windowId }));
  });
}

/**
 * The popup over `page`, as the user opens it: Chromium's toolbar button clicked. Firefox's
 * cannot be clicked, so there the popup opens as the fill shortcut's fallback opens it: a small
 * window of its own (`windows.create`) on `popup.html?tab=<id of page's tab>`. Resolves once the
 * popup is loaded.
 */
export async function openPopupOver(device: Device, page: Page): Promise<Page> {
  if (device.name === 'chromium') {
    return (device.extension as ChromiumExtensionBrowser).clickToolbarButton(page);
  }
  const tabId = (await tabs(device)).find((tab) => tab.url === page.url())?.id;
  if (tabId === undefined) throw new Error(`No tab shows ${page.url()}`);
  const url = `${device.extension.extensionOrigin}/popup.html?tab=${tabId}`;
  const before = new Set(await device.extension.browser.pages());
  const opened = await device.control.evaluate(async (popupUrl: string) => {
    type Window = { id: number; tabs: { id: number }[] };
    const api = (
      globalThis as unknown as { browser: { windows: { create(o: object): Promise<Window> } } }
    ).browser;
    const created = await api.windows.create({
      url: popupUrl,
      type: 'popup',
      width: 380,
      height: 600,
    });
    return { windowId: created.id, tabId: created.tabs[0]!.id };
  }, url);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const popup = (await device.extension.browser.pages()).find((p) => !before.has(p));
    // Firefox over BiDi keeps reporting the new window's first URL (about:blank): ask the page.
    const loaded = await popup
      ?.evaluate(
        (wanted: string) => location.href === wanted && document.readyState === 'complete',
        url,
      )
      .catch(() => false);
    if (popup && loaded) {
      popupWindows.set(popup, opened);
      return popup;
    }
    if (Date.now() > deadline) throw new Error(`The popup window for tab ${tabId} never loaded`);
    await sleep(50);
  }
}

/**
 * Whether the popup went away within a few seconds, as it does after a fill. Firefox's BiDi does
 * not notice a window a script closed: there the extension's own tab list says.
 */
export async function popupGone(device: Device, popup: Page): Promise<boolean> {
  const opened = popupWindows.get(popup);
  // Generous: under a full suite's load the fill's round trips take a while.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const gone = opened
      ? !(await tabs(device)).some((tab) => tab.id === opened.tabId)
      : popup.isClosed();
    if (gone || Date.now() > deadline) return gone;
    await sleep(50);
  }
}

export async function closePopup(device: Device, popup: Page): Promise<void> {
  const opened = popupWindows.get(popup);
  if (!opened) {
    if (!popup.isClosed()) await popup.close().catch(() => undefined);
    return;
  }
  await device.control.evaluate(async (id: number) => {
    const api = (
      globalThis as unknown as { browser: { windows: { remove(id: number): Promise<void> } } }
    ).browser;
    await api.windows.remove(id).catch(() => undefined); // already gone
  }, opened.windowId);
}

/** The question for a cross-origin frame names both sites; yes fills the frame and only it. */
export async function expectCrossOriginQuestion(
  device: Device,
  popup: Page,
  page: Page,
): Promise<void> {
  const text = await question(popup);
  expect(text).toContain(
    `The login form belongs to ${world.sites.origin('frame.test')}, shown inside ${world.sites.origin('bank.test')}.`,
  );
  await expectFields(page, {});
  await popup.locator(aria('Fill anyway', 'button')).click();
  expect(await popupGone(device, popup), 'the popup closes after the fill').toBe(true);
  await expectFields(page, credentials('frame.test/login.html', 'partner'));
}

/** The toolbar badge of the tab showing `page`, as the extension set it. */
export async function badge(device: Device, page: Page): Promise<string> {
  const tabId = (await tabs(device)).find((tab) => tab.url === page.url())?.id;
  if (tabId === undefined) throw new Error(`No tab shows ${page.url()}`);
  return device.control.evaluate(async (id: number) => {
    const api = (
      globalThis as unknown as {
        browser: { action: { getBadgeText(d: { tabId: number }): Promise<string> } };
      }
    ).browser;
    return api.action.getBadgeText({ tabId: id });
  }, tabId);
}

/**
 * What pressing a keyboard shortcut calls. No browser lets a test press an extension's shortcut
 * (TOOLCHAIN.md), so the test build exposes the command handler: over CDP in Chromium's worker,
 * through the background page in Firefox (no BiDi target for it).
 */
export async function pressShortcut(device: Device, command: string): Promise<void> {
  if (device.name === 'chromium') {
    const { worker } = await (device.extension as ChromiumExtensionBrowser).serviceWorker();
    await worker.evaluate(
      (name: string) =>
        (
          globalThis as unknown as { cassaforteTest: { command(n: string): Promise<void> } }
        ).cassaforteTest.command(name),
      command,
    );
    return;
  }
  await device.control.evaluate(async (name: string) => {
    type Hook = { cassaforteTest: { command(n: string): Promise<void> } };
    const api = (
      globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<unknown> } } }
    ).browser;
    await ((await api.runtime.getBackgroundPage()) as Hook).cassaforteTest.command(name);
  }, command);
}

// With host access (the test build grants the fixture sites): the always-on content script, its
// badge, and the fill shortcut, whose press grants no activeTab in a test.
