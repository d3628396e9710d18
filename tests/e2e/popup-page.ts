/** What a user sees in the popup page, read the way they would: rendered text, visible elements. */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { saveScreenshot } from '../support/artifacts';
import type { ExtensionBrowser } from '../support/browsers';

export interface PopupStatus {
  /** `data-state` of the status line: the state the background returned. */
  state: string;
  /** The status line's rendered text. */
  text: string;
  /** Whether the status line takes up room on screen. */
  visible: boolean;
  /** The whole popup's rendered text. */
  bodyText: string;
  /** `<html lang>`, which the popup sets from `i18n.getUILanguage()`. */
  documentLang: string;
  /** What the extension API reports as the browser's UI language. */
  uiLanguage: string;
}

interface ExtensionGlobals {
  browser?: { i18n: { getUILanguage(): string } };
  chrome?: { i18n: { getUILanguage(): string } };
}

/** Waits for the background's answer (the loading line has no `data-state`) and reads it. */
export async function readPopupStatus(page: Page, timeout = 15_000): Promise<PopupStatus> {
  const line = await page.waitForSelector('p[role="status"][data-state]', { timeout });
  if (!line) throw new Error('The popup never showed a status from the background');
  return page.evaluate((element) => {
    const box = element.getBoundingClientRect();
    // Firefox has `browser`, Chromium `chrome`; the page may not have loaded the polyfill's global.
    const { browser, chrome } = globalThis as ExtensionGlobals;
    const api = browser ?? chrome;
    return {
      state: element.dataset.state ?? '',
      text: element.innerText,
      visible:
        box.width > 0 && box.height > 0 && getComputedStyle(element).visibility === 'visible',
      bodyText: document.body.innerText,
      documentLang: document.documentElement.lang,
      uiLanguage: api?.i18n.getUILanguage() ?? '',
    };
  }, line);
}

// Steps of the journeys, as a person takes them: controls found by their accessible names
// (puppeteer's `::-p-aria(…)`), views by their heading.

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export const aria = (name: string, role?: string) =>
  role ? `::-p-aria([name="${name}"][role="${role}"])` : `::-p-aria(${name})`;

/** The popup as a tab of the popup's size. */
export async function openPopup(chromium: ExtensionBrowser): Promise<Page> {
  const page = await chromium.openExtensionPage('/popup.html');
  await page.setViewport({ width: 380, height: 600 });
  return page;
}

export async function click(page: Page, name: string, role = 'button'): Promise<void> {
  await page.locator(aria(name, role)).click();
}

type FormControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * The form control with this accessible name. Firefox's accessibility tree also names a `<label>`
 * after its text (Chromium's leaves labels out), and the label comes first: skip what is not a
 * control.
 */
export async function field(page: Page, name: string): Promise<ElementHandle<FormControl>> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    for (const handle of await page.$$(aria(name))) {
      if (await handle.evaluate((e) => e.matches('input, textarea, select'))) {
        return handle as ElementHandle<FormControl>;
      }
      await handle.dispose();
    }
    if (Date.now() > deadline) throw new Error(`No field named “${name}”`);
    await sleep(100);
  }
}

export async function fill(page: Page, name: string, value: string): Promise<void> {
  await (await field(page, name)).asLocator().fill(value);
}

export async function fieldValue(page: Page, name: string): Promise<string> {
  return (await field(page, name)).evaluate((e) => e.value);
}

export async function heading(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('h1')].some((h) => h.textContent === t),
    { timeout: 20_000 },
    text,
  );
}

export async function waitForText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => document.body.innerText.includes(t), { timeout: 20_000 }, text);
}

/** The vault view shows, listing an item with this title. */
export async function inVault(page: Page, title: string): Promise<void> {
  await page.waitForSelector('[data-view="vault"]', { timeout: 20_000 });
  await waitForText(page, title);
}

/** An error the view announces (role=alert) with this text: the attempt has ended. */
export async function alert(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('[role="alert"]')].some((e) => e.textContent?.includes(t)),
    { timeout: 20_000 },
    text,
  );
}

