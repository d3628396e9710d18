/**
 * Three-way merge of one item when the server rejects a push because another device changed it
 * first (DESIGN.md §4: compare-and-swap on `baseRev`, then "merge field by field, or keep both as
 * a visible conflict — never silently drop either").
 *
 * `base` is the decrypted copy at the revision this device last synced (the sync engine keeps that
 * ciphertext next to the outbox entry), `local` is this device's pending version and `remote` the
 * server's. `null` means that side deleted the item. No per-field timestamps are needed: with a
 * base, "who changed what" is a comparison, and client clocks are never trusted for ordering.
 *
 * Rules:
 * - a field changed on one side only → that side's value; changed identically on both → it;
 *   changed differently on both → conflict.
 * - `urls` are merged per URL (keyed by the URL text), with the same rules for each URL's presence
 *   and match mode; see `mergeUrls` for why not a plain union.
 * - delete vs. edit → the edit wins: losing a password is worse than a deleted item coming back,
 *   and the user can delete it again. Delete vs. untouched → deleted. Both deleted → deleted.
 * - the item's type changed on one side and the other side edited it → conflict.
 * - no base (first sync, lost cache) → equal versions merge, anything else is a conflict.
 * - `updatedAt` (display only) takes the later of the two; it never causes a conflict.
 * - `tags` merge as a set (merge-tags.ts): both sides' additions kept, a removal honoured.
 * - `passwordHistory` is the union of both sides' (password-history.ts): nobody removes entries,
 *   so each one is a password the user once had; only the cap of ten drops the oldest.
 * - the site preferences record (site-prefs.ts) merges as sets and never conflicts, with a
 *   base or without.
 * - a merged result that fails validation (e.g. both sides' additions together exceed the size
 *   limit) is a conflict, so the caller never stores an item it could not encrypt.
 */
import { jsonEqual } from './json-equal';
import { isHiddenItem, type Item, type ItemUrl, safeNormalizeItem } from './item';
import { mergePasswordHistories } from './password-history';
import { mergeTags } from './merge-tags';
import { mergeSitePrefs } from './site-prefs';

export type MergeResult =
  /** `merged: null` means the item stays deleted. */
  | { conflict: false; merged: Item | null }
  /**
   * Both versions to keep. Fields that did merge cleanly are already applied to both, so they
   * differ only in `fields`, the ones both sides changed differently.
   */
  | { conflict: true; local: Item; remote: Item; fields: string[] };

type Fields = Record<string, unknown>;

export function mergeItems(
  base: Item | undefined,
  local: Item | null,
  remote: Item | null,
): MergeResult {
  // The inner revision orders versions; it is not content, so it never merges or conflicts. A
  // merged result carries the higher of the two, and whoever seals it raises it (DESIGN §4).
  const result = mergeContent(
    base && withoutRevision(base),
    local && withoutRevision(local),
    remote && withoutRevision(remote),
  );
  const higher = Math.max(local?.revision ?? 0, remote?.revision ?? 0);
  if (!result.conflict) {
    return { conflict: false, merged: result.merged && { ...result.merged, revision: higher } };
  }
  return {
    ...result,
    local: { ...result.local, revision: local?.revision ?? 0 },
    remote: { ...result.remote, revision: remote?.revision ?? 0 },
  };
}

function withoutRevision(item: Item): Item {
  const { revision: _revision, ...content } = item;
  return content as Item;
}

function mergeContent(
  base: Item | undefined,
  local: Item | null,
  remote: Item | null,
): MergeResult {
  if (local === null && remote === null) return { conflict: false, merged: null };
  if (local === null || remote === null) {
    const kept = (local ?? remote) as Item;
    // Untouched since the base → honour the other side's delete; otherwise the edit wins.
    const untouched = base !== undefined && jsonEqual(base, kept);
    return { conflict: false, merged: untouched ? null : kept };
  }
  if (jsonEqual(local, remote)) return { conflict: false, merged: local };
  if (isHiddenItem(local) && isHiddenItem(remote)) {
    const agreed = base && isHiddenItem(base) ? base : undefined;
    return { conflict: false, merged: mergeSitePrefs(agreed, local, remote) };
  }
  if (base === undefined) {
    return { conflict: true, local, remote, fields: differingKeys(local, remote) };
  }
  if (local.type !== remote.type && !jsonEqual(base, local) && !jsonEqual(base, remote)) {
    // A login turned into a note on one side and edited on the other: mixing the two would make
    // a note carrying a hidden password, so keep both as they are.
    return { conflict: true, local, remote, fields: differingKeys(local, remote) };
  }
  return mergeFields(base as Fields, local as Fields, remote as Fields, local, remote);
}

