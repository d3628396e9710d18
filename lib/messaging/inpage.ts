/**
 * The in-page part of the protocol (issue 12, DESIGN §6): the always-on content script opens our
 * frame (menu.html) in a closed shadow root on the page, and the frame asks the background what to
 * show and what to do. The content script never learns item names; the frame never touches the
 * page. A frame is known by the token the background gave the content script for it.
 */
import { z } from 'zod';
import type { FillOutcome, FillReason } from './autofill';
import { content, empty, entry, frames, itemId } from './entry';

/** The background gave this to one content script for one frame it opened. */
const token = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
/** A point inside our frame (CSS pixels from its top left), where the user clicked. */
const point = z.object({ x: z.number().min(0).max(4000), y: z.number().min(0).max(4000) }).strict();

export const fieldConstraintsSchema = z
  .object({
    minLength: z.int().min(0).max(1024).optional(),
    maxLength: z.int().min(1).max(1024).optional(),
    pattern: z.string().max(512).optional(),
    passwordRules: z.string().max(1024).optional(),
  })
  .strict();
export type FieldConstraints = z.infer<typeof fieldConstraintsSchema>;

export const formKindSchema = z.enum(['login', 'signup', 'change-password']);
export type FormKind = z.infer<typeof formKindSchema>;

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
    }
  | { view: 'save'; offer: SaveOffer }
  | { view: 'warning'; site: string };

/** What the content script tells the background about a submitted form. */
export const submittedSchema = z
  .object({
    kind: formKindSchema,
    username: z.string().max(512),
    password: z.string().min(1).max(1024),
    /** A change-password form's current password. */
    oldPassword: z.string().max(1024).optional(),
  })
  .strict();

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
    }
  | { type: 'inpage.resize'; token: string; height: number }
  | { type: 'inpage.close'; token: string }
  /** A prompt now waits for this tab (the account-password check finished): ask for it. */
  | { type: 'inpage.pending' };
export type CheckAnswer = { ok: true } | { ok: false; reason: GuardReason };

/** The frame follows the background over a port of this name: `{ token }` first, then notices. */
export const MENU_PORT = 'cassaforte-menu';

export const inpageProtocol = {
  /**
   * A trusted focus or click on a detected field: a token for our frame, or none where the user
   * turned the menu off or chose "never on this site".
   */
  'inpage.open': entry<{ token?: string }>()(
    z
      .object({
        field: z.enum(['username', 'password', 'new-password']),
        form: formKindSchema,
        constraints: fieldConstraintsSchema.optional(),
      })
      .strict(),
    content,
  ),
  /** What the user typed into the page's username field, to filter the menu's logins. */
  'inpage.filter': entry<Record<string, never>>()(
    z.object({ token, query: z.string().max(512) }).strict(),
    content,
  ),
  /** The content script closed our frame (Escape, blur, scroll, tampering). */
  'inpage.closed': entry<Record<string, never>>()(z.object({ token }).strict(), content),
  /** A form was submitted: held in memory for the save prompt and the account-password check. */
  'inpage.submitted': entry<Record<string, never>>()(submittedSchema, content),
  /** A page loaded, or a submitted form went away: a prompt waiting for this tab, if any. */
  'inpage.pending': entry<{ token?: string }>()(empty, content),

  'menu.state': entry<MenuState>()(z.object({ token }).strict(), frames),
  /** A click (or Enter) on a login in our frame, at `point`. */
  'menu.fill': entry<MenuOutcome>()(
    z
      .object({
        token,
        itemId,
        point,
        confirmed: z
          .object({
            insecurePage: z.boolean().optional(),
            crossOriginFrame: z.boolean().optional(),
            formAction: z.boolean().optional(),
            equivalentSite: z.boolean().optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    frames,
  ),
  /** "Use a strong password" on a sign-up field: generated, saved, then filled. */
  'menu.generate': entry<MenuOutcome>()(z.object({ token, point }).strict(), frames),
  /** The save prompt's answer. */
  'menu.save': entry<MenuOutcome>()(
    z.object({ token, point, action: z.enum(['save', 'update', 'never']) }).strict(),
    frames,
  ),
  /** "Unlock": the extension's own unlock prompt opens; never anything in the page. */
  'menu.unlock': entry<Record<string, never>>()(z.object({ token }).strict(), frames),
  /** "Never on this site" (the menu), kept in the vault so it syncs. */
  'menu.never': entry<Record<string, never>>()(z.object({ token }).strict(), frames),
  /** Escape, Close or Dismiss in our frame. */
  'menu.close': entry<Record<string, never>>()(z.object({ token }).strict(), frames),
  /** Our frame's content height, so the host fits it. */
  'menu.resize': entry<Record<string, never>>()(
    z.object({ token, height: z.number().min(0).max(2000) }).strict(),
    frames,
  ),
};
