/** The popup's side of the vault: the tab it was opened on, the list, copying secrets. */
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { send } from '@/lib/messaging/client';
import type { ItemSummary } from '@/lib/messaging/protocol';

/** The search text and the highlighted row, kept while the popup moves between views. */
export const vaultQuery = signal('');
export const vaultActive = signal(0);

let activeTabUrl: Promise<string | undefined> | undefined;

/** The URL of the tab under the popup (readable thanks to `activeTab`), asked once per popup. */
export function currentTabUrl(): Promise<string | undefined> {
  activeTabUrl ??= browser.tabs
    .query({ active: true, currentWindow: true })
    .then(([tab]) => (tab?.url && /^https?:/.test(tab.url) ? tab.url : undefined))
    .catch(() => undefined);
  return activeTabUrl;
}

type ListReply = { items: ItemSummary[]; total: number };
let prefetched: Promise<ListReply> | undefined;

/**
 * Asks for the whole list as the popup starts, alongside `app.status`, instead of after it: most
 * opens are on an unlocked vault, and this saves a round trip before the list shows. On a locked
 * vault the background refuses it, and nobody asks for the answer.
 */
export function prefetchList(): void {
  prefetched = fetchList('');
  prefetched.catch(() => undefined);
}

/** The items matching `query`, this site's logins first, otherwise in the background's order. */
export function listItems(query: string): Promise<ListReply> {
  const early = query === '' ? prefetched : undefined;
  prefetched = undefined;
  return early ? early.catch(() => fetchList(query)) : fetchList(query);
}

async function fetchList(query: string): Promise<ListReply> {
  const currentUrl = await currentTabUrl();
  const reply = await send('vault.list', { query, ...(currentUrl ? { currentUrl } : {}) });
  const onSite = reply.items.filter((item) => item.onSite);
  if (onSite.length === 0 || onSite.length === reply.items.length) return reply;
  return { items: [...onSite, ...reply.items.filter((item) => !item.onSite)], total: reply.total };
}

export type CopyField = 'username' | 'password';

/**
 * Copies one field of an item and asks the background to clear the clipboard later if it still
 * holds that value. Returns the number of seconds until then.
 */
export async function copyField(id: string, field: CopyField): Promise<number> {
  const item = await send('vault.get', { id });
  const value = item.type === 'login' ? item[field] : '';
  await copyText(value);
  return secondsUntilCleared(value);
}

export async function copyText(value: string): Promise<void> {
  await navigator.clipboard.writeText(value);
}

export async function secondsUntilCleared(value: string): Promise<number> {
  const { clearAt } = await send('clipboard.clearLater', { value });
  return Math.max(1, Math.round((clearAt - Date.now()) / 1000));
}
