/**
 * Unsaved edits live in the background (`draft.put`), not in the popup, which dies when it closes.
 * Two drafts per edit: the form itself, and "where the user was", so the next popup reopens the
 * editor instead of the vault.
 */
import { send } from '@/lib/messaging/client';
import { ITEM_TYPES, type ItemType } from '@/lib/vault/item';
import type { Route } from './route';

const ROUTE_KEY = 'popup:route';

// The background stores all drafts under one storage key and updates it read-modify-write, so two
// puts in flight at once can lose one: send them one after the other.
let queue: Promise<unknown> = Promise.resolve();
function put(key: string, draft?: Record<string, unknown>): Promise<unknown> {
  const next = queue.then(() => send('draft.put', { key, ...(draft ? { draft } : {}) }));
  queue = next.catch(() => undefined);
  return next;
}

export function draftKey(id: string | undefined, type: ItemType): string {
  return id ? `item:${id}` : `item:new:${type}`;
}

/** Remembers the editor as the place to come back to, and its form when given. */
export function saveEditDraft(
  key: string,
  where: { id?: string; itemType: ItemType },
  form: Record<string, unknown> | undefined,
): void {
  const route = { name: 'edit', itemType: where.itemType, ...(where.id ? { id: where.id } : {}) };
  void put(ROUTE_KEY, route).catch(() => undefined);
  if (form) void put(key, form).catch(() => undefined);
}

export async function clearEditDrafts(key: string): Promise<void> {
  await Promise.all([put(key), put(ROUTE_KEY)]);
}

/** The editor left open when the popup last closed, if any. */
export async function pendingEditRoute(): Promise<Route | undefined> {
  try {
    const { draft } = await send('draft.get', { key: ROUTE_KEY });
    if (draft?.name !== 'edit') return undefined;
    const itemType = (ITEM_TYPES as readonly unknown[]).includes(draft.itemType)
      ? (draft.itemType as ItemType)
      : 'login';
    return typeof draft.id === 'string'
      ? { name: 'edit', id: draft.id, itemType }
      : { name: 'edit', itemType };
  } catch {
    return undefined;
  }
}
