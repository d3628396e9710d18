/**
 * An edit saved from a form that was opened at an older version of the item: another device
 * changed it meanwhile and this device synced that change before the user pressed Save. Saving the
 * whole form would put back every field the other device changed. Instead the fields the user
 * changed (form ≠ what the form opened with) are saved, and every other field keeps the newer
 * version. A field changed on both sides takes the user's value, just typed; a password replaced
 * that way goes into the item's history on save, as any replaced password does.
 */
import { jsonEqual } from './json-equal';
import { safeNormalizeItem, type Item } from './item';

/** Set by the save itself, never merged. */
const OWN_FIELDS = new Set(['id', 'revision', 'createdAt', 'updatedAt']);

/** `edited` (what the form sends) over `current`, field by field, as changed from `base`. */
function mergeEdit(base: Item, edited: Item, current: Item): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  const was = base as Record<string, unknown>;
  const now = edited as Record<string, unknown>;
  for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
    if (OWN_FIELDS.has(key) || jsonEqual(was[key], now[key])) continue;
    if (now[key] === undefined) delete out[key];
    else out[key] = now[key];
  }
  return out;
}

/**
 * What `vault.save` should store for `input`: merged over `current` (the item now) when the form
 * says what it opened with (`base`), so that a change made meanwhile stays; otherwise `input`.
 */
export function editOverNewer(
  input: Record<string, unknown>,
  base: Record<string, unknown> | undefined,
  current: Item | undefined,
): Record<string, unknown> {
  if (!base || !current) return input;
  const opened = safeNormalizeItem(base);
  const edited = safeNormalizeItem(input);
  if (!opened || !edited || opened.id !== current.id || edited.id !== current.id) return input;
  // Not by revision: a version from another device counts however it numbered itself. When
  // nothing changed meanwhile, the merge is the form itself.
  if (opened.type !== current.type) return input;
  return mergeEdit(opened, edited, current);
}
