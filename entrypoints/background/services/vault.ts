/**
 * The decrypted vault while unlocked: every item in memory, indexed for search. Built from the
 * IndexedDB ciphertext at unlock, kept current by local edits and by sync, and dropped on lock.
 * Local edits are sealed here and written, with their outbox entry, in one IDB transaction.
 *
 * The memory belongs to one unlock: every change to it names the VaultContext it was made for,
 * and a change for a context that is no longer the loaded one (work that outlived a lock) is
 * dropped, so no plaintext comes back into memory after `clear()` (issue 9).
 */
import { EQUIVALENT_DOMAINS } from '@/lib/autofill/origin';
import { randomId, sealJson } from '@/lib/crypto';
import type { VaultStore } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import { MAX_LIST } from '@/lib/messaging/limits';
import type { ItemSummary } from '@/lib/messaging/protocol';
import type { Opened } from '@/lib/sync/types';
import type { VaultContext } from '@/lib/vault/context';
import type { VaultService } from './vault-service';
import { asSearchable, open } from './vault-open';
import { summaryOf } from './vault-rows';
import { relatedSiteLogins, siteLogins, suggestionsAfterSite } from './vault-sites';
import {
  isHiddenItem,
  safeNormalizeItem,
  type Item,
  type SitePrefsItem,
  type VisibleItem,
} from '@/lib/vault/item';
import { fitHistory, historyAfterSave } from '@/lib/vault/password-history';
import { editOverNewer } from '@/lib/vault/merge-edit';
import { sealedTombstone } from '@/lib/vault/sealed';
import { createSearchIndex } from '@/lib/vault/search';

export type { VaultContext } from '@/lib/vault/context';
export type { VaultService } from './vault-service';
const BULK_PAGE = 50;

