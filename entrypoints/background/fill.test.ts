/**
 * Filling through the real background (issue 10): the popup asks 'autofill.fill'; the browser
 * injects the fill script into the tab's frames (here: each simulated frame sends its
 * 'autofill.request' as the real script does, with the sender the browser would report); the
 * policy decides per frame. What a user would notice: the password reaches the frame of the
 * login's site and no other, a page cannot ask for one on its own, the popup learns why not.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { FrameFillAnswer } from '@/lib/messaging/protocol';
import {
  ask,
  boot,
  createAccount,
  login,
  useBackgroundHarness,
} from '@/tests/support/background-harness';
import { contentSender, sendAs } from '@/tests/support/senders';

useBackgroundHarness();

interface Frame {
  url: string;
  frameId: number;
  origin?: string;
  fields?: { username: boolean; password: boolean; formAction?: string; otherFrames?: string[] };
}

const TAB = 7;
let frames: Frame[] = [];
let commandListeners: Array<(command: string) => void> = [];
let popupOpens = 0;
let topUrl = '';
const received: Array<{ url: string; answer: FrameFillAnswer }> = [];

beforeEach(() => {
  frames = [];
  received.length = 0;
  commandListeners = [];
  popupOpens = 0;
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((listener) => {
    commandListeners.push(listener as (command: string) => void);
  });
  (fakeBrowser.action as unknown as { openPopup: () => Promise<void> }).openPopup = async () => {
    popupOpens += 1;
  };
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async () => [
    { id: TAB, url: topUrl } as never,
  ]);
  // The browser runs the fill script in every frame the grant covers; each one asks.
  (fakeBrowser as unknown as { scripting: unknown }).scripting = {
    executeScript: vi.fn(async () => {
      for (const frame of frames) {
        const sender = {
          ...contentSender(frame.url, frame.frameId, TAB),
          tab: { id: TAB, url: topUrl },
        };
        if (frame.origin) sender.origin = frame.origin;
        const answer = await sendAs(
          sender,
          'autofill.request',
          frame.fields ?? { username: true, password: true },
        );
        if (answer.ok) received.push({ url: frame.url, answer: answer.data });
      }
      return [];
    }),
  };
});
afterEach(() => vi.restoreAllMocks());

async function unlockedWithBank() {
  boot();
  await createAccount();
  return ask('vault.save', {
    item: login({
      title: 'Bank',
      username: 'ada',
      password: 'bank-pw-41',
      urls: [{ url: 'https://bank.example/login', match: 'domain' }],
    }),
  });
}

const passwordsAt = () =>
  received.filter((r) => r.answer.kind === 'fill' && r.answer.password).map((r) => r.url);

describe('filling from the popup', () => {
  it('gives the password to the frame of the login’s site, and says it filled', async () => {
    const bank = await unlockedWithBank();
    topUrl = 'https://bank.example/login';
    frames = [{ url: topUrl, frameId: 0 }];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({ kind: 'filled', frames: 1 });
    expect(received[0]?.answer).toEqual({ kind: 'fill', username: 'ada', password: 'bank-pw-41' });
  });

  it('gives nothing to a look-alike, and says why', async () => {
    const bank = await unlockedWithBank();
    topUrl = 'https://bank.example.evil.test/login';
    frames = [{ url: topUrl, frameId: 0 }];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({
      kind: 'refused',
      reason: 'no-match',
    });
    expect(passwordsAt()).toEqual([]);
  });

  it('fills only the frame of the bank inside a shop, after the user confirms both sites', async () => {
    const bank = await unlockedWithBank();
    topUrl = 'https://shop.example/checkout';
    frames = [
      { url: topUrl, frameId: 0 },
      { url: 'https://bank.example/embedded', frameId: 3 },
      { url: 'https://ads.example/', frameId: 4 },
    ];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({
      kind: 'confirm',
      confirm: ['cross-origin-frame'],
      frameSite: 'https://bank.example',
      topSite: 'https://shop.example',
    });
    expect(passwordsAt()).toEqual([]);
    received.length = 0;
    const confirmed = await ask('autofill.fill', {
      itemId: bank.id,
      confirmed: { crossOriginFrame: true },
    });
    expect(confirmed).toEqual({ kind: 'filled', frames: 1 });
    expect(passwordsAt()).toEqual(['https://bank.example/embedded']);
  });

  it('asks before filling an http page, and never fills a sandboxed frame', async () => {
    const bank = await unlockedWithBank();
    topUrl = 'http://bank.example/login';
    frames = [{ url: topUrl, frameId: 0 }];
    expect(await ask('autofill.fill', { itemId: bank.id })).toMatchObject({
      kind: 'confirm',
      confirm: ['insecure-page'],
    });
    expect(passwordsAt()).toEqual([]);
    topUrl = 'https://bank.example/login';
    frames = [{ url: 'https://bank.example/frame', frameId: 2, origin: 'null' }];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({
      kind: 'refused',
      reason: 'opaque-origin',
    });
  });

  it('says there is no login form when no frame has one', async () => {
    const bank = await unlockedWithBank();
    topUrl = 'https://bank.example/news';
    frames = [{ url: topUrl, frameId: 0, fields: { username: false, password: false } }];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({
      kind: 'refused',
      reason: 'no-form',
    });
  });

  it('names the frame of another site the click did not reach, when the tab has no form', async () => {
    const bank = await unlockedWithBank();
    topUrl = 'https://shop.example/checkout';
    // activeTab covers the top frame only: the bank's frame never got the script.
    frames = [
      {
        url: topUrl,
        frameId: 0,
        fields: { username: false, password: false, otherFrames: ['https://bank.example'] },
      },
    ];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({
      kind: 'refused',
      reason: 'frame-other-site',
      frameSite: 'https://bank.example',
    });
    expect(passwordsAt()).toEqual([]);
  });

  it('warns, naming the site, before filling a form that posts elsewhere', async () => {
    const bank = await unlockedWithBank();
    topUrl = 'https://bank.example/login';
    const fields = { username: true, password: true, formAction: 'https://collect.evil.test/' };
    frames = [{ url: topUrl, frameId: 0, fields }];
    expect(await ask('autofill.fill', { itemId: bank.id })).toMatchObject({
      kind: 'confirm',
      confirm: ['form-action'],
      actionSite: 'collect.evil.test',
    });
    expect(passwordsAt()).toEqual([]);
    const confirmed = { formAction: true };
    expect(await ask('autofill.fill', { itemId: bank.id, confirmed })).toEqual({
      kind: 'filled',
      frames: 1,
    });
    expect(passwordsAt()).toEqual([topUrl]);
  });

  it('lists a related site’s login as a suggestion and fills it only once the user confirms', async () => {
    boot();
    await createAccount();
    const google = await ask('vault.save', {
      item: login({
        title: 'Google',
        username: 'ada@gmail.example',
        password: 'google-pw-1',
        urls: [{ url: 'https://accounts.google.com/', match: 'domain' }],
      }),
    });
    topUrl = 'https://www.youtube.com/signin';
    const list = await ask('vault.list', { query: '', currentUrl: topUrl });
    expect(list.items.find((row) => row.id === google.id)).toMatchObject({ suggested: true });
    expect(list.items.find((row) => row.id === google.id)?.onSite).toBeUndefined();
    frames = [{ url: topUrl, frameId: 0 }];
    expect(await ask('autofill.fill', { itemId: google.id })).toMatchObject({
      kind: 'confirm',
      confirm: ['equivalent-site'],
    });
    expect(passwordsAt()).toEqual([]);
    const confirmed = { equivalentSite: true };
    expect(await ask('autofill.fill', { itemId: google.id, confirmed })).toEqual({
      kind: 'filled',
      frames: 1,
    });
    expect(passwordsAt()).toEqual([topUrl]);
  });

  it('answers a page that asks on its own with nothing', async () => {
    await unlockedWithBank();
    const sender = {
      ...contentSender('https://bank.example/login', 0, TAB),
      tab: { id: TAB, url: 'https://bank.example/login' },
    };
    const answer = await sendAs(sender, 'autofill.request', { username: true, password: true });
    expect(answer).toEqual({ ok: true, data: { kind: 'none' } });
  });

  it('refuses when locked', async () => {
    const bank = await unlockedWithBank();
    await ask('session.lock', {});
    topUrl = 'https://bank.example/login';
    frames = [{ url: topUrl, frameId: 0 }];
    await expect(ask('autofill.fill', { itemId: bank.id })).rejects.toMatchObject({
      code: 'locked',
    });
    expect(passwordsAt()).toEqual([]);
  });
});

describe('the fill shortcut', () => {
  const press = async () => {
    commandListeners.forEach((listener) => listener('fill-login'));
    await new Promise((done) => setTimeout(done, 50));
  };

  it('fills this site’s login, and the next one on the next press', async () => {
    await unlockedWithBank();
    await ask('vault.save', {
      item: login({
        title: 'Bank (work)',
        username: 'ada.work',
        password: 'work-pw-7',
        urls: [{ url: 'https://bank.example', match: 'domain' }],
      }),
    });
    topUrl = 'https://bank.example/login';
    frames = [{ url: topUrl, frameId: 0 }];
    const usernames: string[] = [];
    for (let i = 0; i < 3; i++) {
      received.length = 0;
      await press();
      const answer = received[0]?.answer;
      usernames.push(answer?.kind === 'fill' ? (answer.username ?? '') : '');
    }
    expect(new Set(usernames.slice(0, 2))).toEqual(new Set(['ada', 'ada.work']));
    expect(usernames[2]).toBe(usernames[0]); // round and round
    expect(popupOpens).toBe(0);
  });

  it('fills the password page of a two-step login with the account chosen on the first', async () => {
    await unlockedWithBank();
    const work = await ask('vault.save', {
      item: login({
        title: 'Bank (work)',
        username: 'ada.work',
        password: 'work-pw-7',
        urls: [{ url: 'https://bank.example', match: 'domain' }],
      }),
    });
    // Step 1: the user picks the work account in the popup; only the username field is there.
    topUrl = 'https://bank.example/login';
    frames = [{ url: topUrl, frameId: 0, fields: { username: true, password: false } }];
    expect(await ask('autofill.fill', { itemId: work.id })).toEqual({ kind: 'filled', frames: 1 });
    // Step 2, after a full page load in the same tab: the shortcut fills that account first.
    topUrl = 'https://bank.example/login/password';
    frames = [{ url: topUrl, frameId: 0, fields: { username: false, password: true } }];
    received.length = 0;
    await press();
    expect(received[0]?.answer).toEqual({ kind: 'fill', password: 'work-pw-7' });
  });

  it('opens the popup saying why when nothing is saved for the site', async () => {
    await unlockedWithBank();
    topUrl = 'https://news.example/';
    frames = [{ url: topUrl, frameId: 0 }];
    await press();
    expect(popupOpens).toBe(1);
    expect(await ask('autofill.notice', {})).toMatchObject({
      outcome: { kind: 'refused', reason: 'no-match' },
    });
    expect(await ask('autofill.notice', {})).toEqual({}); // said once
  });
});
