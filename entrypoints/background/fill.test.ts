/**
 * Filling through the real background (issue 10): the popup asks 'autofill.fill'; the browser
 * injects the fill script into the tab's frames (here: each simulated frame sends its
 * 'autofill.request' as the real script does, with the sender the browser would report); the
 * policy decides per frame. What a user would notice: the password reaches the frame of the
 * login's site and no other, a page cannot ask for one on its own, the popup learns why not.
 */
import { describe, expect, it } from 'vitest';
import { ask, boot, createAccount, login } from '@/tests/support/background-harness';
import { passwordsAt, tab, TAB, unlockedWithBank, useFakeTab } from '@/tests/support/fill-tab';
import { contentSender, sendAs } from '@/tests/support/senders';

useFakeTab();

describe('filling from the popup', () => {
  it('gives the password to the frame of the login’s site, and says it filled', async () => {
    const bank = await unlockedWithBank();
    tab.topUrl = 'https://bank.example/login';
    tab.frames = [{ url: tab.topUrl, frameId: 0 }];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({ kind: 'filled', frames: 1 });
    expect(tab.received[0]?.answer).toEqual({
      kind: 'fill',
      username: 'ada',
      password: 'bank-pw-41',
    });
  });

  it('gives nothing to a look-alike, and says why', async () => {
    const bank = await unlockedWithBank();
    tab.topUrl = 'https://bank.example.evil.test/login';
    tab.frames = [{ url: tab.topUrl, frameId: 0 }];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({
      kind: 'refused',
      reason: 'no-match',
    });
    expect(passwordsAt()).toEqual([]);
  });

  it('fills only the frame of the bank inside a shop, after the user confirms both sites', async () => {
    const bank = await unlockedWithBank();
    tab.topUrl = 'https://shop.example/checkout';
    tab.frames = [
      { url: tab.topUrl, frameId: 0 },
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
    tab.received.length = 0;
    const confirmed = await ask('autofill.fill', {
      itemId: bank.id,
      confirmed: { crossOriginFrame: true },
    });
    expect(confirmed).toEqual({ kind: 'filled', frames: 1 });
    expect(passwordsAt()).toEqual(['https://bank.example/embedded']);
  });

  it('asks before filling an http page, and never fills a sandboxed frame', async () => {
    const bank = await unlockedWithBank();
    tab.topUrl = 'http://bank.example/login';
    tab.frames = [{ url: tab.topUrl, frameId: 0 }];
    expect(await ask('autofill.fill', { itemId: bank.id })).toMatchObject({
      kind: 'confirm',
      confirm: ['insecure-page'],
    });
    expect(passwordsAt()).toEqual([]);
    tab.topUrl = 'https://bank.example/login';
    tab.frames = [{ url: 'https://bank.example/frame', frameId: 2, origin: 'null' }];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({
      kind: 'refused',
      reason: 'opaque-origin',
    });
  });

  it('says there is no login form when no frame has one', async () => {
    const bank = await unlockedWithBank();
    tab.topUrl = 'https://bank.example/news';
    tab.frames = [{ url: tab.topUrl, frameId: 0, fields: { username: false, password: false } }];
    expect(await ask('autofill.fill', { itemId: bank.id })).toEqual({
      kind: 'refused',
      reason: 'no-form',
    });
  });

  it('names the frame of another site the click did not reach, when the tab has no form', async () => {
    const bank = await unlockedWithBank();
    tab.topUrl = 'https://shop.example/checkout';
    // activeTab covers the top frame only: the bank's frame never got the script.
    tab.frames = [
      {
        url: tab.topUrl,
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
    tab.topUrl = 'https://bank.example/login';
    const fields = { username: true, password: true, formAction: 'https://collect.evil.test/' };
    tab.frames = [{ url: tab.topUrl, frameId: 0, fields }];
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
    expect(passwordsAt()).toEqual([tab.topUrl]);
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
    tab.topUrl = 'https://www.youtube.com/signin';
    const list = await ask('vault.list', { query: '', currentUrl: tab.topUrl });
    expect(list.items.find((row) => row.id === google.id)).toMatchObject({ suggested: true });
    expect(list.items.find((row) => row.id === google.id)?.onSite).toBeUndefined();
    tab.frames = [{ url: tab.topUrl, frameId: 0 }];
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
    expect(passwordsAt()).toEqual([tab.topUrl]);
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
    tab.topUrl = 'https://bank.example/login';
    tab.frames = [{ url: tab.topUrl, frameId: 0 }];
    await expect(ask('autofill.fill', { itemId: bank.id })).rejects.toMatchObject({
      code: 'locked',
    });
    expect(passwordsAt()).toEqual([]);
  });
});
