/**
 * Where the user allowed host access (the optional `<all_urls>`, or single sites), the always-on
 * content script runs (entrypoints/fields.ts) and says which frames have login fields;
 * the toolbar badge of that tab then shows how many logins match, while unlocked. Without host
 * access nothing is registered and nothing runs in pages: filling on the user's gesture works all
 * the same (activeTab).
 */
import { browser } from 'wxt/browser';
import { getStored, setStored } from '@/lib/storage/store';
import type { Sender } from '../router';
import { listenIfAvailable } from './autolock';

const SCRIPT_ID = 'fields';
const SCRIPT_FILE = '/fields.js';
/** Origins the content script may be registered for: web pages only. */
const WEB_ORIGIN = /^(<all_urls>|(\*|https?):\/\/)/;

export function createFieldsService(deps: {
  /** How many logins match `url`'s site (the same ones the popup marks "This site"). */
  matchCount: (url: string) => number;
  isUnlocked: () => boolean;
  /** The account password was typed into this tab's site (the badge says "!"). */
  warned?: (tabId: number) => boolean;
}) {
  /** Per tab, the URLs of its frames that reported login fields (by frame id). */
  const tabs = new Map<number, Map<number, string>>();
  /** What an earlier worker knew (storage.session), read once before the first use. */
  let restored: Promise<void> | undefined;
  const restore = () =>
    (restored ??= getStored('fieldTabs')
      .then((saved) => {
        for (const [tabId, frames] of Object.entries(saved ?? {})) {
          if (tabs.has(Number(tabId))) continue; // newer than what was saved
          tabs.set(Number(tabId), new Map(Object.entries(frames).map(([f, u]) => [Number(f), u])));
        }
      })
      .catch(() => undefined));
  const save = () => {
    const value = Object.fromEntries(
      [...tabs].map(([tabId, frames]) => [String(tabId), Object.fromEntries(frames)]),
    );
    void setStored('fieldTabs', value).catch(() => undefined);
  };

  async function register() {
    const { origins = [] } = await browser.permissions.getAll();
    const matches = origins.filter((origin) => WEB_ORIGIN.test(origin));
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    if (!matches.length) return;
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        js: [SCRIPT_FILE],
        matches,
        allFrames: true,
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  }

  async function showBadge(tabId: number) {
    if (deps.warned?.(tabId)) {
      await browser.action
        .setBadgeBackgroundColor({ tabId, color: '#b3261e' })
        .catch(() => undefined);
      await browser.action.setBadgeText({ tabId, text: '!' }).catch(() => undefined);
      return;
    }
    const frames = tabs.get(tabId);
    let count = 0;
    if (frames && deps.isUnlocked()) {
      // The top frame's site counts; a frame of another site adds its own matches.
      const sites = new Set(frames.values());
      for (const url of sites) count = Math.max(count, deps.matchCount(url));
    }
    await browser.action
      .setBadgeText({ tabId, text: count > 0 ? String(Math.min(count, 99)) : '' })
      .catch(() => undefined); // the tab closed meanwhile
  }

  const service = {
    showBadge,

    /** Registers the content script for the granted origins (at start and when they change). */
    async sync(): Promise<void> {
      await register().catch(() => undefined);
    },

    /** A frame's content script says whether it has login fields ('autofill.fields'). */
    async reported(sender: Sender, present: boolean): Promise<void> {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !sender.url) return;
      await restore();
      const frames = tabs.get(tabId) ?? new Map<number, string>();
      if (present) frames.set(sender.frameId ?? 0, sender.url);
      else frames.delete(sender.frameId ?? 0);
      if (frames.size) tabs.set(tabId, frames);
      else tabs.delete(tabId);
      save();
      await showBadge(tabId);
    },

    /** A tab started loading a page: the browser drops its badge, its frames report again. */
    navigated(tabId: number) {
      void restore().then(() => tabs.delete(tabId) && save());
    },

    closed(tabId: number) {
      void restore().then(() => tabs.delete(tabId) && save());
    },

    /** The vault locked or unlocked, or its items changed: every badge shows the new count. */
    async refresh(): Promise<void> {
      await restore();
      if (!deps.isUnlocked()) {
        // Every tab's, not only those this worker knows: a worker that was stopped and started
        // again (Chrome does after 30 s idle) forgot which tabs it had counted for.
        const all = await browser.tabs.query({}).catch(() => []);
        const ids = new Set([...tabs.keys(), ...all.flatMap((tab) => (tab.id ? [tab.id] : []))]);
        await Promise.all([...ids].map(showBadge));
        return;
      }
      await Promise.all([...tabs.keys()].map(showBadge));
    },

    listen() {
      const resync = () => void service.sync();
      listenIfAvailable(() => browser.permissions.onAdded, resync);
      listenIfAvailable(() => browser.permissions.onRemoved, resync);
      listenIfAvailable(
        () => browser.tabs.onUpdated,
        (tabId: number, change: { status?: string }) => {
          if (change.status === 'loading') service.navigated(tabId);
        },
      );
      listenIfAvailable(
        () => browser.tabs.onRemoved,
        (tabId: number) => service.closed(tabId),
      );
    },
  };
  return service;
}
