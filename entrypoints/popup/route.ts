/**
 * Which view the popup shows. The user navigates between routes, but the background's state has the
 * last word: a locked vault always shows Unlock, a fresh account always shows its Emergency Kit
 * until it is acknowledged, and so on. `resolveRoute` is that rule, pure so it is unit-tested.
 */
import type { AppStatus, LockState } from '@/lib/messaging/protocol';
import type { ItemType } from '@/lib/vault/item';

export type Route =
  | { name: 'home' }
  | { name: 'welcome' }
  | { name: 'create' }
  | { name: 'signin' }
  | { name: 'kit' }
  | { name: 'unlock' }
  | { name: 'reset'; back: GuideBack }
  /**
   * "I have a reset email": a pasted link or a typed code, or the link of the tab the popup was
   * opened on (`link`, with that tab's id, which then turns into the reset page).
   */
  | { name: 'reset-email'; guideBack?: GuideBack; link?: string; tabId?: number }
  | { name: 'kit-again' }
  | { name: 'vault' }
  | { name: 'item'; id: string }
  | { name: 'edit'; id?: string; itemType: ItemType }
  | { name: 'generator' }
  | { name: 'settings' }
  | { name: 'password' }
  /** Settings → Password health, or the vault screen's line (issue 14). */
  | { name: 'health'; from?: 'vault' | 'settings' }
  /** Bring items kept from before a reset into the vault (issue 11). */
  | { name: 'kept'; key: string };

export type RouteName = Route['name'];
/** Where "Back" leads from the reset guidance. */
export type GuideBack = 'welcome' | 'signin' | 'unlock';

const allowed: Record<LockState, readonly RouteName[]> = {
  'signed-out': ['welcome', 'create', 'signin', 'reset'],
  locked: ['unlock', 'reset'],
  unlocked: [
    'vault',
    'item',
    'edit',
    'generator',
    'settings',
    'password',
    'health',
    'kept',
    'kit-again',
  ],
};

/** Views any state may show: a reset link opens the reset whether this device is signed in or not. */
const anywhere: readonly RouteName[] = ['reset-email'];

const home: Record<LockState, Route> = {
  'signed-out': { name: 'welcome' },
  locked: { name: 'unlock' },
  unlocked: { name: 'vault' },
};

/** The view to show for `wanted` given what the background says. */
export function resolveRoute(
  status: Pick<AppStatus, 'state' | 'kitPending'>,
  wanted: Route,
): Route {
  if (status.kitPending) return { name: 'kit' };
  const shown = anywhere.includes(wanted.name) || allowed[status.state].includes(wanted.name);
  return shown ? wanted : home[status.state];
}

/** Views that belong to an unlocked vault, shown with the navigation bar. */
export function isVaultRoute(route: Route): boolean {
  return allowed.unlocked.includes(route.name);
}