export function createVaultService(deps: {
  store: VaultStore;
  now?: () => number;
  /** Called after every local edit (the sync engine pushes, debounced). */
  onLocalChange?: () => void;
  /** Called whenever what the list shows changed (the popup follows, the snapshot is redrawn). */
  onChanged?: () => void;
  /** Groups of sites that share accounts: the built-in ones and the user's (Settings). */
  equivalents?: () => readonly (readonly string[])[];
}): VaultService {
  const now = deps.now ?? Date.now;
  const items = new Map<string, VisibleItem>();
  /** The vault's own records: kept out of `items`, so no list, search, count or badge sees them. */
  const hiddenRecords = new Map<string, SitePrefsItem>();
  /** Items of a type this version does not know: their title only, for the list. */
  const newer = new Map<string, { title: string }>();
  /** Deleted items kept for "undo" while unlocked, with the revision their tombstone carries. */
  const recentlyDeleted = new Map<string, { item: Item; revision: number }>();
  let index = createSearchIndex();
  /** The unlock the memory belongs to; undefined while locked. */
  let loaded: VaultContext | undefined;
  /** Items changed in bulk since the index was built: rebuilt once by flushIndex. */
  let indexStale = false;
  /** Bumped whenever what a list shows may have changed, so the popup can tell if its pages fit. */
  let revision = 0;
  /** The last whole list, so the popup's later pages cost a slice rather than a search each. */
  let lastList:
    | {
        query: string;
        currentUrl?: string;
        revision: number;
        ids: string[];
        onSite: Set<string>;
        suggested: Set<string>;
      }
    | undefined;

  function changed() {
    revision += 1;
    lastList = undefined;
    deps.onChanged?.();
  }

  const current = (ctx: VaultContext) => loaded === ctx;

  /** Every id the list for `query` shows, in order, with this site's first (lib/vault/search). */
  function wholeList(query: string, currentUrl: string | undefined) {
    const last = lastList;
    if (last?.query === query && last.currentUrl === currentUrl && last.revision === revision) {
      return last;
    }
    // Between a bulk page and flushIndex the index may name items already gone: leave them out
    // here, so `matched` and the offsets of later pages count only rows that exist.
    const found = index
      .search(query, { currentUrl, limit: MAX_LIST })
      .filter((id) => items.has(id) || newer.has(id));
    const onSite = new Set(currentUrl ? loginsOnSite(currentUrl) : []);
    const suggested = new Set(currentUrl ? suggestionsFor(currentUrl) : []);
    const ids = query ? found : suggestionsAfterSite(found, onSite, suggested);
    lastList = { query, currentUrl, revision, ids, onSite, suggested };
    return lastList;
  }

  const loginsOnSite = (url: string) => siteLogins(index, items, url);
  const suggestionsFor = (url: string) =>
    relatedSiteLogins(index, items, url, deps.equivalents?.() ?? EQUIVALENT_DOMAINS);

  /** Puts one opened version into the maps; the index follows now or at flushIndex. */
  function place(id: string, opened: Opened, indexNow: boolean) {
    items.delete(id);
    newer.delete(id);
    hiddenRecords.delete(id);
    const item = opened.kind === 'item' ? opened.item : undefined;
    if (item && isHiddenItem(item)) {
      hiddenRecords.set(id, item);
      if (indexNow) index.remove(id);
      return;
    }
    if (item) items.set(id, item);
    if (opened.kind === 'newer') newer.set(id, { title: opened.title });
    if (!indexNow) return;
    if (item) index.upsert(item);
    else if (opened.kind === 'newer') index.upsert(asSearchable(id, opened.title));
    else index.remove(id);
  }

  function remember(ctx: VaultContext, item: Item) {
    if (!current(ctx)) return;
    place(item.id, { kind: 'item', item, revision: item.revision }, true);
    changed();
  }

  const summary = (id: string, onSite: boolean, suggested = false): ItemSummary =>
    summaryOf(id, items.get(id), newer.get(id)?.title, { onSite, suggested });

  const seal = (ctx: VaultContext, item: Item) =>
    sealJson({ ...ctx, itemId: item.id, value: item });

  async function writeLocal(ctx: VaultContext, item: Item): Promise<Item> {
    const blob = await seal(ctx, item);
    await deps.store.saveLocal({ id: item.id, blob, revision: item.revision });
    remember(ctx, item);
    deps.onLocalChange?.();
    return item;
  }

  function refuseNewer(id: string) {
    if (newer.has(id)) {
      throw new ProtocolError(
        'newer-version',
        'A newer version of Cassaforte made this item. Update Cassaforte to change it.',
      );
    }
  }

  return {
    async load(ctx) {
      loaded = ctx;
      items.clear();
      newer.clear();
      hiddenRecords.clear();
      index = createSearchIndex();
      const stored = await deps.store.listItems();
      let unreadable = 0;
      const opened: Array<[string, Opened]> = [];
      for (const record of stored) {
        if (record.deleted || !record.blob) continue;
        opened.push([record.id, await open(ctx, record.id, record.blob)]);
        if (!current(ctx)) return { items: 0, unreadable: 0 }; // locked while loading
      }
      for (const [id, version] of opened) {
        if (version.kind === 'unreadable') unreadable += 1;
        else place(id, version, false);
      }
      index.build([
        ...items.values(),
        ...[...newer].map(([id, { title }]) => asSearchable(id, title)),
      ]);
      indexStale = false;
      changed();
      return { items: items.size, unreadable };
    },
    clear() {
      loaded = undefined;
      items.clear();
      newer.clear();
      hiddenRecords.clear();
      recentlyDeleted.clear();
      index = createSearchIndex();
      indexStale = false;
      changed();
    },
    isLoaded: () => loaded !== undefined,
    list({ query, currentUrl, offset = 0, limit = MAX_LIST }) {
      const { ids, onSite, suggested } = wholeList(query, currentUrl);
      return {
        items: ids
          .slice(offset, offset + limit)
          .map((id) => summary(id, onSite.has(id), suggested.has(id))),
        total: items.size + newer.size,
        matched: ids.length,
        revision,
      };
    },
    get: (id) => items.get(id),
    visibleItems: () => [...items.values()],
    hidden: (id) => hiddenRecords.get(id),
    async saveHidden(ctx, record) {
      const existing = hiddenRecords.get(record.id);
      const at = now();
      const item = safeNormalizeItem({
        ...record,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
        revision: Math.max(existing?.revision ?? 0, record.revision) + 1,
      });
      if (!item || !isHiddenItem(item)) {
        throw new ProtocolError('invalid-item', 'The record is not valid.');
      }
      const blob = await seal(ctx, item);
      await deps.store.saveLocal({ id: item.id, blob, revision: item.revision });
      // Not `remember`: the list did not change, so neither the popup nor the snapshot redraws.
      if (current(ctx)) place(item.id, { kind: 'item', item, revision: item.revision }, true);
      deps.onLocalChange?.();
      return item;
    },
    isNewer: (id) => newer.has(id),
    titleOf: (id) => items.get(id)?.title ?? newer.get(id)?.title,
    async save(ctx, form, base) {
      const id = typeof form.id === 'string' && form.id ? form.id : randomId();
      refuseNewer(id);
      // The hidden records have their own door (saveHidden): an item form cannot overwrite one.
      if (form.type === 'site-prefs' || hiddenRecords.has(id)) {
        throw new ProtocolError('invalid-item', 'The item is not valid.');
      }
      const existing = items.get(id);
      const input = editOverNewer(form, base, existing);
      const at = now();
      // A history too large for the item's size limit loses its oldest entries, not the save.
      const item = safeNormalizeItem(
        fitHistory({
          ...input,
          ...historyAfterSave(existing, input, at),
          id,
          createdAt:
            existing?.createdAt ?? (typeof input.createdAt === 'number' ? input.createdAt : at),
          updatedAt: at,
          // Raised by every edit; what the page sent is not trusted for it (DESIGN §4).
          revision: (existing?.revision ?? 0) + 1,
        }),
      );
      if (!item || isHiddenItem(item))
        throw new ProtocolError('invalid-item', 'The item is not valid.');
      return writeLocal(ctx, item);
    },
    async remove(ctx, id) {
      refuseNewer(id);
      const item = items.get(id);
      if (!item) throw new ProtocolError('not-found', 'No such item.');
      const tombstone = item.revision + 1;
      await deps.store.deleteLocal(id, tombstone);
      if (!current(ctx)) return;
      recentlyDeleted.set(id, { item, revision: tombstone });
      place(id, { kind: 'tombstone', revision: tombstone }, true);
      changed();
      deps.onLocalChange?.();
    },
    async restore(ctx, id) {
      const deleted = recentlyDeleted.get(id);
      if (!deleted) throw new ProtocolError('not-found', 'That item can no longer be restored.');
      recentlyDeleted.delete(id);
      return writeLocal(ctx, { ...deleted.item, updatedAt: now(), revision: deleted.revision + 1 });
    },
    open,
    seal,
    async sealTombstone(ctx, id, tombstoneRevision) {
      return sealJson({ ...ctx, itemId: id, value: sealedTombstone(id, tombstoneRevision) });
    },
    took(ctx, taken) {
      if (!current(ctx) || taken.length === 0) return;
      const bulk = taken.length >= BULK_PAGE;
      for (const { id, opened } of taken) place(id, opened, !bulk);
      if (!bulk) return changed();
      // The list keeps its old rows until the index is rebuilt at flushIndex, which announces
      // the change: announcing every page of a first sync made an open popup fetch the whole
      // list again and again while the worker was busy decrypting (bench/vault.ts).
      indexStale = true;
      lastList = undefined;
    },
    flushIndex(ctx) {
      if (!indexStale || !current(ctx)) return;
      index = createSearchIndex();
      index.build([
        ...items.values(),
        ...[...newer].map(([id, { title }]) => asSearchable(id, title)),
      ]);
      indexStale = false;
      changed();
    },
    count: () => items.size + newer.size,
    revision: () => revision,
  };
}
