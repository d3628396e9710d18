/**
 * Steps shared by the journeys around a reset (account-reset.e2e.ts, account-reset-elsewhere.e2e.ts)
 * and a forced sign-out (signed-out-by-device.e2e.ts): fields found by their visible label, the
 * extension page a tab shows; for the reset journeys, their account and its reset email.
 */
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { createAccountOverApi } from '../support/api-account';
import type { ExtensionBrowser } from '../support/browsers';
import type { messenger } from '../support/messages';
import { signInOtherDevice } from '../support/other-device';
import type { E2eServer } from '../support/server';
import { sleep } from './popup-page';

/** The reset journeys' account password before the reset, and the one chosen in it. */
export const PASSWORD = 'amber-meadow-silent-river-42';
export const NEW_PASSWORD = 'copper-lantern-autumn-field-9';

type Send = ReturnType<typeof messenger>;

/**
 * The reset journeys' account, on the pro plan, with three items: made over the API with its
 * emailed code (creating it in the popup is another journey's), and made pro from a phone-like
 * device with a code of the admin command. The profile behind `send` signs in, saves GitHub,
 * Bank and Mail, syncs and locks. Returns the account key.
 */
export async function proAccountWithThreeItems(
  server: E2eServer,
  send: Send,
  email: string,
): Promise<string> {
  const { accountKey } = await createAccountOverApi({
    serverUrl: server.url,
    email,
    password: PASSWORD,
    hint: 'the meadow',
    mailbox: server,
  });
  const phone = await signInOtherDevice({
    serverUrl: server.url,
    email,
    password: PASSWORD,
    accountKey,
  });
  expect(await phone.redeemLicense(await server.issueLicense('pro'))).toEqual({ plan: 'pro' });
  await send('account.signIn', { email, password: PASSWORD, accountKey, serverUrl: server.url });
  for (const title of ['GitHub', 'Bank', 'Mail']) {
    await send('vault.save', { item: { type: 'login', title, password: `${title}-secret` } });
  }
  await send('sync.now', {});
  await send('session.lock', {});
  return accountKey;
}

export interface ResetMail {
  link: string;
  code: string;
}

/** The newest reset email to `email`, as the user reads it: its link and its short code. */
export async function resetMail(server: E2eServer, email: string): Promise<ResetMail> {
  const mail = await server.lastMail(email, 'reset', 20_000);
  if (!mail.resetLink || !mail.code) throw new Error('The reset email has no link or no code');
  return { link: mail.resetLink, code: mail.code };
}

/**
 * The input a label names (`<label for>` or a label around it), as a selector. By the DOM: puppeteer's
 * aria queries do not reach Firefox's labelled inputs over BiDi (fill.e2e.ts).
 */
export async function labelled(page: Page, text: string): Promise<string> {
  const handle = await page.waitForFunction(
    (wanted: string) => {
      const label = [...document.querySelectorAll('label')].find(
        (l) => l.textContent?.trim() === wanted,
      );
      const input = label?.htmlFor
        ? document.getElementById(label.htmlFor)
        : label?.querySelector('input');
      if (!input) return false;
      input.setAttribute('data-e2e-field', wanted);
      return true;
    },
    { timeout: 20_000 },
    text,
  );
  await handle.dispose();
  return `[data-e2e-field="${text}"]`;
}

/** Types into the field labelled `label`. */
export async function type(page: Page, label: string, value: string): Promise<void> {
  await page.locator(await labelled(page, label)).fill(value);
}

/** Ticks the checkbox labelled `label`. */
export async function tick(page: Page, label: string): Promise<void> {
  await page.locator(await labelled(page, label)).click();
}

/** An extension page at `path` that some tab shows, as soon as it has loaded. */
export async function extensionPage(extension: ExtensionBrowser, path: string): Promise<Page> {
  const url = `${extension.extensionOrigin}${path}`;
  for (let i = 0; i < 200; i++) {
    for (const page of await extension.browser.pages()) {
      // Firefox over BiDi may report a new tab's first URL: ask the page itself.
      const here = await page
        .evaluate(() => (document.readyState === 'complete' ? location.href : ''))
        .catch(() => '');
      if (here === url) {
        await page.bringToFront();
        return page;
      }
    }
    await sleep(100);
  }
  throw new Error(`No tab shows ${url}`);
}
