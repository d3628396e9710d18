/**
 * "Never for this site": never offer to save a login there, never show the inline menu there.
 * Kept in the vault's hidden site-preferences record (lib/vault/site-prefs.ts), so the lists are
 * encrypted, sync to every device and merge as sets; a site is its registrable domain (siteOf).
 *
 * The lists live in the vault, so while it is locked nothing is known: `isNeverSave` and
 * `isNeverMenu` answer false then (a locked vault neither saves nor lists logins anyway).
 */
import { siteOf } from '@/lib/autofill/origin';
import { ProtocolError } from '@/lib/messaging/errors';
import type { SitePrefsList } from '@/lib/messaging/site-prefs';
import type { VaultContext } from '@/lib/vault/context';
import { SITE_PREFS_ID, type SitePrefsItem } from '@/lib/vault/item';
import {
  emptySitePrefs,
  mergeSitePrefs,
  sitePrefsFit,
  sitesOf,
  withSite,
  withoutSite,
  type SitePrefKind,
} from '@/lib/vault/site-prefs';
import type { VaultService } from './vault';

export type { SitePrefKind } from '@/lib/vault/site-prefs';

export type { SitePrefsList };

export interface SitePrefsService {
  /** Adds `url`'s site to the never-save list. */
  neverSave(url: string): Promise<void>;
  /** Adds `url`'s site to the never-show-the-inline-menu list. */
  neverMenu(url: string): Promise<void>;
  isNeverSave(url: string): boolean;
  isNeverMenu(url: string): boolean;
  /** Both lists, sorted by site; empty while locked. */
  list(): SitePrefsList;
  /** Takes `site` (as `list` names it) off one list; no-op if it is not there. */
  remove(kind: SitePrefKind, site: string): Promise<void>;
  /**
   * Adds every site of `record`, the lists of a vault from before a reset (kept-aside.ts), to
   * this vault's: a union, as the two share no history a removal could be read from.
   */
  mergeIn(record: SitePrefsItem): Promise<void>;
}

/** The site a "never" is about: the registrable domain (an IP or localhost: the host). */
export function siteKey(url: string): string | undefined {
  return siteOf(url)?.domain;
}

export function createSitePrefsService(deps: {
  vault: Pick<VaultService, 'hidden' | 'saveHidden'>;
  unlocked: () => Promise<VaultContext>;
  now?: () => number;
}): SitePrefsService {
  const now = deps.now ?? Date.now;
  const record = () => deps.vault.hidden(SITE_PREFS_ID);
  /** Each change reads, edits and writes the one record: one at a time, or one of two is lost. */
  let writes: Promise<unknown> = Promise.resolve();

  function change(edit: (current: SitePrefsItem, at: number) => SitePrefsItem): Promise<void> {
    const run = writes.then(async () => {
      const ctx = await deps.unlocked();
      const current = record() ?? emptySitePrefs(now());
      const next = edit(current, now());
      if (next === current) return;
      if (!sitePrefsFit(next)) {
        throw new ProtocolError('invalid-item', 'The list of sites is full: remove some first.');
      }
      await deps.vault.saveHidden(ctx, next);
    });
    writes = run.catch(() => undefined);
    return run;
  }

  function add(kind: SitePrefKind, url: string) {
    const site = siteKey(url);
    if (!site) return Promise.reject(new ProtocolError('invalid-item', 'Not a web site.'));
    return change((current, at) => withSite(current, kind, site, at));
  }

  function has(kind: SitePrefKind, url: string) {
    const site = siteKey(url);
    return site !== undefined && sitesOf(record(), kind).some((entry) => entry.site === site);
  }

  return {
    neverSave: (url) => add('never-save', url),
    neverMenu: (url) => add('never-menu', url),
    isNeverSave: (url) => has('never-save', url),
    isNeverMenu: (url) => has('never-menu', url),
    list: () => ({
      neverSave: sitesOf(record(), 'never-save'),
      neverMenu: sitesOf(record(), 'never-menu'),
    }),
    remove: (kind, site) =>
      change((current) =>
        sitesOf(current, kind).some((entry) => entry.site === site)
          ? withoutSite(current, kind, site)
          : current,
      ),
    mergeIn: (record) => change((current) => mergeSitePrefs(undefined, current, record)),
  };
}
