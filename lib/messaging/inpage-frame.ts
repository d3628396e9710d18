/**
 * The in-page protocol's types and constants without its schemas (inpage.ts), so our frame
 * (menu.html) loads without zod: its first paint is the inline menu's latency.
 */
import type { FillOutcome, FillReason } from './autofill';

/** Why the frame refused to fill: what the page did, put into words by the menu. */
export type GuardReason =
  /** The field, the page or our menu was made transparent or nearly so. */
  | 'transparent'
  /** Something of the page lies over our menu where the user clicked. */
  | 'covered'
  /** The page moved or resized our menu, or took it out of the top layer. */
  | 'moved'
  /** A click before the menu was on screen long enough to be seen. */
  | 'too-soon'
  /** The field is gone or hidden. */
  | 'gone';

export type MenuOutcome =
  | { kind: 'filled' }
  | Extract<FillOutcome, { kind: 'confirm' }>
  | { kind: 'refused'; reason: GuardReason | FillReason | 'locked' };

export interface MenuLogin {
  id: string;
  title: string;
  username: string;
}

export interface SaveOffer {
  kind: 'save' | 'update';
  site: string;
  username: string;
  /** With 'update': the login whose password changes. */
  itemId?: string;
  title?: string;
}

/** What the frame shows. */
export type MenuState =
  | { view: 'closed' }
  | { view: 'locked'; site: string }
  | {
      view: 'logins';
      site: string;
      logins: MenuLogin[];
      /** A sign-up or change-password field: offer a generated password. */
      generate: boolean;
      /** A one-time code field: the one login listed is the one just filled; a click fills its code. */
      code?: boolean;
    }
  | { view: 'save'; offer: SaveOffer }
  | { view: 'warning'; site: string };

/**
 * From the background to one frame's content script (tabs.sendMessage to that frame): not through
 * the router, since only the background can send to a content script.
 */
export type ToContent =
  | { type: 'inpage.check'; token: string; point: { x: number; y: number } }
  | {
      type: 'inpage.fill';
      token: string;
      username?: string;
      password?: string;
      newPassword?: string;
      /** The one-time code of the moment (never its setup), for the code field. */
      otp?: string;
    }
  | { type: 'inpage.resize'; token: string; height: number }
  | { type: 'inpage.close'; token: string }
  /** A prompt now waits for this tab (the account-password check finished): ask for it. */
  | { type: 'inpage.pending' };
export type CheckAnswer = { ok: true } | { ok: false; reason: GuardReason };

/** The frame follows the background over a port of this name: `{ token }` first, then notices. */
export const MENU_PORT = 'cassaforte-menu';
