/**
 * The "never for this site" lists (never offer to save, never show the inline menu), kept in the
 * vault's one hidden site-preferences record (item.ts) so they are encrypted and sync like items.
 *
 * Two devices editing the lists must both win, and a removal must stick: the record merges as
 * two sets with the three-way rule per site (sync keeps the last agreed copy as the base, see
 * lib/sync/resolve.ts): a site added on either side is in, a site of the base that either side
 * removed is out. The base does what tombstones would, so the record never carries removed sites.
 * Without a base (both devices made the record before either synced) the union: nothing is lost.
 * It never ends as a conflict: a visible conflict copy of a hidden record would be a lost one.
 */
import {
  ITEM_LIMITS,
  itemJsonBytes,
  MAX_ITEM_JSON_BYTES,
  SITE_PREFS_ID,
  type SitePrefEntry,
  type SitePrefsItem,
} from './item';

export type SitePrefKind = 'never-save' | 'never-menu';

const FIELD = { 'never-save': 'neverSave', 'never-menu': 'neverMenu' } as const;

export function sitesOf(record: SitePrefsItem | undefined, kind: SitePrefKind): SitePrefEntry[] {
  return record?.[FIELD[kind]] ?? [];
}

/** The record a vault starts with, before its first "never". */
export function emptySitePrefs(now: number): SitePrefsItem {
  return {
    id: SITE_PREFS_ID,
    type: 'site-prefs',
    createdAt: now,
    updatedAt: now,
    title: '',
    notes: '',
    favorite: false,
    revision: 0,
    neverSave: [],
    neverMenu: [],
  };
}

const bySite = (a: SitePrefEntry, b: SitePrefEntry) =>
  a.site < b.site ? -1 : a.site > b.site ? 1 : 0;

/** `site` added to the `kind` list (unchanged if it is there already). */
export function withSite(
  record: SitePrefsItem,
  kind: SitePrefKind,
  site: string,
  at: number,
): SitePrefsItem {
  const list = record[FIELD[kind]];
  if (list.some((entry) => entry.site === site)) return record;
  return { ...record, [FIELD[kind]]: [...list, { site, addedAt: at }].sort(bySite) };
}

export function withoutSite(
  record: SitePrefsItem,
  kind: SitePrefKind,
  site: string,
): SitePrefsItem {
  const list = record[FIELD[kind]];
  return { ...record, [FIELD[kind]]: list.filter((entry) => entry.site !== site) };
}

/** True when the record is within the list and size limits of item.ts. */
export function sitePrefsFit(record: SitePrefsItem): boolean {
  return (
    record.neverSave.length <= ITEM_LIMITS.sitePrefs &&
    record.neverMenu.length <= ITEM_LIMITS.sitePrefs &&
    itemJsonBytes(record) <= MAX_ITEM_JSON_BYTES
  );
}

/** The three-way merge of the record (see the top of this file); `base` undefined: a union. */
export function mergeSitePrefs(
  base: SitePrefsItem | undefined,
  local: SitePrefsItem,
  remote: SitePrefsItem,
): SitePrefsItem {
  const merged: SitePrefsItem = {
    // Fields a newer version may add ride along; this device's copy wins where both have one.
    ...remote,
    ...local,
    updatedAt: Math.max(local.updatedAt, remote.updatedAt),
    neverSave: mergeList(base?.neverSave, local.neverSave, remote.neverSave),
    neverMenu: mergeList(base?.neverMenu, local.neverMenu, remote.neverMenu),
  };
  return fitSitePrefs(merged);
}

function mergeList(
  base: readonly SitePrefEntry[] | undefined,
  local: readonly SitePrefEntry[],
  remote: readonly SitePrefEntry[],
): SitePrefEntry[] {
  const inBase = new Set(base?.map((entry) => entry.site));
  const l = new Map(local.map((entry) => [entry.site, entry]));
  const r = new Map(remote.map((entry) => [entry.site, entry]));
  const result: SitePrefEntry[] = [];
  for (const site of new Set([...l.keys(), ...r.keys()])) {
    const mine = l.get(site);
    const theirs = r.get(site);
    if (mine && theirs) {
      result.push(mine.addedAt <= theirs.addedAt ? mine : theirs); // the first "never" said
    } else if (!inBase.has(site)) {
      result.push((mine ?? theirs)!); // added on one side
    } // else: in the base, removed on the other side
  }
  return result.sort(bySite);
}

/**
 * Two devices' additions together may pass the limits; the oldest entries give way rather than
 * the merge failing (which would leave the record stuck in the outbox). Realistic lists are far
 * from it: 300 sites of 20 characters each take about a third of the size limit.
 */
function fitSitePrefs(record: SitePrefsItem): SitePrefsItem {
  let fitted = record;
  while (!sitePrefsFit(fitted)) {
    const save = oldest(fitted.neverSave);
    const menu = oldest(fitted.neverMenu);
    if (!save && !menu) return fitted;
    // The list over its count first; over the size limit only, the oldest of either.
    const kind: SitePrefKind =
      fitted.neverSave.length > ITEM_LIMITS.sitePrefs
        ? 'never-save'
        : fitted.neverMenu.length > ITEM_LIMITS.sitePrefs || !save
          ? 'never-menu'
          : !menu || save.addedAt <= menu.addedAt
            ? 'never-save'
            : 'never-menu';
    fitted = withoutSite(fitted, kind, (kind === 'never-save' ? save : menu)!.site);
  }
  return fitted;
}

function oldest(list: readonly SitePrefEntry[]): SitePrefEntry | undefined {
  let found: SitePrefEntry | undefined;
  for (const entry of list) if (!found || entry.addedAt < found.addedAt) found = entry;
  return found;
}
