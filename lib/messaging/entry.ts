/**
 * How a protocol entry is written (protocol.ts holds the table; its parts, such as autofill.ts,
 * add theirs): the sender kinds, the payload fields several entries share, and `entry`.
 */
import { z } from 'zod';

/** Who sent a message, decided by the router from the browser's `sender` alone. */
export type SenderKind =
  /** A top-level extension page: the popup, or a full-tab page such as onboarding or the kit. */
  | 'page'
  /** A content script in a web page's frame. */
  | 'content'
  /**
   * Our in-page frame (menu.html: the inline menu and the save prompt) inside a web page's tab,
   * which the page can neither script nor read.
   */
  | 'frame';

export const empty = z.object({}).strict();
export const email = z.string().trim().min(3).max(254);
export const password = z.string().min(1).max(1024);
export const serverUrl = z.string().trim().min(1).max(2048);
export const itemId = z.string().min(1).max(64);
export const sessionId = z.string().min(1).max(64);
export const both = ['page', 'content'] as const;
export const pages = ['page'] as const;
export const content = ['content'] as const;
export const frames = ['frame'] as const;

/** One protocol entry: `R` is the reply type, the payload type comes from its schema. */
export const entry =
  <R>() =>
  <P extends z.ZodType>(payload: P, senders: readonly SenderKind[]) => ({
    payload,
    reply: undefined as unknown as R,
    senders,
  });
