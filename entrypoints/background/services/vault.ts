/**
 * The decrypted vault while unlocked: every item in memory, indexed for search. Built from the
 * IndexedDB ciphertext at unlock, kept current by local edits and by sync, and dropped on lock.
 * Local edits are sealed here and written, with their outbox entry, in one IDB transaction.
 */
import { openJson, randomId, sealJson } from '@/lib/crypto';
import type { VaultStore } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import { MAX_LIST } from '@/lib/messaging/limits';
import type { ItemSummary } from '@/lib/messaging/protocol';
import { safeNormalizeItem, type Item } from '@/lib/vault/item';
import { createSearchIndex } from '@/lib/vault/search';
import { hostOf } from '@/lib/vault/search-text';

/** What sealing and opening an item needs (DESIGN §2: AAD binds account, epoch and item id). */
export interface VaultContext {
  vk: Uint8Array;
  accountId: string;
  epoch: number;
}

export interface VaultService {
  load(ctx: VaultContext): Promise<{ items: number; unreadable: number }>;
  clear(): void;
  isLoaded(): boolean;
  /** A page of the list for `query` (protocol 'vault.list'). */
  list(input: { query: string; currentUrl?: string; offset?: number; limit?: number }): {
    items: ItemSummary[];
    total: number;
    matched: number;
    revision: number;
  };
  get(id: string): Item | undefined;
  save(ctx: VaultContext, input: Record<string, unknown>): Promise<Item>;
  remove(ctx: VaultContext, id: string): Promise<void>;
  restore(ctx: VaultContext, id: string): Promise<Item>;
  /** A blob the server sent (or null for a delete): decrypt and take it into the index. */
  applyRemote(ctx: VaultContext, id: string, blob: string | null): Promise<boolean>;
  /** A page of server changes; returns how many did not decrypt. Large pages update the search
   * index once, at `flushIndex`, instead of item by item (a first sync of 10,000 items). */
  applyRemotePage(
    ctx: VaultContext,
    entries: ReadonlyArray<{ id: string; blob: string | null }>,
  ): Promise<number>;
  flushIndex(): void;
  /** Seals a plaintext item for a merge result or a conflict copy. */
  seal(ctx: VaultContext, item: Item): Promise<string>;
  open(ctx: VaultContext, id: string, blob: string): Promise<Item | undefined>;
  /** Takes an already-stored item into memory (after a merge wrote it). */
  remember(item: Item): void;
  count(): number;
}

const BULK_PAGE = 50;

