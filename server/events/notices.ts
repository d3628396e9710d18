import { z } from 'zod';
import { accountIdSchema, epochSchema, revSchema, sessionIdSchema } from '../../lib/api/common';

/**
 * What one instance tells every instance (itself included) after a write committed. Internal to
 * the server: sockets only ever see `{type: 'rev', rev}` or a close code. Small enough for a
 * NOTIFY payload (PostgreSQL's limit is 8000 bytes), so no list of sessions is ever sent.
 */
export const accountNoticeSchema = z.discriminatedUnion('type', [
  /** A push committed: the account is now at `rev`. */
  z.object({ type: z.literal('rev'), accountId: accountIdSchema, rev: revSchema }),
  /** Logout or a device removed: that session's sockets close with 4401. */
  z.object({
    type: z.literal('session-ended'),
    accountId: accountIdSchema,
    sessionId: sessionIdSchema,
  }),
  /** Password change: every session of the account but `keep` was revoked (4401). */
  z.object({
    type: z.literal('other-sessions-ended'),
    accountId: accountIdSchema,
    keep: sessionIdSchema,
  }),
  /** Account reset: the account is at `epoch` now, every older socket closes with 4409. */
  z.object({ type: z.literal('reset'), accountId: accountIdSchema, epoch: epochSchema }),
]);
export type AccountNotice = z.infer<typeof accountNoticeSchema>;

/** What services need: publish after the transaction committed, never inside it. */
export interface NoticePublisher {
  /** Never throws and never waits: a lost notice is repaired by the next sweep (live.ts). */
  publish(notice: AccountNotice): void;
}

export function encodeNotice(notice: AccountNotice): string {
  return JSON.stringify(notice);
}

/** Parses a payload from another instance (possibly another version); null if not understood. */
export function decodeNotice(payload: string): AccountNotice | null {
  try {
    const parsed = accountNoticeSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
