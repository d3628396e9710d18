/**
 * The inline menu's tokens through the real router and wiring: who gets one and who can use one.
 * The inline menu through the real router and wiring (issue 12, DESIGN §6): a field's content
 * script asks for a token, our frame (menu.html in the tab) shows and fills with it, and the
 * background reaches the page only through `tabs.sendMessage` to the field's own frame (played by
 * tests/support/menu-tab.ts). What a security review asks: who gets a token, who can use one, what
 * the menu lists, and that nothing is filled unless the page's check and the fill policy agree.
 */
import { describe, expect, it } from 'vitest';
import { ask, refusal } from '@/tests/support/background-harness';
import {
  BANK,
  TAB,
  fieldSender,
  fills,
  frameSender,
  openMenu,
  page,
  send,
  unlockedWithLogins,
  useMenuTab,
} from '@/tests/support/menu-tab';
import { popupSender } from '@/tests/support/senders';

useMenuTab();

describe('who gets a token', () => {
  it('a detected field gets one only while the menu is on in Settings', async () => {
    await unlockedWithLogins();
    expect(await openMenu(fieldSender(BANK))).toMatch(/^[A-Za-z0-9_-]{22}$/);

    await ask('settings.set', { inlineMenu: false });
    expect(
      await send(fieldSender(BANK), 'inpage.open', { field: 'username', form: 'login' }),
    ).toEqual({});
    await ask('settings.set', { inlineMenu: true });
    expect(await openMenu(fieldSender(BANK))).toBeTruthy();
  });

  it('"Never on this site" in the menu: no token there again, the list shows it, other sites keep it', async () => {
    await unlockedWithLogins();
    const token = await openMenu(fieldSender(BANK));
    await send(frameSender(token), 'menu.never', { token });

    expect(
      await send(fieldSender(BANK), 'inpage.open', { field: 'password', form: 'login' }),
    ).toEqual({});
    expect((await ask('sitePrefs.list', {})).neverMenu.map((entry) => entry.site)).toEqual([
      'bank.example',
    ]);
    expect(await openMenu(fieldSender('https://github.com/login'))).toBeTruthy();
  });
});

describe('who can use a token', () => {
  it('our frame in another tab sees a closed menu and can neither fill nor silence the site', async () => {
    const { ada } = await unlockedWithLogins();
    const token = await openMenu(fieldSender(BANK));
    const elsewhere = frameSender(token, { tabId: TAB + 1 });

    expect(await send(elsewhere, 'menu.state', { token })).toEqual({ view: 'closed' });
    expect(
      await send(elsewhere, 'menu.fill', { token, itemId: ada.id, point: { x: 5, y: 5 } }),
    ).toEqual({ kind: 'refused', reason: 'gone' });
    await send(elsewhere, 'menu.never', { token });
    await send(elsewhere, 'menu.close', { token });
    expect(page.sent).toEqual([]); // not even the page's check was asked for
    expect((await ask('sitePrefs.list', {})).neverMenu).toEqual([]);
    // The token still works for its own frame.
    expect(await send(frameSender(token), 'menu.state', { token })).toMatchObject({
      view: 'logins',
    });
  });

  it('menu.* only from our frame, inpage.* only from content scripts', async () => {
    const { ada } = await unlockedWithLogins();
    const token = await openMenu(fieldSender(BANK));
    const fill = { token, itemId: ada.id, point: { x: 5, y: 5 } };

    for (const sender of [fieldSender(BANK), popupSender()]) {
      expect(await refusal(send(sender, 'menu.state', { token }))).toBe('forbidden-sender');
      expect(await refusal(send(sender, 'menu.fill', fill))).toBe('forbidden-sender');
    }
    // menu.html as a whole tab, not inside a web page's frame, is not our frame either.
    const asTab = { ...frameSender(token), frameId: 0 };
    expect(await refusal(send(asTab, 'menu.fill', fill))).toBe('forbidden-sender');
    expect(
      await refusal(send(frameSender(token), 'inpage.open', { field: 'username', form: 'login' })),
    ).toBe('forbidden-sender');
    expect(await refusal(send(frameSender(token), 'inpage.pending', {}))).toBe('forbidden-sender');
    expect(fills()).toEqual([]);
  });

  it('another frame’s content script can neither filter nor close the menu', async () => {
    await unlockedWithLogins();
    const token = await openMenu(fieldSender(BANK));
    const ad = fieldSender('https://ads.example/', { frameId: 3, topUrl: BANK });
    await send(ad, 'inpage.filter', { token, query: 'grace' });
    await send(ad, 'inpage.closed', { token });
    const state = await send(frameSender(token), 'menu.state', { token });
    expect(state.view === 'logins' && state.logins.map((row) => row.username)).toEqual([
      'ada',
      'grace',
    ]);
  });
});

describe('a token in the wrong hands', () => {
  it('another of our frames in the same tab, opened with another token, cannot use it', async () => {
    const { ada } = await unlockedWithLogins();
    const token = await openMenu(fieldSender(BANK));
    const other = await openMenu(fieldSender(BANK), { field: 'password', form: 'login' });
    // The second menu replaced the first in this tab: both tokens' frames try the live one.
    const stranger = frameSender(token);
    expect(await send(stranger, 'menu.state', { token: other })).toEqual({ view: 'closed' });
    expect(
      await send(stranger, 'menu.fill', { token: other, itemId: ada.id, point: { x: 1, y: 1 } }),
    ).toEqual({ kind: 'refused', reason: 'gone' });
    expect(fills()).toEqual([]);
  });

  it('a menu loaded ahead (no token in its URL) keeps the token it was handed first', async () => {
    const { ada } = await unlockedWithLogins();
    const token = await openMenu(fieldSender(BANK));
    const ahead = (frameId: number) => ({
      ...frameSender(token, { frameId }),
      url: frameSender(token).url!.split('#')[0],
    });
    expect(await send(ahead(21), 'menu.state', { token })).toMatchObject({ view: 'logins' });
    // Another of ours with no token in its URL, or one holding another token, gets nothing.
    expect(await send(ahead(22), 'menu.state', { token })).toEqual({ view: 'closed' });
    expect(
      await send(ahead(22), 'menu.fill', { token, itemId: ada.id, point: { x: 1, y: 1 } }),
    ).toEqual({ kind: 'refused', reason: 'gone' });
    expect(await send(frameSender('another-token'), 'menu.state', { token })).toEqual({
      view: 'closed',
    });
    expect(fills()).toEqual([]);
  });

  it('a login form’s token cannot generate (and save) a password', async () => {
    await unlockedWithLogins();
    const token = await openMenu(fieldSender(BANK), { field: 'password', form: 'login' });
    page.check = { ok: true, username: 'ada' };
    expect(
      await send(frameSender(token), 'menu.generate', { token, point: { x: 1, y: 1 } }),
    ).toEqual({ kind: 'refused', reason: 'no-form' });
    expect(fills()).toEqual([]);
    expect((await ask('vault.list', { query: '', limit: 50 })).items).toHaveLength(3);
  });
});
