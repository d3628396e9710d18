/**
 * The save prompt and the account-password warning in our frame (issue 12), through the real
 * router and wiring: the content script reports a submitted form, the next page's top frame asks
 * 'inpage.pending' for a token, and our frame (menu.html) shows and answers the prompt. The page
 * is played by tests/support/menu-tab.ts.
 */
import { describe, expect, it } from 'vitest';
import type { LoginItem } from '@/lib/vault/item';
import { PASSWORD, ask, boot, createAccount, login } from '@/tests/support/background-harness';
import { TAB, fieldSender, frameSender, page, send, useMenuTab } from '@/tests/support/menu-tab';

useMenuTab();

const GITHUB = 'https://github.com/session';
const top = fieldSender(GITHUB);

async function started() {
  const background = boot();
  await createAccount();
  return background;
}

const submit = (password: string, username = 'ada', url = GITHUB) =>
  send(fieldSender(url), 'inpage.submitted', { kind: 'login', username, password });

/** The prompt's token, asked for by the top frame of the page that follows. */
async function prompt(sender = top): Promise<string> {
  const { token } = await send(sender, 'inpage.pending', {});
  if (!token) throw new Error('no prompt waiting');
  return token;
}

const answer = (token: string, action: 'save' | 'update' | 'never') =>
  send(frameSender(token, { frameId: 4, topUrl: GITHUB }), 'menu.save', {
    token,
    point: { x: 2, y: 2 },
    action,
  });

async function loginItem(id: string): Promise<LoginItem> {
  const item = await ask('vault.get', { id });
  if (item.type !== 'login') throw new Error('expected a login');
  return item;
}

const githubLogins = async () =>
  (await ask('vault.list', { query: '', currentUrl: GITHUB, limit: 10 })).items.filter(
    (row) => row.onSite,
  );

describe('the save prompt', () => {
  it('after a new password: the top frame gets a token, the prompt offers Save, Save creates the login', async () => {
    await started();
    await submit('new-password-1');
    // Only the top frame of the tab is given the prompt.
    expect(await send(fieldSender(GITHUB, { frameId: 2 }), 'inpage.pending', {})).toEqual({});
    const token = await prompt();
    const frame = frameSender(token, { frameId: 4, topUrl: GITHUB });
    expect(await send(frame, 'menu.state', { token })).toEqual({
      view: 'save',
      offer: { kind: 'save', site: 'github.com', username: 'ada' },
    });

    expect(await answer(token, 'save')).toEqual({ kind: 'filled' });
    expect(page.sent.map(({ tabId, frameId, message }) => [tabId, frameId, message.type])).toEqual([
      [TAB, 0, 'inpage.check'],
      [TAB, 0, 'inpage.close'],
    ]);
    const [row] = await githubLogins();
    expect(await loginItem(row!.id)).toMatchObject({ username: 'ada', password: 'new-password-1' });
    expect(await send(top, 'inpage.pending', {})).toEqual({}); // answered: nothing waits
  });

  it('a page that covers the prompt: refused with the reason, nothing saved, the offer stays', async () => {
    await started();
    await submit('new-password-1');
    const token = await prompt();
    page.check = { ok: false, reason: 'covered' };
    expect(await answer(token, 'save')).toEqual({ kind: 'refused', reason: 'covered' });
    expect(await githubLogins()).toEqual([]);
    expect(
      await send(frameSender(token, { frameId: 4, topUrl: GITHUB }), 'menu.state', { token }),
    ).toMatchObject({ view: 'save' });
  });

  it('a prompt token cannot fill a login', async () => {
    await started();
    const github = await ask('vault.save', { item: login({ password: 'old-password' }) });
    await submit('new-password-1');
    const token = await prompt();
    expect(
      await send(frameSender(token, { frameId: 4, topUrl: GITHUB }), 'menu.fill', {
        token,
        itemId: github.id,
        point: { x: 1, y: 1 },
      }),
    ).toEqual({ kind: 'refused', reason: 'gone' });
    expect(page.sent).toEqual([]);
  });

  it('a changed password: Update names the login and keeps the old password in its history', async () => {
    await started();
    const github = await ask('vault.save', { item: login({ password: 'old-password' }) });
    await submit('new-password-1');
    const token = await prompt();
    expect(
      await send(frameSender(token, { frameId: 4, topUrl: GITHUB }), 'menu.state', { token }),
    ).toEqual({
      view: 'save',
      offer: {
        kind: 'update',
        site: 'github.com',
        itemId: github.id,
        title: 'GitHub',
        username: 'ada',
      },
    });
    expect(await answer(token, 'update')).toEqual({ kind: 'filled' });
    const updated = await loginItem(github.id);
    expect(updated.password).toBe('new-password-1');
    expect(updated.passwordHistory?.map((entry) => entry.password)).toEqual(['old-password']);
    expect(await githubLogins()).toHaveLength(1); // updated, not a second login
  });

  it('"Never for this site" sticks: listed in Settings, and no prompt after the next submit', async () => {
    await started();
    await submit('new-password-1');
    expect(await answer(await prompt(), 'never')).toEqual({ kind: 'filled' });
    expect((await ask('sitePrefs.list', {})).neverSave.map((entry) => entry.site)).toEqual([
      'github.com',
    ]);
    await submit('new-password-2');
    expect(await send(top, 'inpage.pending', {})).toEqual({});
    expect(await githubLogins()).toEqual([]);
  });
});

describe('the account password typed into a site', () => {
  it('the next page’s prompt warns, naming the site, until dismissed', async () => {
    const background = await started();
    const phish = 'https://login.phish.example/signin';
    await submit(PASSWORD, 'ada', phish);
    await background.accountPasswordWatch.idle();

    const phishTop = fieldSender(phish);
    const token = await prompt(phishTop);
    const frame = frameSender(token, { frameId: 4, topUrl: phish });
    expect(await send(frame, 'menu.state', { token })).toEqual({
      view: 'warning',
      site: 'login.phish.example',
    });
    await send(frame, 'menu.close', { token });
    expect(await send(frame, 'menu.state', { token })).toEqual({ view: 'closed' });
    // Nor is the account password then offered to be saved for that site.
    expect(await send(phishTop, 'inpage.pending', {})).toEqual({});
  });

  it('signing out forgets the warning with the account (the next account has its own)', async () => {
    const background = await started();
    const phish = 'https://login.phish.example/signin';
    await submit(PASSWORD, 'ada', phish);
    await background.accountPasswordWatch.idle();
    expect(await send(fieldSender(phish), 'inpage.pending', {})).toHaveProperty('token');
    await ask('account.signOut', {});
    expect(await send(fieldSender(phish), 'inpage.pending', {})).toEqual({});
  });

  it('another password gives no warning', async () => {
    const background = await started();
    await send(fieldSender('https://login.phish.example/'), 'inpage.submitted', {
      kind: 'login',
      username: 'ada',
      password: 'something else entirely',
    });
    await background.accountPasswordWatch.idle();
    // Only the save prompt waits.
    const token = await prompt(fieldSender('https://login.phish.example/'));
    const state = await send(frameSender(token), 'menu.state', { token });
    expect(state.view).toBe('save');
  });
});
