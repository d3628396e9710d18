/** What the vault in memory offers the rest of the background (services/vault.ts makes it). */
import type { ItemSummary } from '@/lib/messaging/protocol';
import type { SyncVault } from '@/lib/sync/types';
import type { VaultContext } from '@/lib/vault/context';
import type { Item, SitePrefsItem, VisibleItem } from '@/lib/vault/item';

export interface VaultService extends SyncVault {
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
  /** A visible item (never one of the vault's hidden records). */
  get(id: string): VisibleItem | undefined;
  /** Every visible item, for matching an import against the vault (never sent to a page). */
  visibleItems(): VisibleItem[];
  /** One of the vault's own records (the site preferences), synced but never listed. */
  hidden(id: string): SitePrefsItem | undefined;
  /** Seals a hidden record, raising its inner revision, and queues it for sync like an item. */
  saveHidden(ctx: VaultContext, record: SitePrefsItem): Promise<SitePrefsItem>;
  /** An item a newer version wrote: shown, never edited here. */
  isNewer(id: string): boolean;
  /** The title of the copy in memory (the last good one), for reports. */
  titleOf(id: string): string | undefined;
  /**
   * `base`: the item as the editor's form opened it; if the item changed since (another
   * device's edit, synced), only the fields the user changed are saved over it (merge-edit.ts).
   */
  save(
    ctx: VaultContext,
    input: Record<string, unknown>,
    base?: Record<string, unknown>,
  ): Promise<Item>;
  remove(ctx: VaultContext, id: string): Promise<void>;
  restore(ctx: VaultContext, id: string): Promise<Item>;
  count(): number;
  /** Bumped whenever what a list shows may have changed. */
  revision(): number;
}