export function createVaultService(deps: {
  store: VaultStore;
  now?: () => number;
  /** Called after every local edit (the sync engine pushes, debounced). */
  onLocalChange?: () => void;
}): VaultService {
  const now = deps.now ?? Date.now;
  const items = new Map<string, Item>();
  /** Deleted items kept for "undo" while unlocked: plaintext, so memory only. */
  const recentlyDeleted = new Map<string, Item>();
  let index = createSearchIndex();
  let loaded = false;
  /** Items changed in bulk since the index was built: rebuilt once by flushIndex. */
  let indexStale = false;
  /** Bumped whenever what a list shows may have changed, so the popup can tell if its pages fit. */
  let revision = 0;
  /** The last whole list, so the popup's later pages cost a slice rather than a search each. */
  let lastList:
    | { query: string; currentUrl?: string; revision: number; ids: string[]; onSite: Set<string> }
    | undefined;

  function changed() {
    revision += 1;
    lastList = undefined;
  }

  /** Every id the list for `query` shows, in order, with this site's first (lib/vault/search). */
  function wholeList(query: string, currentUrl: string | undefined) {
    const last = lastList;
    if (last?.query === query && last.currentUrl === currentUrl && last.revision === revision) {
      return last;
    }
    // Between a bulk page and flushIndex the index may name items already gone: leave them out
    // here, so `matched` and the offsets of later pages count only rows that exist.
    const ids = index.search(query, { currentUrl, limit: MAX_LIST }).filter((id) => items.has(id));
    const onSite = new Set(currentUrl ? index.onSite(currentUrl) : []);
    lastList = { query, currentUrl, revision, ids, onSite };
    return lastList;
  }

  async function open(ctx: VaultContext, id: string, blob: string): Promise<Item | undefined> {
    try {
      const value = await openJson({ ...ctx, itemId: id, blob });
      const item = safeNormalizeItem(value);
      return item && item.id === id ? item : undefined;
    } catch {
      // Tampered or from another account/epoch: never shown, never a crash (DESIGN §2).
      return undefined;
    }
  }

  function remember(item: Item) {
    items.set(item.id, item);
    index.upsert(item);
    changed();
  }

  function forget(id: string) {
    items.delete(id);
    index.remove(id);
    changed();
  }

  /** Only the fields a row shows, and no undefined keys: structured cloning to the popup pays for
   * every key, and with 10,000 items every byte counts even when they come in pages. */
  function summary(item: Item, onSite: boolean): ItemSummary {
    const row: ItemSummary = {
      id: item.id,
      type: item.type,
      title: item.title,
      favorite: item.favorite,
    };
    if (item.type === 'login') {
      if (item.username) row.username = item.username;
      const first = item.urls[0]?.url;
      const host = first ? hostOf(first) : undefined;
      if (host) row.host = host;
    }
    if (item.conflictOf) row.conflictOf = item.conflictOf;
    if (onSite) row.onSite = true;
    return row;
  }

  async function seal(ctx: VaultContext, item: Item): Promise<string> {
    return sealJson({ ...ctx, itemId: item.id, value: item });
  }

  async function writeLocal(ctx: VaultContext, item: Item): Promise<Item> {
    await deps.store.saveLocal({ id: item.id, blob: await seal(ctx, item) });
    remember(item);
    deps.onLocalChange?.();
    return item;
  }

  return {
    async load(ctx) {
      const stored = await deps.store.listItems();
      items.clear();
      index = createSearchIndex();
      let unreadable = 0;
      const opened: Item[] = [];
      for (const record of stored) {
        if (record.deleted || !record.blob) continue;
        const item = await open(ctx, record.id, record.blob);
        if (item) opened.push(item);
        else unreadable += 1;
      }
      for (const item of opened) items.set(item.id, item);
      index.build(opened);
      loaded = true;
      changed();
      return { items: opened.length, unreadable };
    },
    clear() {
      items.clear();
      recentlyDeleted.clear();
      index = createSearchIndex();
      loaded = false;
      changed();
    },
    isLoaded: () => loaded,
    list({ query, currentUrl, offset = 0, limit = MAX_LIST }) {
      const { ids, onSite } = wholeList(query, currentUrl);
      return {
        items: ids
          .slice(offset, offset + limit)
          .map((id) => summary(items.get(id) as Item, onSite.has(id))),
        total: items.size,
        matched: ids.length,
        revision,
      };
    },
    get: (id) => items.get(id),
    async save(ctx, input) {
      const id = typeof input.id === 'string' && input.id ? input.id : randomId();
      const existing = items.get(id);
      const at = now();
      const item = safeNormalizeItem({
        ...input,
        id,
        createdAt:
          existing?.createdAt ?? (typeof input.createdAt === 'number' ? input.createdAt : at),
        updatedAt: at,
      });
      if (!item) throw new ProtocolError('invalid-item', 'The item is not valid.');
      return writeLocal(ctx, item);
    },
    async remove(_ctx, id) {
      const item = items.get(id);
      if (!item) throw new ProtocolError('not-found', 'No such item.');
      await deps.store.deleteLocal(id);
      recentlyDeleted.set(id, item);
      forget(id);
      deps.onLocalChange?.();
    },
    async restore(ctx, id) {
      const item = recentlyDeleted.get(id);
      if (!item) throw new ProtocolError('not-found', 'That item can no longer be restored.');
      recentlyDeleted.delete(id);
      return writeLocal(ctx, { ...item, updatedAt: now() });
    },
    async applyRemote(ctx, id, blob) {
      if (blob === null) {
        forget(id);
        return true;
      }
      const item = await open(ctx, id, blob);
      if (!item) return false;
      remember(item);
      return true;
    },
    async applyRemotePage(ctx, entries) {
      if (entries.length < BULK_PAGE) {
        let unreadable = 0;
        for (const { id, blob } of entries) {
          if (!(await this.applyRemote(ctx, id, blob))) unreadable += 1;
        }
        return unreadable;
      }
      const opened = await Promise.all(
        entries.map(({ id, blob }) => (blob === null ? null : open(ctx, id, blob))),
      );
      let unreadable = 0;
      entries.forEach(({ id, blob }, i) => {
        const item = opened[i];
        if (blob === null) items.delete(id);
        else if (item) items.set(id, item);
        else unreadable += 1;
      });
      indexStale = true;
      changed();
      return unreadable;
    },
    flushIndex() {
      if (!indexStale) return;
      index = createSearchIndex();
      index.build(items.values());
      indexStale = false;
      changed();
    },
    seal,
    open,
    remember,
    count: () => items.size,
  };
}
