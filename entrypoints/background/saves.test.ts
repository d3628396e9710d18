/**
 * Save and update prompts (issue 12): what the background offers after a submitted login, and
 * what each answer does to the vault, through the real background (tests/support/
 * background-harness.ts: the real vault, crypto and sync server). The in-page prompt's messages
 * are the lead's; these call the service the way its handlers will.
 */
import { describe, expect, it } from 'vitest';
import type { LoginItem } from '@/lib/vault/item';
import { signInOtherDevice } from '@/tests/support/other-device';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  login,
  useBackgroundHarness,
} from '@/tests/support/background-harness';
import { HOLD_MS, type Submitted } from './services/saves';

useBackgroundHarness();

const TAB = 7;
const PAGE = 'https://github.com/session';
const submitted = (fields: Partial<Submitted>): Submitted => ({
  username: 'ada',
  password: 'typed-password',
  kind: 'login',
  ...fields,
});

async function started() {
  const background = boot();
  const account = await createAccount();
  return { ...account, saves: background.saves, sitePrefs: background.sitePrefs };
}

async function loginItem(id: string): Promise<LoginItem> {
  const item = await ask('vault.get', { id });
  if (item.type !== 'login') throw new Error('expected a login');
  return item;
}

describe('save prompt', () => {
  it('offers to save a login new for the site, saves it, and the new item syncs', async () => {
    const { saves, email, kit } = await started();
    saves.hold(TAB, PAGE, submitted({}));
    expect(saves.offer(TAB)).toEqual({ kind: 'save', site: 'github.com', username: 'ada' });
    expect(saves.offer(TAB + 1)).toBeUndefined(); // another tab holds nothing

    const { itemId } = await saves.act(TAB, 'save');
    const saved = await loginItem(itemId!);
    expect(saved).toMatchObject({
      title: 'github.com',
      username: 'ada',
      password: 'typed-password',
      urls: [{ url: 'https://github.com', match: 'domain' }],
      passwordHistory: [],
    });
    expect(saves.offer(TAB)).toBeUndefined(); // answered: dropped
    await expect(saves.act(TAB, 'save')).rejects.toMatchObject({ code: 'not-found' });

    await ask('sync.now', {});
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    expect((await other.items()).get(itemId!)?.item).toMatchObject({ password: 'typed-password' });
  });

  it('offers an update naming the login whose password changed, keeping the old one', async () => {
    const { saves } = await started();
    const github = await ask('vault.save', { item: login({ password: 'old-password' }) });
    await ask('vault.save', { item: login({ title: 'Other', username: 'grace' }) });
    saves.hold(TAB, PAGE, submitted({ username: ' Ada ', password: 'new-password' }));
    expect(saves.offer(TAB)).toEqual({
      kind: 'update',
      site: 'github.com',
      itemId: github.id,
      title: 'GitHub',
      username: 'ada',
    });
    expect(await saves.act(TAB, 'update')).toEqual({ itemId: github.id });
    const updated = await loginItem(github.id);
    expect(updated.password).toBe('new-password');
    expect(updated.passwordHistory).toEqual([
      { password: 'old-password', replacedAt: expect.any(Number) as number },
    ]);
    expect((await ask('vault.list', { query: '' })).total).toBe(2); // no new item
  });

  it('offers nothing for the password already saved, or for another site', async () => {
    const { saves } = await started();
    await ask('vault.save', { item: login({ password: 'saved-password' }) });
    saves.hold(TAB, PAGE, submitted({ username: 'ADA', password: 'saved-password' }));
    expect(saves.offer(TAB)).toBeUndefined();
    saves.hold(TAB, PAGE, submitted({ username: '', password: 'saved-password' }));
    expect(saves.offer(TAB)).toBeUndefined();
    // The same password on another site is new there.
    saves.hold(TAB, 'https://gitlab.com/users/sign_in', submitted({ password: 'saved-password' }));
    expect(saves.offer(TAB)).toMatchObject({ kind: 'save', site: 'gitlab.com' });
  });

  it('without a username: save when no login has the password, update the one filled', async () => {
    const { saves } = await started();
    const github = await ask('vault.save', { item: login({ password: 'saved-password' }) });
    saves.hold(TAB, PAGE, submitted({ username: '', password: 'another' }));
    expect(saves.offer(TAB)).toMatchObject({ kind: 'save', username: '' });
    saves.hold(TAB, PAGE, submitted({ username: '', password: 'another' }), github.id);
    expect(saves.offer(TAB)).toMatchObject({ kind: 'update', itemId: github.id });
    // The login filled, but another username typed: another account, so a new login.
    saves.hold(TAB, PAGE, submitted({ username: 'bob', password: 'another' }), github.id);
    expect(saves.offer(TAB)).toMatchObject({ kind: 'save', username: 'bob' });
  });

  it('"never for this site" saves nothing and silences the whole site, synced in the vault', async () => {
    const { saves, sitePrefs } = await started();
    saves.hold(TAB, PAGE, submitted({}));
    expect(await saves.act(TAB, 'never')).toEqual({});
    expect((await ask('vault.list', { query: '' })).total).toBe(0);
    expect(sitePrefs.isNeverSave('https://gist.github.com/')).toBe(true); // same registrable domain
    expect(sitePrefs.isNeverMenu(PAGE)).toBe(false);
    saves.hold(TAB, PAGE, submitted({ password: 'something else' }));
    expect(saves.offer(TAB)).toBeUndefined();
    expect((await ask('sitePrefs.list', {})).neverSave).toEqual([
      { site: 'github.com', addedAt: expect.any(Number) as number },
    ]);
  });

  it('dismiss drops what was held and changes nothing', async () => {
    const { saves } = await started();
    saves.hold(TAB, PAGE, submitted({}));
    expect(await saves.act(TAB, 'dismiss')).toEqual({});
    expect(saves.offer(TAB)).toBeUndefined();
    expect((await ask('vault.list', { query: '' })).total).toBe(0);
    expect((await ask('sitePrefs.list', {})).neverSave).toEqual([]);
  });

  it('forgets what was submitted after two minutes', async () => {
    const { saves } = await started();
    saves.hold(TAB, PAGE, submitted({}));
    env.clockOffset += HOLD_MS - 1_000;
    expect(saves.offer(TAB)).toMatchObject({ kind: 'save' });
    env.clockOffset += 2_000;
    expect(saves.offer(TAB)).toBeUndefined();
    await expect(saves.act(TAB, 'save')).rejects.toMatchObject({ code: 'not-found' });
    expect((await ask('vault.list', { query: '' })).total).toBe(0);
  });

  it('forgets what was submitted on lock, and holds nothing while locked', async () => {
    const { saves } = await started();
    saves.hold(TAB, PAGE, submitted({}));
    await ask('session.lock', {});
    expect(saves.offer(TAB)).toBeUndefined();
    saves.hold(TAB + 1, PAGE, submitted({}));
    await ask('session.unlock', { password: PASSWORD });
    expect(saves.offer(TAB)).toBeUndefined();
    expect(saves.offer(TAB + 1)).toBeUndefined();
  });

  it('change-password form: updates the login whose password was the current one typed', async () => {
    const { saves } = await started();
    await ask('vault.save', { item: login({ username: 'ada', password: 'ada-password' }) });
    const grace = await ask('vault.save', {
      item: login({ title: 'GitHub (grace)', username: 'grace', password: 'grace-password' }),
    });
    const change = submitted({
      kind: 'change-password',
      username: '',
      oldPassword: 'grace-password',
      password: 'grace-new',
    });
    saves.hold(TAB, PAGE, change);
    expect(saves.offer(TAB)).toMatchObject({
      kind: 'update',
      itemId: grace.id,
      title: 'GitHub (grace)',
      username: 'grace',
    });
    await saves.act(TAB, 'update');
    const updated = await loginItem(grace.id);
    expect(updated.password).toBe('grace-new');
    expect(updated.passwordHistory.map((e) => e.password)).toEqual(['grace-password']);
    // Submitted again (or saved before the submit, as the menu does): nothing more to offer.
    saves.hold(TAB, PAGE, change);
    expect(saves.offer(TAB)).toBeUndefined();
  });
});