function mergeFields(base: Fields, local: Fields, remote: Fields, li: Item, ri: Item): MergeResult {
  const merged: Fields = {};
  const fields: string[] = [];
  const keys = new Set([...Object.keys(base), ...Object.keys(local), ...Object.keys(remote)]);
  for (const key of keys) {
    if (key === 'updatedAt') {
      merged[key] = Math.max(li.updatedAt, ri.updatedAt);
      continue;
    }
    const outcome =
      key === 'urls'
        ? mergeUrls(base[key], local[key], remote[key])
        : key === 'passwordHistory'
          ? mergeHistory(base[key], local[key], remote[key])
          : key === 'tags'
            ? mergeTagLists(base[key], local[key], remote[key])
            : pick(base[key], local[key], remote[key]);
    if (outcome === CONFLICT) fields.push(key);
    else if (outcome !== undefined) merged[key] = outcome;
  }
  if (fields.length === 0) {
    const item = safeNormalizeItem(merged);
    if (item) return { conflict: false, merged: item };
    return { conflict: true, local: li, remote: ri, fields: differingKeys(li, ri) };
  }
  // Each side keeps its own value of the conflicting fields, on top of the clean merge.
  const withSide = (side: Fields, original: Item): Item => {
    const variant: Fields = { ...merged };
    for (const key of fields) {
      if (side[key] === undefined) delete variant[key];
      else variant[key] = side[key];
    }
    return safeNormalizeItem(variant) ?? original;
  };
  return { conflict: true, local: withSide(local, li), remote: withSide(remote, ri), fields };
}

const CONFLICT = Symbol('conflict');

/** The three-way rule for one value; `undefined` stands for "absent". */
function pick<T>(base: T, local: T, remote: T): T | typeof CONFLICT {
  if (jsonEqual(local, remote)) return local;
  if (jsonEqual(local, base)) return remote;
  if (jsonEqual(remote, base)) return local;
  return CONFLICT;
}

/**
 * URLs merge per URL rather than as a whole field, so adding a URL on one device and fixing
 * another on a second device both survive. Not a plain set union: a URL decides where the password
 * may be filled, so one removed on one side stays removed (the user narrowed where it is filled),
 * and a URL removed on one side but re-moded on the other is a conflict, not a silent widening.
 * When only one side touched the list at all, its list (including its order) is taken as is.
 */
function mergeUrls(base: unknown, local: unknown, remote: unknown): unknown {
  if (!isUrlList(base) || !isUrlList(local) || !isUrlList(remote)) {
    return pick(base, local, remote); // the item's type changed on a side: treat as one value
  }
  const whole = pick(base, local, remote);
  if (whole !== CONFLICT) return whole;

  const modes = (list: ItemUrl[]) => new Map(list.map((entry) => [entry.url, entry.match]));
  const [b, l, r] = [modes(base), modes(local), modes(remote)];
  // Local order first, then what only the remote side has, in its order.
  const order = [...new Set([...l.keys(), ...r.keys(), ...b.keys()])];
  const result: ItemUrl[] = [];
  for (const url of order) {
    const match = pick(b.get(url), l.get(url), r.get(url));
    if (match === CONFLICT) return CONFLICT;
    if (match !== undefined) result.push({ url, match });
  }
  return result;
}

function mergeHistory(base: unknown, local: unknown, remote: unknown): unknown {
  if (!Array.isArray(local) || !Array.isArray(remote)) return pick(base, local, remote);
  return mergePasswordHistories(local, remote);
}

function mergeTagLists(base: unknown, local: unknown, remote: unknown): unknown {
  const whole = pick(base, local, remote);
  if (whole !== CONFLICT) return whole;
  // A base written before tags existed had none.
  const before = base === undefined ? [] : base;
  if (!isStringList(before) || !isStringList(local) || !isStringList(remote)) return whole;
  return mergeTags(before, local, remote);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

function isUrlList(value: unknown): value is ItemUrl[] {
  return Array.isArray(value);
}

function differingKeys(a: Item, b: Item): string[] {
  const left = a as Fields;
  const right = b as Fields;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].filter((key) => key !== 'updatedAt' && !jsonEqual(left[key], right[key]));
}

/**
 * The second item of a kept-both conflict: the same content under a new id (from the caller, who
 * owns randomness), marked with `conflictOf` so the popup can show "conflicting copy of …" in the
 * user's language instead of us writing English into the title.
 */
export function makeConflictCopy(item: Item, newId: string, now: number): Item {
  return { ...item, id: newId, conflictOf: item.id, createdAt: now, updatedAt: now, revision: 1 };
}

/**
 * How the sync engine keeps both versions of a conflict: the server's version stays at the id
 * (no other device sees its item change under it), this device's version becomes a new item.
 */
export function keepBoth(
  conflict: Extract<MergeResult, { conflict: true }>,
  newId: string,
  now: number,
): { keep: Item; copy: Item } {
  return { keep: conflict.remote, copy: makeConflictCopy(conflict.local, newId, now) };
}
