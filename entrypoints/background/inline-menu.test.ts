/**
 * The inline menu through the real router and wiring (issue 12, DESIGN §6): a field's content
 * script asks for a token, our frame (menu.html in the tab) shows and fills with it, and the
 * background reaches the page only through `tabs.sendMessage` to the field's own frame (played by
 * tests/support/menu-tab.ts). What a security review asks: who gets a token, who can use one, what
 * the menu lists, and that nothing is filled unless the page's check and the fill policy agree.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '@/tests/support/background-harness';
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

useMenuTab();

describe('what the menu lists', () => {
  it('only this site’s logins, filtered by what is typed into the field', async () => {
    const { ada, grace } = await unlockedWithLogins();
    const field = fieldSender(BANK);
    const token = await openMenu(field);
    const menu = frameSender(token);
    expect(await send(menu, 'menu.state', { token })).toEqual({
      view: 'logins',
      site: 'bank.example',
      logins: [
        { id: ada.id, title: 'Bank', username: 'ada' },
        { id: grace.id, title: 'Bank joint', username: 'grace' },
      ],
      generate: false,
    });
    await send(field, 'inpage.filter', { token, query: 'GRA' });
    expect(await send(menu, 'menu.state', { token })).toMatchObject({
      logins: [{ id: grace.id, username: 'grace' }],
    });
    await send(field, 'inpage.filter', { token, query: 'joint' }); // the title counts too
    expect(await send(menu, 'menu.state', { token })).toMatchObject({
      logins: [{ id: grace.id }],
    });
  });

  it('locked: the menu says so, refuses to fill, and "Unlock" opens the extension’s own prompt', async () => {
    const { ada } = await unlockedWithLogins();
    const token = await openMenu(fieldSender(BANK));
    await ask('session.lock', {});
    const menu = frameSender(token);
    expect(await send(menu, 'menu.state', { token })).toEqual({
      view: 'locked',
      site: 'bank.example',
    });
    expect(await send(menu, 'menu.fill', { token, itemId: ada.id, point: { x: 5, y: 5 } })).toEqual(
      { kind: 'refused', reason: 'locked' },
    );
    expect(page.sent).toEqual([]);
    await send(menu, 'menu.unlock', { token });
    expect(page.popupOpens).toBe(1);
  });

  it('signed out: no menu at all (no account here to fill from or save to), none loaded ahead', async () => {
    await unlockedWithLogins();
    await ask('account.signOut', {});
    const field = fieldSender(BANK);
    expect(await send(field, 'inpage.open', { field: 'username', form: 'login' })).toEqual({});
    expect(await send(field, 'autofill.fields', { present: true })).toEqual({ menu: false });
  });
});

describe('filling from the menu', () => {
  it('sends the chosen login to the field’s frame only, after the page’s check there', async () => {
    const { grace } = await unlockedWithLogins();
    // The field is in a same-site frame 2 of the bank's page; our menu is frame 9.
    const field = fieldSender('https://bank.example/embedded', { frameId: 2, topUrl: BANK });
    const token = await openMenu(field);
    const outcome = await send(frameSender(token), 'menu.fill', {
      token,
      itemId: grace.id,
      point: { x: 10, y: 20 },
    });
    expect(outcome).toEqual({ kind: 'filled' });
    expect(page.sent).toEqual([
      {
        tabId: TAB,
        frameId: 2,
        message: { type: 'inpage.check', token, point: { x: 10, y: 20 } },
      },
      {
        tabId: TAB,
        frameId: 2,
        message: { type: 'inpage.fill', token, username: 'grace', password: 'bank-pw-42' },
      },
    ]);
    // Filled: the token is spent.
    expect(
      await send(frameSender(token), 'menu.fill', {
        token,
        itemId: grace.id,
        point: { x: 1, y: 1 },
      }),
    ).toEqual({ kind: 'refused', reason: 'gone' });
  });

  it('never fills another site’s login, even by its id', async () => {
    const { github } = await unlockedWithLogins();
    const token = await openMenu(fieldSender(BANK));
    expect(
      await send(frameSender(token), 'menu.fill', {
        token,
        itemId: github.id,
        point: { x: 1, y: 1 },
      }),
    ).toEqual({ kind: 'refused', reason: 'no-match' });
    expect(page.sent).toEqual([]);
  });

  it('a page that covers or hides the menu: the menu hears why, and nothing is filled', async () => {
    const { ada } = await unlockedWithLogins();
    const click = async (check: typeof page.check) => {
      page.check = check;
      const token = await openMenu(fieldSender(BANK));
      return send(frameSender(token), 'menu.fill', {
        token,
        itemId: ada.id,
        point: { x: 1, y: 1 },
      });
    };
    expect(await click({ ok: false, reason: 'covered' })).toEqual({
      kind: 'refused',
      reason: 'covered',
    });
    expect(await click({ ok: false, reason: 'transparent' })).toEqual({
      kind: 'refused',
      reason: 'transparent',
    });
    // A content script that does not answer (the page went away) fills nothing either.
    expect(await click(undefined as never)).toEqual({ kind: 'refused', reason: 'gone' });
    expect(fills()).toEqual([]);
  });

  it('an https login on an http page asks first, and fills once the user confirms', async () => {
    const { ada } = await unlockedWithLogins();
    const token = await openMenu(fieldSender('http://bank.example/login'));
    const menu = frameSender(token, { topUrl: 'http://bank.example/login' });
    const fill = { token, itemId: ada.id, point: { x: 3, y: 4 } };
    expect(await send(menu, 'menu.fill', fill)).toEqual({
      kind: 'confirm',
      confirm: ['insecure-page'],
      frameSite: 'http://bank.example',
      topSite: 'http://bank.example',
    });
    expect(fills()).toEqual([]);
    expect(await send(menu, 'menu.fill', { ...fill, confirmed: { insecurePage: true } })).toEqual({
      kind: 'filled',
    });
    expect(fills().map((sent) => sent.message)).toEqual([
      { type: 'inpage.fill', token, username: 'ada', password: 'bank-pw-41' },
    ]);
  });

  it('a sign-up field gets a generated password within its maxlength, saved before it is filled', async () => {
    await unlockedWithLogins();
    const signup = 'https://shop.example/register';
    const token = await openMenu(fieldSender(signup), {
      field: 'new-password',
      form: 'signup',
      constraints: { maxLength: 12 },
    });
    const menu = frameSender(token, { topUrl: signup });
    expect(await send(menu, 'menu.state', { token })).toMatchObject({
      view: 'logins',
      generate: true,
    });

    page.check = { ok: true, username: 'newbie@example.com' };
    let savedWhenFilled: unknown[] = [];
    page.onFill = async () => {
      savedWhenFilled = (await ask('vault.list', { query: 'shop', limit: 10 })).items;
    };
    expect(await send(menu, 'menu.generate', { token, point: { x: 1, y: 1 } })).toEqual({
      kind: 'filled',
    });
    const [sent] = fills();
    const value = sent?.message.type === 'inpage.fill' ? sent.message.newPassword : undefined;
    expect(value?.length).toBeGreaterThanOrEqual(8);
    expect(value!.length).toBeLessThanOrEqual(12);
    expect(sent).toMatchObject({ tabId: TAB, frameId: 0 });
    expect(savedWhenFilled).toHaveLength(1);

    const [row] = (await ask('vault.list', { query: 'shop', limit: 10 })).items;
    expect(await ask('vault.get', { id: row!.id })).toMatchObject({
      type: 'login',
      title: 'shop.example',
      username: 'newbie@example.com',
      password: value,
      urls: [{ url: 'https://shop.example', match: 'domain' }],
    });
  });
});
