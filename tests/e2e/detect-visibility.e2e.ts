/**
 * The visibility rules of login-form detection (lib/autofill/detect-visibility.ts) in real
 * Chromium, where there is layout: zero-size, off-screen, clipped, transparent and unfocusable
 * tiny fields are honeypots and never detected; a field merely below the fold is. happy-dom has no
 * layout, so these rules cannot be unit-tested there.
 *
 * No extension needed: the detector is bundled with esbuild (as any plain bundler would build it)
 * and evaluated in a page set from hand-written HTML.
 */
import { build } from 'esbuild';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserInstalls } from '../support/binaries';
import { DEFAULT_HOST_RESOLVER_RULES } from '../support/browsers';

let browser: Browser;
let page: Page;
let bundle: string;

interface Found {
  kind: string;
  username: string | null;
  password: string | null;
  submit: string | null;
}

beforeAll(async () => {
  const out = await build({
    entryPoints: [resolve(import.meta.dirname, '../../lib/autofill/detect.ts')],
    bundle: true,
    format: 'iife',
    globalName: '__cassaforteDetect',
    write: false,
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0]!.text;
  browser = await puppeteer.launch({
    executablePath: browserInstalls.chromium.executable,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', `--host-resolver-rules=${DEFAULT_HOST_RESOLVER_RULES}`],
  });
  page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 700 });
});

afterAll(async () => {
  await browser?.close();
});

// A string, not a function: vitest's transform would wrap a function in helpers the page lacks.
const DETECT = `__cassaforteDetect.detectLoginForms(document).map((f) => ({
  kind: f.kind,
  username: f.username && f.username.id,
  password: f.password && f.password.id,
  submit: f.submit && f.submit.id,
}))`;

async function detectIn(frame: Frame): Promise<Found[]> {
  await frame.evaluate(bundle);
  return (await frame.evaluate(DETECT)) as Found[];
}

async function detect(body: string, head = ''): Promise<Found[]> {
  await page.setContent(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
  return detectIn(page.mainFrame());
}

const REAL = `<input id="u" name="username"><input id="p" type="password">
  <button id="go">Log in</button>`;
const LOGIN = { kind: 'login', username: 'u', password: 'p', submit: 'go' };

describe('detection sees what a person sees (Chromium)', () => {
  test('a plain login form is found, with layout in play', async () => {
    expect(await detect(`<form>${REAL}</form>`)).toEqual([LOGIN]);
    expect(await page.evaluate('__cassaforteDetect !== undefined')).toBe(true);
  });

  test('a form far below the fold is still a form', async () => {
    expect(await detect(`<div style="height:3000px"></div><form>${REAL}</form>`)).toEqual([LOGIN]);
  });

  test.each([
    ['zero-size', 'width:0;height:0;padding:0;border:0'],
    ['1 px', 'width:1px;height:1px;padding:0;border:0'],
    ['off-screen left', 'position:absolute;left:-9999px'],
    ['off-screen top', 'position:absolute;top:-5000px'],
    ['transparent', 'opacity:0'],
    ['nearly transparent', 'opacity:0.05'],
    ['visibility:hidden', 'visibility:hidden'],
    ['clip', 'position:absolute;clip:rect(0 0 0 0)'],
    ['clip-path', 'position:absolute;clip-path:inset(50%)'],
  ])('a %s username decoy is skipped', async (_what, style) => {
    const found = await detect(
      `<form><input name="email" type="email" style="${style}">${REAL}</form>`,
    );
    expect(found).toEqual([LOGIN]);
  });

  test.each([
    ['zero-size', 'width:0;height:0;padding:0;border:0'],
    ['off-screen', 'position:absolute;left:-9999px;top:0'],
    ['transparent', 'opacity:0'],
  ])('a %s password decoy does not turn the login into a sign-up', async (_what, style) => {
    const found = await detect(
      `<form>${REAL.replace('<button', `<input type="password" name="pw2" style="${style}"><button`)}</form>`,
    );
    expect(found).toEqual([LOGIN]);
  });

  test('an ancestor shrunk to nothing with overflow hidden hides its fields', async () => {
    expect(
      await detect(`<div style="height:0;overflow:hidden"><form>${REAL}</form></div>`),
    ).toEqual([]);
  });

  test('an ancestor at opacity 0 hides the whole form', async () => {
    expect(await detect(`<div style="opacity:0"><form>${REAL}</form></div>`)).toEqual([]);
  });

  test('far off to the right of a page that cannot scroll there', async () => {
    const found = await detect(
      `<form><input name="email" type="email" style="position:absolute;left:20000px">${REAL}</form>`,
      '<style>html,body{overflow-x:hidden}</style>',
    );
    expect(found).toEqual([LOGIN]);
  });

  test('tabindex=-1 and tiny is a trap; tabindex=-1 alone is not', async () => {
    const tiny = 'width:8px;height:8px;padding:0;border:0';
    expect(
      await detect(`<form><input name="login" tabindex="-1" style="${tiny}">${REAL}</form>`),
    ).toEqual([LOGIN]);
    expect(
      await detect(`<form><input id="u" name="username" tabindex="-1">
        <input id="p" type="password"><button id="go">Log in</button></form>`),
    ).toEqual([LOGIN]);
  });

  test("a stylesheet's display:none counts, as does a hide-utility class", async () => {
    expect(
      await detect(
        `<div class="closed"><form>${REAL}</form></div>`,
        '<style>.closed{display:none}</style>',
      ),
    ).toEqual([]);
    expect(await detect(`<div class="visually-hidden"><form>${REAL}</form></div>`)).toEqual([]);
  });

  test('a hidden submit button is not the submit button', async () => {
    const [form] = await detect(`<form><input id="u" name="username"><input id="p" type="password">
      <button id="ghost" style="position:absolute;left:-9999px">Log in</button>
      <button id="go">Log in</button></form>`);
    expect(form?.submit).toBe('go');
  });

  test('a frame that is not rendered shows nothing; a rendered one does', async () => {
    const doc = `<form>${REAL}</form>`.replace(/"/g, '&quot;');
    await page.setContent(`<iframe id="off" style="display:none" srcdoc="${doc}"></iframe>
      <iframe id="on" srcdoc="${doc}"></iframe>`);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('iframe')].every(
        (f) => f.contentDocument?.readyState === 'complete',
      ),
    );
    const found = new Map<string, Found[]>();
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const id = await (await frame.frameElement())!.evaluate((el) => el.id);
      found.set(id, await detectIn(frame));
    }
    expect(found.get('off')).toEqual([]);
    expect(found.get('on')).toEqual([LOGIN]);
  });
});
