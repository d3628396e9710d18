/** The popup's side of the vault: the tab it was opened on, the list, copying secrets. */
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { send } from '@/lib/messaging/client';
import { MAX_LIST } from '@/lib/messaging/limits';
import type { ItemSummary } from '@/lib/messaging/protocol';
import { rowsFor, snapshot } from './snapshot';

/** The search text and the highlighted row, kept while the popup moves between views. */
export const vaultQuery = signal('');
export const vaultActive = signal(0);

let activeTab: Promise<{ id?: number; url?: string } | undefined> | undefined;

/**
 * The tab this popup works on: the one it was opened for when it runs in a window of its own
 * (`popup.html?tab=N`, where the fill shortcut opens it when the toolbar popup cannot open),
 * otherwise the active tab under it.
 */
export function targetTabId(search = globalThis.location?.search ?? ''): number | undefined {
  // Without `?tab=` this is the toolbar popup: `Number(null)` would be 0, a tab that never exists.
  const text = new URLSearchParams(search).get('tab');
  if (text === null || !/^\d+$/.test(text)) return undefined;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : undefined;
}

/**
 * The tab under the popup, asked once per popup: its id, and its URL when the browser lets us
 * read it (`activeTab`, granted by the click on the toolbar button).
 */
export function currentTab(): Promise<{ id?: number; url?: string } | undefined> {
  const id = targetTabId();
  activeTab ??= (
    id === undefined
      ? browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab)
      : browser.tabs.get(id)
  )
    .then((tab) => (tab ? { id: tab.id, url: tab.url } : undefined))
    .catch(() => undefined);
  return activeTab;
}

/** The URL of the tab under the popup, if it is a web page. */
export function currentTabUrl(): Promise<string | undefined> {
  return currentTab().then((tab) => (tab?.url && /^https?:/.test(tab.url) ? tab.url : undefined));
}

/** One 'vault.list' reply: a page of the list. */
export type ListPage = { items: ItemSummary[]; total: number; matched: number; revision: number };

/** The list as far as it has arrived. */
export interface ListView {
  /** The first rows of the list, in order; grows to `matched`. */
  items: ItemSummary[];
  /** How many rows the whole list has: the count shown, and the list's height. */
  matched: number;
  /** Items in the vault. */
  total: number;
  complete: boolean;
  /** The vault revision the rows belong to (a notice with another one means: load again). */
  revision: number;
}

/**
 * The first page is what the popup shows at once (about ten rows) and some to scroll into: cloning
 * all 10,000 summaries out of the service worker cost ~55 ms before the list could paint.
 */
export const FIRST_PAGE = 100;
/** Later pages: few round trips, and no single reply holds the popup's thread for long. */
export const NEXT_PAGE = 2_500;
/** Pages that no longer fit (the vault changed meanwhile) start the list over this often. */
const RESTARTS = 2;

let prefetched: Promise<ListPage> | undefined;

/**
 * Asks for the first page of the list as the popup starts, alongside `app.status`, instead of
 * after it: most opens are on an unlocked vault, and this saves a round trip before the list
 * shows. On a locked vault the background refuses it, and nobody asks for the answer.
 */
export function prefetchList(): void {
  prefetched = fetchPage('', 0, FIRST_PAGE);
  prefetched.catch(() => undefined);
}

/**
 * Loads the items matching `query`, this site's logins first (the background's order), page by
 * page; `show` gets the first page once it is painted-ready, then the growing list, last the whole.
 * With `partial: false` it gets only the whole list (a refresh of a list already on screen).
 */
export async function listItems(
  query: string,
  show: (view: ListView) => void,
  options: { signal?: AbortSignal; partial?: boolean } = {},
): Promise<void> {
  const early = query === '' ? prefetched : undefined;
  prefetched = undefined;
  const fetch = (offset: number, limit: number) => fetchPage(query, offset, limit);
  const first = early?.catch(() => fetch(0, FIRST_PAGE));
  if (first && options.partial !== false) {
    // The first open of the list: whichever comes first, the worker's first page or the
    // snapshot (a stopped worker takes a while). The worker's list replaces the snapshot whole.
    const saved = await Promise.race([
      first.then(() => undefined),
      Promise.all([snapshot(), currentTabUrl()]).then(([s, url]) => s && { s, url }),
    ]);
    if (saved && !options.signal?.aborted) {
      const rows = rowsFor(saved.s.rows, saved.url);
      // Revision -1: no notice ever matches it, so any change reloads the list.
      show({
        items: rows,
        matched: rows.length,
        total: saved.s.total,
        complete: true,
        revision: -1,
      });
      return pageThrough(fetch, show, { ...options, partial: false, first });
    }
  }
  return pageThrough(fetch, show, { ...options, first });
}

/**
 * The paging itself, apart from messaging so it can be tested. Asks for the first page, shows it,
 * waits until it is painted, then asks for the rest in pages, showing each. Every page must carry
 * the first one's `revision`; if one does not, the vault changed under the list and it starts over
 * without showing partial lists (the one on screen stays until the new one is whole), and after
 * `RESTARTS` tries takes the whole list in one reply, which is always consistent.
 */
export async function pageThrough(
  fetch: (offset: number, limit: number) => Promise<ListPage>,
  show: (view: ListView) => void,
  options: {
    signal?: AbortSignal;
    partial?: boolean;
    /** The first page, already asked for. */
    first?: Promise<ListPage>;
    /** Resolves once what `show` was given is on screen. */
    painted?: () => Promise<void>;
  } = {},
): Promise<void> {
  const { signal, painted = afterPaint } = options;
  let partial = options.partial ?? true;
  let first = options.first;
  for (let attempt = 0; attempt <= RESTARTS; attempt++) {
    const head = await (first ?? fetch(0, FIRST_PAGE));
    first = undefined;
    if (signal?.aborted) return;
    let items = head.items;
    const view = (complete: boolean): ListView => ({
      items,
      matched: head.matched,
      total: head.total,
      complete,
      revision: head.revision,
    });
    if (items.length >= head.matched) return show(view(true));
    if (partial) {
      show(view(false));
      await painted();
    }
    while (items.length < head.matched) {
      if (signal?.aborted) return;
      const page = await fetch(items.length, NEXT_PAGE);
      if (signal?.aborted) return;
      if (page.revision !== head.revision || page.items.length === 0) break;
      items = items.concat(page.items);
      if (partial && items.length < head.matched) show(view(false));
    }
    if (items.length >= head.matched) return show(view(true));
    partial = false;
  }
  const whole = await fetch(0, MAX_LIST);
  if (signal?.aborted) return;
  show({
    items: whole.items,
    matched: whole.items.length,
    total: whole.total,
    complete: true,
    revision: whole.revision,
  });
}

/**
 * After the next frame is painted, the way Preact times effects (and like it, at most 100 ms when
 * no frame comes, as in a hidden page): the rest of the list waits behind the first paint.
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timeout);
      cancelAnimationFrame(frame);
      setTimeout(resolve);
    };
    const timeout = setTimeout(done, 100);
    const frame = requestAnimationFrame(done);
  });
}

async function fetchPage(query: string, offset: number, limit: number): Promise<ListPage> {
  const currentUrl = await currentTabUrl();
  return send('vault.list', { query, offset, limit, ...(currentUrl ? { currentUrl } : {}) });
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
