/**
 * Issue 4's journeys in real Chromium and Firefox ESR from the same code: two profiles of one
 * browser are two devices, the built extension in each, the real server on 127.0.0.1 with SQLite.
 * Every step goes through the same protocol messages the popup sends, from an extension page.
 *
 * Stopping the background: Chromium's service worker is closed over CDP. WebDriver BiDi cannot
 * stop, reload or suspend Firefox's event page, so Firefox's device A runs with a short idle
 * timeout (a pref) and the step waits until Firefox has suspended the page by itself: the
 * Firefox equivalent of an idle stop, seen from an extension page through `getBackgroundPage`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../support/accounts';
import { toBase64Url } from '@/lib/crypto';
import type { Item } from '@/lib/vault/item';
import { signInOtherDevice } from '@/tests/support/other-device';
import {
  launchChromium,
  launchFirefox,
  type BrowserName,
  type ExtensionBrowser,
} from '../support/browsers';
import { BackgroundRefused, messenger } from '../support/messages';
import { builtExtensionDir } from '../support/paths';
import { startE2eServer, type E2eServer } from '../support/server';
import { firefoxShortIdlePrefs, stopIdleBackground } from './background-stop';
import { suiteBrowsers } from './languages';
import { walk } from '../support/files';

const PASSWORD = 'Tr0ub4dor & three horses';
interface Device {
  extension: ExtensionBrowser;
  profile: string;
  page: Page;
  send: ReturnType<typeof messenger>;
}

let server: E2eServer;

async function device(name: BrowserName, extensionDir: string): Promise<Device> {
  const profile = await mkdtemp(join(tmpdir(), 'cassaforte-profile-'));
  const options = { extensionDir, userDataDir: profile, serverUrl: server.url };
  const extension =
    name === 'chromium'
      ? await launchChromium(options)
      : await launchFirefox({
          ...options,
          prefs: firefoxShortIdlePrefs,
        });
  const page = await extension.openExtensionPage('/popup.html');
  return { extension, profile, page, send: messenger(page, extensionDir) };
}

const stopBackground = (d: Device) => stopIdleBackground(d.extension, d.page);

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BackgroundRefused) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

const byTitle = async (d: Device) =>
  Object.fromEntries(
    await Promise.all(
      (await d.send('vault.list', { query: '' })).items.map(async (s) => [
        s.title,
        await d.send('vault.get', { id: s.id }),
      ]),
    ),
  ) as Record<string, Item & { username?: string; password?: string }>;

beforeAll(async () => {
  server = await startE2eServer({ defaultPlan: 'pro' });
});
afterAll(async () => {
  await server?.close();
});

describe.each(suiteBrowsers)('%s: two devices, one vault', (browserName) => {
  const EMAIL = `ada-${browserName}-${Date.now()}@example.com`;
  const extensionDir = builtExtensionDir(browserName);
  const devices: Device[] = [];
  let accountKey = '';
  let a: Device;
  let b: Device;

  afterAll(async () => {
    for (const d of devices) {
      await d.extension.close();
      await rm(d.profile, { recursive: true, force: true });
    }
  });

  it('creates the account on A, locks and unlocks it with the password', async () => {
    a = await device(browserName, extensionDir);
    devices.push(a);
    const kit = await createAccount(a.send, server, {
      email: EMAIL,
      password: PASSWORD,
      hint: 'three horses',
      serverUrl: server.url,
    });
    accountKey = kit.accountKey;
    expect(kit.setupCode).toContain(encodeURIComponent(EMAIL).replace('%40', '@'));
    expect((await a.send('app.status', {})).kitPending).toBe(true);
    await a.send('account.kitSaved', {});
    expect((await a.send('session.lock', {})).state).toBe('locked');
    expect(await refusal(a.send('vault.list', { query: '' }))).toBe('locked');
    expect(await refusal(a.send('session.unlock', { password: 'nope' }))).toBe('wrong-password');
    expect((await a.send('app.status', {})).hint).toBe('three horses');
    expect((await a.send('session.unlock', { password: PASSWORD })).state).toBe('unlocked');
  });

  it('adds items on A that B sees after signing in with the account key', async () => {
    await a.send('vault.save', {
      item: {
        type: 'login',
        title: 'Mail',
        username: 'ada',
        password: 'item-secret-7f3a9c',
        urls: [{ url: 'https://mail.example', match: 'domain' }],
      },
    });
    await a.send('vault.save', {
      item: { type: 'note', title: 'Door code', notes: 'note-secret-51e2' },
    });
    expect(await a.send('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });

    b = await device(browserName, extensionDir);
    devices.push(b);
    await b.send('account.signIn', {
      email: EMAIL,
      password: PASSWORD,
      accountKey,
      serverUrl: server.url,
    });
    await b.send('sync.now', {});
    const seen = await byTitle(b);
    expect(seen.Mail).toMatchObject({ username: 'ada', password: 'item-secret-7f3a9c' });
    expect(seen['Door code']).toMatchObject({ notes: 'note-secret-51e2' });
  });

  it('stays unlocked on A when its service worker is killed inside the timer', async () => {
    await stopBackground(a);
    const status = await a.send('app.status', {});
    expect(status.state).toBe('unlocked');
    expect(Object.keys(await byTitle(a)).sort()).toEqual(['Door code', 'Mail']);
  });

  it('keeps an edit made while the server is down and delivers it when it is back', async () => {
    await server.stop();
    const mail = (await byTitle(a)).Mail!;
    await a.send('vault.save', { item: { ...mail, username: 'ada.lovelace' } });
    expect(await a.send('sync.now', {})).toMatchObject({ state: 'offline', pending: 1 });
    await server.restart();
    expect(await a.send('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    await b.send('sync.now', {});
    expect((await byTitle(b)).Mail?.username).toBe('ada.lovelace');
  });

  it('keeps both edits when A and B change different fields of one item', async () => {
    const onA = (await byTitle(a)).Mail!;
    const onB = (await byTitle(b)).Mail!;
    await a.send('vault.save', { item: { ...onA, notes: 'recovery codes in the safe' } });
    await b.send('vault.save', { item: { ...onB, password: 'rotated-secret-88' } });
    await a.send('sync.now', {});
    await b.send('sync.now', {});
    await a.send('sync.now', {});
    for (const d of [a, b]) {
      expect((await byTitle(d)).Mail).toMatchObject({
        notes: 'recovery codes in the safe',
        password: 'rotated-secret-88',
      });
    }
  });

  it('shows a visible conflict, and loses nothing, when both change the same field', async () => {
    const onA = (await byTitle(a))['Door code']!;
    const onB = (await byTitle(b))['Door code']!;
    await a.send('vault.save', { item: { ...onA, notes: 'code 1234' } });
    await b.send('vault.save', { item: { ...onB, notes: 'code 9876' } });
    await a.send('sync.now', {});
    await b.send('sync.now', {});
    await a.send('sync.now', {});
    for (const d of [a, b]) {
      const doors = (await d.send('vault.list', { query: 'door' })).items;
      const notes = await Promise.all(
        doors.map(async (s) => (await d.send('vault.get', { id: s.id })).notes),
      );
      expect(notes.sort()).toEqual(['code 1234', 'code 9876']);
      expect(doors.filter((s) => s.conflictOf).length).toBe(1);
    }
  });

  it('locks A by itself once the auto-lock time is up, even with the worker killed', async () => {
    await a.send('settings.set', { autoLockMinutes: 1 });
    const { lockAt } = await a.send('app.status', {});
    await stopBackground(a);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, lockAt! - Date.now()) + 1_500));
    const status = await a.send('app.status', {});
    expect(status).toMatchObject({ state: 'locked', lastLock: { reason: 'timer' } });
    expect(await refusal(a.send('vault.get', { id: 'any' }))).toBe('locked');
  }, 120_000);

  it('leaves no account password, vault key or item plaintext at rest on either device', async () => {
    const other = await signInOtherDevice({
      serverUrl: server.url,
      email: EMAIL,
      password: PASSWORD,
      accountKey,
    });
    const vk = other.ctx.vk;
    const local = await Promise.all(
      devices.map(async (d) => {
        const page = await d.extension.openExtensionPage('/popup.html');
        return JSON.stringify(
          await page.evaluate(() =>
            (
              globalThis as unknown as {
                chrome: { storage: { local: { get(k: null): Promise<unknown> } } };
              }
            ).chrome.storage.local.get(null),
          ),
        );
      }),
    );
    for (const d of devices) await d.extension.close(); // closing twice is safe

    const needles = [
      PASSWORD,
      'item-secret-7f3a9c',
      'rotated-secret-88',
      'note-secret-51e2',
      'recovery codes in the safe',
      toBase64Url(vk),
    ].map((s) => Buffer.from(s));
    needles.push(Buffer.from(vk));
    for (const text of local)
      for (const n of needles) expect(text.includes(n.toString())).toBe(false);
    for (const d of [a, b]) {
      // The scan must see what the extension stores: the account's email is in IndexedDB.
      let sawEmail = false;
      for await (const file of walk(d.profile)) {
        const bytes = await readFile(file).catch(() => Buffer.alloc(0));
        sawEmail ||= bytes.includes(Buffer.from(EMAIL));
        for (const needle of needles) {
          expect(bytes.includes(needle), `${needle} found in ${file}`).toBe(false);
        }
      }
      expect(sawEmail).toBe(true);
    }
  });
});
