/**
 * What the fill journeys share (fill.e2e.ts on the store build, fill-access.e2e.ts with site
 * access): the logins, one device per browser with an account, the popup over a page as the
 * user opens it, and reading every input of every frame. See fill.e2e.ts for how each browser
 * gets its popup.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startFixtureSites, type FixtureSites } from '../support/fixture-sites';
import { startE2eServer, type E2eServer } from '../support/server';
import { aria } from './popup-page';

export const PASSWORD = 'velvet-harbor-quiet-lantern-7';
/** The popup's reasons (messages.json, written out so a lost text fails here). */
export const WHY_NO_FORM =
  "No login form found on this page. Go to the site's sign-in page and try again, or copy the password.";
export const whyFrameOtherSite = (site: string) =>
  `The login form seems to be in a frame of ${site}, which a click on Cassaforte does not reach. Allow Cassaforte on that site to fill there, or open it on its own.`;
export const secret = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

/** The logins of every account; secrets differ per run so a stale value cannot pass for one. */
export const logins = {
  bank: {
    title: 'Conto corrente',
    username: 'ada.rossi',
    password: secret('bank'),
    urls: [{ url: 'http://bank.test' }],
  },
  secure: {
    title: 'Conto sicuro',
    username: 'ada.sicura',
    password: secret('secure'),
    urls: [{ url: 'https://bank.test' }],
  },
  // The bank's partner signs its users in, in a frame of frame.test inside bank.test: the login
  // is saved for both (the popup offers Fill only for the tab's site; the policy judges the frame).
  partner: {
    title: 'Partner',
    username: 'ada.partner',
    password: secret('partner'),
    urls: [{ url: 'http://frame.test' }, { url: 'http://bank.test' }],
  },
  // Two accounts on one site, for the fill shortcut's cycling.
  mailHome: {
    title: 'Posta',
    username: 'ada@mail.test',
    password: secret('mail-home'),
    urls: [{ url: 'http://mail.test' }],
  },
  mailWork: {
    title: 'Posta lavoro',
    username: 'ada.work@mail.test',
    password: secret('mail-work'),
    urls: [{ url: 'http://mail.test' }],
  },
};
export type LoginName = keyof typeof logins;

/** The sync server and the fixture sites of the file running (`useFillWorld`). */
export const world = {} as { server: E2eServer; sites: FixtureSites };

/** Starts the sync server and the fixture sites before the file's tests, stops them after. */
export function useFillWorld(): void {
  beforeAll(async () => {
    [world.server, world.sites] = await Promise.all([startE2eServer(), startFixtureSites()]);
  });
  afterAll(async () => {
    await Promise.all([world.server?.close(), world.sites?.close()]);
  });
}

/** The vault list of the popup, complete, as the user reads it. */
export async function vaultList(popup: Page): Promise<void> {
  await popup.waitForSelector('[data-view="vault"] [data-ready][data-complete]', {
    timeout: 20_000,
  });
}

/** What the user sees on one row: whether it says "This site", whether it has a Fill button. */
export async function row(popup: Page, title: string) {
  return popup.evaluate((wanted) => {
    const rows = [...document.querySelectorAll('.vitem')];
    const found = rows.find((r) => r.querySelector('.vtitle')?.textContent === wanted);
    return {
      listed: Boolean(found),
      thisSite: Boolean(found?.querySelector('.onsite')),
      fill: Boolean(found?.querySelector('button.fill')),
    };
  }, title);
}

/**
 * The row reads `expected`. Polled: the popup may first paint its saved snapshot of the list,
 * which only knows each login's first site, before the background's list replaces it.
 */
export async function expectRow(
  popup: Page,
  title: string,
  expected: { listed: boolean; thisSite: boolean; fill: boolean },
): Promise<void> {
  await expect.poll(() => row(popup, title), { timeout: 5_000 }).toEqual(expected);
}

export async function clickFill(popup: Page, login: LoginName): Promise<void> {
  await popup.locator(aria(`Fill ${logins[login].title} into this page`, 'button')).click();
}

/**
 * Every non-empty input of every frame of `page`, as `host/path #id` (`host/path el>#id` inside
 * an open shadow root) → value, and the frames read.
 */
export async function fieldValues(
  page: Page,
): Promise<{ frames: string[]; values: Map<string, string> }> {
  const values = new Map<string, string>();
  const frames: string[] = [];
  for (const frame of page.frames()) {
    // A frame still loading (the inline menu's, loaded ahead) may have no URL yet.
    const url = URL.canParse(frame.url()) ? new URL(frame.url()) : undefined;
    const where = url ? `${url.hostname}${url.pathname}` : `(loading) ${frame.url()}`;
    frames.push(where);
    const found = await frame.evaluate(() => {
      const out: [string, string][] = [];
      const walk = (root: Document | ShadowRoot, prefix: string) => {
        for (const input of root.querySelectorAll('input')) {
          if (input.value) out.push([`${prefix}#${input.id || input.name}`, input.value]);
        }
        for (const element of root.querySelectorAll('*')) {
          if (element.shadowRoot) walk(element.shadowRoot, `${prefix}${element.localName}>`);
        }
      };
      walk(document, '');
      return out;
    });
    for (const [field, value] of found) values.set(`${where} ${field}`, value);
  }
  return { frames, values };
}

/** Every non-empty field of every frame is exactly `expected` (no credential anywhere else). */
export async function expectFields(page: Page, expected: Record<string, string>): Promise<void> {
  await expect
    .poll(async () => Object.fromEntries((await fieldValues(page)).values), { timeout: 5_000 })
    .toEqual(expected);
}

/** The question the popup asks before a fill it may not do silently. */
export async function question(popup: Page): Promise<string> {
  const dialog = await popup.waitForSelector('[role="alertdialog"]', { timeout: 15_000 });
  return dialog!.evaluate((element) => (element as HTMLElement).innerText);
}

/** Why nothing was filled, as the popup says it. */
export async function reason(popup: Page): Promise<string> {
  const line = await popup.waitForSelector('[role="alert"]', { timeout: 15_000 });
  return line!.evaluate((element) => (element as HTMLElement).innerText);
}

/** `login`'s username and password where a form for it is, and nothing anywhere else. */
export const credentials = (where: string, login: LoginName, inShadowOf = '') => ({
  [`${where} ${inShadowOf}#username`]: logins[login].username,
  [`${where} ${inShadowOf}#password`]: logins[login].password,
});

export interface Hostile {
  rounds: number;
  values: string[];
  received: string[];
  answers: string[];
}
