/**
 * The in-page part of the protocol (issue 12, DESIGN §6): the always-on content script opens our
 * frame (menu.html) in a closed shadow root on the page, and the frame asks the background what to
 * show and what to do. The content script never learns item names; the frame never touches the
 * page. A frame is known by the token the background gave the content script for it.
 */
import { z } from 'zod';
import { content, empty, entry, frames, itemId } from './entry';
import type { MenuOutcome, MenuState } from './inpage-frame';

export * from './inpage-frame';

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

export const inpageProtocol = {
  /**
   * A trusted focus or click on a detected field: a token for our frame, or none where the user
   * turned the menu off or chose "never on this site".
   */
  'inpage.open': entry<{ token?: string }>()(
    z
      .object({
        /** 'otp': a one-time code field, for the code of the login just filled in this tab. */
        field: z.enum(['username', 'password', 'new-password', 'otp']),
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
