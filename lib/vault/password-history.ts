/**
 * A login's password history: the passwords it had before, newest first, so an update the user
 * did not mean (a save prompt answered too fast, a typo in the editor) loses nothing (issue 12).
 * The background adds to it on every password change; merge takes the union of both devices'.
 */
import {
  ITEM_LIMITS,
  itemJsonBytes,
  MAX_ITEM_JSON_BYTES,
  type PasswordHistoryEntry,
  type VisibleItem,
} from './item';

const newestFirst = (a: PasswordHistoryEntry, b: PasswordHistoryEntry) =>
  b.replacedAt - a.replacedAt;

/** The history after `replaced` gave way to a new password at `at`: capped, newest first. */
export function withReplacedPassword(
  history: readonly PasswordHistoryEntry[],
  replaced: string,
  at: number,
): PasswordHistoryEntry[] {
  return [{ password: replaced, replacedAt: at }, ...history]
    .sort(newestFirst)
    .slice(0, ITEM_LIMITS.passwordHistory);
}

/**
 * Both devices' histories together: one entry per (password, replacedAt), newest first, capped.
 * A union rather than the three-way rule of other fields: nobody removes entries from a history,
 * so whatever either side has is something the user once had, and the cap is the only loss.
 */
export function mergePasswordHistories(
  local: readonly PasswordHistoryEntry[],
  remote: readonly PasswordHistoryEntry[],
): PasswordHistoryEntry[] {
  const seen = new Map<string, PasswordHistoryEntry>();
  for (const entry of [...local, ...remote]) {
    const key = JSON.stringify([entry.password, entry.replacedAt]);
    if (!seen.has(key)) seen.set(key, entry);
  }
  return [...seen.values()].sort(newestFirst).slice(0, ITEM_LIMITS.passwordHistory);
}

/**
 * Drops the oldest history entries until the item fits in MAX_ITEM_JSON_BYTES: a change of
 * password never fails because the item was already near the limit (the history is the one
 * part that may shrink without the user losing what they are looking at).
 */
export function fitHistory<T extends { passwordHistory?: unknown }>(item: T): T {
  const history = item.passwordHistory;
  if (!Array.isArray(history) || itemJsonBytes(item) <= MAX_ITEM_JSON_BYTES) return item;
  const kept = [...(history as unknown[])];
  let fitted: T = item;
  while (kept.length > 0 && itemJsonBytes(fitted) > MAX_ITEM_JSON_BYTES) {
    kept.pop();
    fitted = { ...item, passwordHistory: [...kept] };
  }
  return fitted;
}

/**
 * The login's password history after this save: the background keeps it, so a popup's stale
 * copy (a draft from before a sync) neither erases it nor brings back an older one. A changed
 * password goes in at the front; an item that is new keeps what it came with (the schema
 * checks it).
 */
export function historyAfterSave(
  existing: VisibleItem | undefined,
  input: Record<string, unknown>,
  at: number,
): { passwordHistory?: unknown } {
  if (input.type !== 'login' || !existing) return {};
  if (existing.type !== 'login') return { passwordHistory: [] };
  const password = typeof input.password === 'string' ? input.password : '';
  const changed = existing.password !== '' && password !== existing.password;
  return {
    passwordHistory: changed
      ? withReplacedPassword(existing.passwordHistory, existing.password, at)
      : existing.passwordHistory,
  };
}