export async function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

export async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return element?.getAttribute('aria-label') ?? element?.id ?? element?.tagName ?? '';
  });
}

const CONTROL_ROLES = new Set([
  'button',
  'textbox',
  'searchbox',
  'checkbox',
  'radio',
  'combobox',
  'link',
  'slider',
]);

interface AxNode {
  role: string;
  name?: string;
  children?: AxNode[];
}

/** Every control the accessibility tree shows has a name a screen reader can say. */
export async function expectNamedControls(page: Page): Promise<void> {
  const unnamed: string[] = [];
  let controls = 0;
  const walk = (node: AxNode | null | undefined) => {
    if (!node) return;
    if (CONTROL_ROLES.has(node.role)) controls++;
    if (CONTROL_ROLES.has(node.role) && !node.name?.trim()) unnamed.push(node.role);
    node.children?.forEach(walk);
  };
  if (!(await page.browser().version()).toLowerCase().includes('chrom')) {
    // Firefox over WebDriver BiDi has no accessibility tree for puppeteer: name the controls the
    // way the accessible-name computation does for the cases our views use.
    const found = await page.evaluate(namesFromDom);
    expect(found.controls, 'the page shows controls').toBeGreaterThan(0);
    expect(found.unnamed, 'controls without an accessible name').toEqual([]);
    return;
  }
  walk((await page.accessibility.snapshot({ interestingOnly: true })) as AxNode | null);
  expect(controls, 'the accessibility tree shows the controls').toBeGreaterThan(0);
  expect(unnamed, 'controls without an accessible name').toEqual([]);
}

/** Runs in the page: every visible control and its name from aria-label(ledby), label or text. */
function namesFromDom(): { controls: number; unnamed: string[] } {
  const selector = 'button, input:not([type="hidden"]), select, textarea, a[href], [role="button"]';
  const unnamed: string[] = [];
  let controls = 0;
  for (const element of document.querySelectorAll<HTMLElement>(selector)) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    controls++;
    const labelledBy = element.getAttribute('aria-labelledby');
    const labels = (element as HTMLInputElement).labels;
    const name =
      element.getAttribute('aria-label') ||
      (labelledBy && document.getElementById(labelledBy)?.textContent) ||
      (labels && [...labels].map((l) => l.textContent).join(' ')) ||
      element.textContent ||
      element.getAttribute('title') ||
      '';
    if (!name.trim()) unnamed.push(element.tagName.toLowerCase());
  }
  return { controls, unnamed };
}

/** The clipboard's text as an extension page reads it (empty when it holds no text). */
export async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const area = document.createElement('textarea');
    document.body.append(area);
    area.focus();
    document.execCommand('paste');
    const text = area.value;
    area.remove();
    return text || navigator.clipboard.readText().catch(() => '');
  });
}

/** A screenshot of the view (tests/artifacts), after checking that each control has a name. */
export async function shot(page: Page, name: string): Promise<void> {
  await expectNamedControls(page);
  await saveScreenshot(page, name);
}

/**
 * A temporary folder the browser downloads into (journey-browser.ts points it there), and a wait
 * for a finished file in it: Chromium writes `<name>.crdownload` first, Firefox an empty `<name>`
 * beside `<name>.part` until the download ends.
 */
export function downloadFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'cassaforte-downloads-'));
  const finished = (name: string) =>
    !existsSync(join(dir, `${name}.crdownload`)) &&
    !existsSync(join(dir, `${name}.part`)) &&
    statSync(join(dir, name)).size > 0;
  return {
    dir,
    async waitForFile(suffix: string): Promise<string> {
      for (let i = 0; i < 100; i++) {
        const name = readdirSync(dir).find((n) => n.endsWith(suffix));
        if (name && finished(name)) return join(dir, name);
        await sleep(100);
      }
      throw new Error(`no ${suffix} was downloaded`);
    },
    remove(): void {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
