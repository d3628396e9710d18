/**
 * The autofill part of the protocol (protocol.ts holds the table): what a fill can come to, what
 * a frame's fill script is told, and the payloads of 'autofill.fill' and 'autofill.request'.
 */
import { z } from 'zod';
import { empty, entry, itemId, pages } from './entry';

/** Why nothing was filled, for the popup to put into words with the next step. */
export type FillReason =
  | 'no-match'
  | 'opaque-origin'
  | 'not-web'
  | 'no-host-access'
  | 'no-form'
  /** No form here, but a frame of another site that the click alone does not reach. */
  | 'frame-other-site'
  | 'no-tab'
  | 'not-a-login';

export type FillOutcome =
  | {
      kind: 'filled';
      frames: number;
      /**
       * The login has a one-time code and no frame had a field for it: the code of the moment,
       * for the popup to copy (a code the page asks for next can be pasted, or filled again).
       */
      code?: string;
    }
  | {
      kind: 'confirm';
      confirm: Array<'insecure-page' | 'cross-origin-frame' | 'form-action' | 'equivalent-site'>;
      frameSite: string;
      topSite: string;
      actionSite?: string;
    }
  | { kind: 'refused'; reason: FillReason; frameSite?: string };

/** What the background tells one frame's fill script. */
export type FrameFillAnswer =
  | { kind: 'fill'; username?: string; password?: string; otp?: string }
  | Exclude<FillOutcome, { kind: 'filled' }>
  | { kind: 'none' };

/** 'autofill.fill', besides the login's id: the tab and what the user already said yes to. */
export const fillFields = {
  /** The tab a popup in a window of its own was opened for; else the active tab. */
  tabId: z.number().int().nonnegative().optional(),
  confirmed: z
    .object({
      insecurePage: z.boolean().optional(),
      crossOriginFrame: z.boolean().optional(),
      formAction: z.boolean().optional(),
      equivalentSite: z.boolean().optional(),
    })
    .strict()
    .optional(),
};

/** 'autofill.request': which fields a frame found, and the hints that can only add a warning. */
export const frameRequestPayload = z
  .object({
    username: z.boolean(),
    password: z.boolean(),
    /** A field that asks for a one-time code (lib/autofill/detect-otp.ts), for the login's code. */
    otp: z.boolean().optional(),
    /** That field is a row of boxes, one per digit: how many (detect-otp.ts). */
    otpBoxes: z.number().int().min(2).max(8).optional(),
    /** The form's `action` (or its submit button's `formaction`), if it has one. */
    formAction: z.string().max(2048).optional(),
    /** Without a form: origins of visible frames of other sites, which may hold it. */
    otherFrames: z.array(z.string().max(300)).max(8).optional(),
  })
  .strict();

/** The autofill entries of the protocol table (protocol.ts). */
export const autofillProtocol = {
  /**
   * Fill this login into the tab under the popup (the user's gesture grants activeTab): the fill
   * script goes into the tab's frames, each asks with 'autofill.request', the policy decides.
   */
  'autofill.fill': entry<FillOutcome>()(z.object({ itemId, ...fillFields }).strict(), pages),
  /** Why the fill shortcut filled nothing, if it just tried (the popup it opened shows it). */
  'autofill.notice': entry<{ outcome?: FillOutcome; itemId?: string }>()(empty, pages),
  /**
   * The login filled into this tab in the last five minutes (a two-step login's first page), so
   * the popup's Enter fills the same account on the password page.
   */
  'autofill.remembered': entry<{ itemId?: string }>()(
    z.object({ tabId: z.number().int().nonnegative().optional() }).strict(),
    pages,
  ),
  /**
   * From the fill script in a frame, during a fill the user started: the credential for this
   * frame's fields if the policy allows it, judged from the browser's `sender` alone.
   */
  'autofill.request': entry<FrameFillAnswer>()(frameRequestPayload, ['content']),

  /**
   * From the always-on content script, where the user granted host access: whether this frame
   * has login fields (for the toolbar badge). Nothing about items ever goes back; only whether
   * the inline menu would open here, so the script can load its frame ahead.
   */
  'autofill.fields': entry<{ menu: boolean }>()(z.object({ present: z.boolean() }).strict(), [
    'content',
  ]),
};
