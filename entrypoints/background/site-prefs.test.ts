/**
 * "Never for this site" lists kept in the vault (issue 12): they sync to other devices, two
 * devices' changes merge as sets (both additions win, a removal sticks), and the record they
 * live in never shows as an item: not in the list, search, counts, the badge, nor vault.get.
 */
import { describe, expect, it } from 'vitest';
import { SITE_PREFS_ID, type SitePrefsItem } from '@/lib/vault/item';
import { withSite, withoutSite } from '@/lib/vault/site-prefs';
import { signInOtherDevice, type OtherDevice } from '@/tests/support/other-device';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  login,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

useBackgroundHarness();

async function started() {
  const background = boot();
  const { email, kit } = await createAccount();
  const other = () =>
    signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
  return { sitePrefs: background.sitePrefs, other };
}

/** The record as the server holds it, opened by the other device. */
async function serverRecord(other: OtherDevice) {
  const found = (await other.items()).get(SITE_PREFS_ID);
  if (!found || found.item.type !== 'site-prefs') throw new Error('no site preferences record');
  return { record: found.item as SitePrefsItem, rev: found.rev };
}

const names = (list: { site: string }[]) => list.map((entry) => entry.site);

describe('site preferences', () => {
  it('sync to another device, and edits from both devices merge', async () => {
    const { sitePrefs, other } = await started();
    await sitePrefs.neverSave('https://accounts.example.co.uk/login');
    await sitePrefs.neverMenu('https://news.example.org/');
    await ask('sync.now', {});
    const phone = await other();
    const first = await serverRecord(phone);
    expect(names(first.record.neverSave)).toEqual(['example.co.uk']); // the registrable domain
    expect(names(first.record.neverMenu)).toEqual(['example.org']);

    // The phone adds one site and removes another while this device, not yet synced, adds one.
    const edited = withoutSite(
      withSite(first.record, 'never-save', 'phone.example', Date.now()),
      'never-menu',
      'example.org',
    );
    const pushed = await phone.push({ ...edited, revision: first.record.revision + 1 }, first.rev);
    expect(pushed.conflicts).toEqual([]);
    await sitePrefs.neverSave('https://laptop.example/');
    await ask('sync.now', {});

    const here = await ask('sitePrefs.list', {});
    expect(names(here.neverSave)).toEqual(['example.co.uk', 'laptop.example', 'phone.example']);
    expect(names(here.neverMenu)).toEqual([]);
    expect(sitePrefs.isNeverMenu('https://news.example.org/')).toBe(false);
    const there = await serverRecord(phone);
    expect(names(there.record.neverSave)).toEqual(names(here.neverSave));
    expect(names(there.record.neverMenu)).toEqual([]);
    expect((await ask('sync.now', {})).pending).toBe(0);
  });

  it('a removal in Settings syncs, and a site added elsewhere meanwhile stays', async () => {
    const { sitePrefs, other } = await started();
    await sitePrefs.neverSave('https://a.example/');
    await sitePrefs.neverSave('https://b.example/');
    await ask('sync.now', {});
    const phone = await other();
    const before = await serverRecord(phone);

    const after = await ask('sitePrefs.remove', { kind: 'never-save', site: 'a.example' });
    expect(names(after.neverSave)).toEqual(['b.example']);
    // The phone, from the copy before the removal, adds c.example; its push lands first.
    const added = withSite(before.record, 'never-save', 'c.example', Date.now());
    await phone.push({ ...added, revision: before.record.revision + 1 }, before.rev);
    await ask('sync.now', {});

    expect(names((await ask('sitePrefs.list', {})).neverSave)).toEqual(['b.example', 'c.example']);
    expect(names((await serverRecord(phone)).record.neverSave)).toEqual(['b.example', 'c.example']);
  });

  it('come back after a lock, from the vault', async () => {
    const { sitePrefs } = await started();
    await sitePrefs.neverMenu('https://shop.example/');
    await ask('session.lock', {});
    expect(sitePrefs.isNeverMenu('https://shop.example/')).toBe(false); // locked: not known
    expect(await refusal(ask('sitePrefs.list', {}))).toBe('locked');
    await ask('session.unlock', { password: PASSWORD });
    expect(sitePrefs.isNeverMenu('https://www.shop.example/cart')).toBe(true);
  });

  it('live in a record that no list, search, count, badge or item message shows', async () => {
    const { sitePrefs } = await started();
    await ask('vault.save', { item: login() });
    await sitePrefs.neverSave('https://github.com/');
    await sitePrefs.neverMenu('https://github.com/');

    const all = await ask('vault.list', { query: '' });
    expect(all.total).toBe(1);
    expect(all.items.map((row) => row.title)).toEqual(['GitHub']);
    for (const query of ['site', 'prefs', 'github.com', '']) {
      const found = await ask('vault.list', { query, currentUrl: 'https://github.com/login' });
      expect(found.items.every((row) => row.title === 'GitHub')).toBe(true);
      expect(found.matched).toBeLessThanOrEqual(1);
    }
    expect(await refusal(ask('vault.get', { id: SITE_PREFS_ID }))).toBe('not-found');
    expect(await refusal(ask('vault.delete', { id: SITE_PREFS_ID }))).toBe('not-found');
    // An item form cannot overwrite the record.
    expect(
      await refusal(ask('vault.save', { item: { id: SITE_PREFS_ID, type: 'login', title: 'x' } })),
    ).toBe('invalid-item');
    expect(await refusal(ask('vault.save', { item: { type: 'site-prefs', neverSave: [] } }))).toBe(
      'invalid-item',
    );
    expect(sitePrefs.isNeverSave('https://github.com/')).toBe(true);
  });
});
