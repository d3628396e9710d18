/** The list the popup pages through ('vault.list'): pages that fit together, this site's first. */
import { describe, expect, it } from 'vitest';
import type { VaultStore } from '@/lib/db';
import { emptyLogin, type Item } from '@/lib/vault/item';
import { createVaultService, type VaultService } from './vault';

const SITES = ['github.com', 'bank.example', 'mail.example'];

function login(i: number): Item {
  return {
    ...emptyLogin(`item${String(i).padStart(4, '0')}`, 0),
    title: `Login ${String(i).padStart(4, '0')}`,
    username: `user${i}`,
    urls: [{ url: `https://${SITES[i % SITES.length]}/`, match: 'domain' }],
  };
}

const ctx = { vk: new Uint8Array(32).fill(1), accountId: 'acc', epoch: 1 };
const remember = (vault: VaultService, item: Item) =>
  vault.took(ctx, [{ id: item.id, opened: { kind: 'item', item, revision: item.revision } }]);

/** A service holding `count` logins; listing never touches the store. */
async function serviceWith(count: number) {
  const vault = createVaultService({
    store: { listItems: async () => [] } as unknown as VaultStore,
  });
  await vault.load(ctx);
  for (let i = 0; i < count; i++) remember(vault, login(i));
  return vault;
}

function pages(vault: VaultService, input: { query: string; currentUrl?: string }, size: number) {
  const ids: string[] = [];
  const revisions = new Set<number>();
  for (let offset = 0; ; offset += size) {
    const page = vault.list({ ...input, offset, limit: size });
    revisions.add(page.revision);
    ids.push(...page.items.map((item) => item.id));
    if (offset + size >= page.matched) break;
  }
  return { ids, revisions };
}

describe('vault.list in pages', () => {
  it('gives the whole list page by page, in the same order as in one reply', async () => {
    const vault = await serviceWith(1_000);
    const currentUrl = 'https://bank.example/login';
    const whole = vault.list({ query: '', currentUrl });
    expect(whole).toMatchObject({ total: 1_000, matched: 1_000 });
    expect(whole.items).toHaveLength(1_000);

    const first = vault.list({ query: '', currentUrl, limit: 100 });
    expect(first).toMatchObject({ total: 1_000, matched: 1_000, revision: whole.revision });
    expect(first.items).toHaveLength(100);
    // This site's logins come first, marked, before any other.
    expect(first.items.every((item) => item.onSite && item.host === 'bank.example')).toBe(true);

    const paged = pages(vault, { query: '', currentUrl }, 300);
    expect(paged.ids).toEqual(whole.items.map((item) => item.id));
    expect(paged.revisions).toEqual(new Set([whole.revision]));
    const onSite = whole.items.filter((item) => item.onSite);
    expect(onSite).toHaveLength(333);
    expect(whole.items.slice(0, 333)).toEqual(onSite);
  });

  it('counts the matches of a search, not only the page', async () => {
    const vault = await serviceWith(1_000);
    const first = vault.list({ query: 'github', limit: 50 });
    expect(first.items).toHaveLength(50);
    expect(first.matched).toBe(334);
    expect(first.total).toBe(1_000);
    const paged = pages(vault, { query: 'github' }, 50);
    expect(paged.ids).toEqual(vault.list({ query: 'github' }).items.map((item) => item.id));
    expect(vault.list({ query: 'github', offset: 330, limit: 50 }).items).toHaveLength(4);
    expect(vault.list({ query: 'github', offset: 400 }).items).toEqual([]);
  });

  it('changes the revision when an item is added, edited or removed', async () => {
    const vault = await serviceWith(10);
    const before = vault.list({ query: '', limit: 5 });
    expect(vault.list({ query: '', offset: 5 }).revision).toBe(before.revision);

    remember(vault, { ...login(3), title: 'Aardvark' });
    const edited = vault.list({ query: '' });
    expect(edited.revision).not.toBe(before.revision);
    expect(edited.items[0]?.title).toBe('Aardvark'); // a cached list is not served after an edit

    remember(vault, login(10));
    const added = vault.list({ query: '' });
    expect(added.revision).not.toBe(edited.revision);
    expect(added.matched).toBe(11);

    vault.clear();
    expect(vault.list({ query: '' })).toMatchObject({ items: [], matched: 0, total: 0 });
    expect(vault.list({ query: '' }).revision).not.toBe(added.revision);
  });
});
