/**
 * Every message between extension contexts and the background, in one place (STYLE.md rule 1).
 *
 * A message is `{ type, build, payload }`; the answer is `{ ok: true, data }` or
 * `{ ok: false, error }`. Each type names its payload schema (checked on receipt), its reply type
 * and the kinds of sender that may ask for it. The handler table in the background is a mapped type
 * over this, so a type without a handler does not compile.
 */
import { z } from 'zod';

/** Who sent a message, decided by the router from the browser's `sender` alone. */
export type SenderKind =
  /** A top-level extension page: the popup, or a full-tab page such as onboarding or the kit. */
  | 'page'
  /** A content script in a web page's frame. */
  | 'content';

export const lockStateSchema = z.enum(['signed-out', 'locked', 'unlocked']);
export type LockState = z.infer<typeof lockStateSchema>;

export const appStatusSchema = z.object({
  version: z.string(),
  state: lockStateSchema,
  email: z.string().optional(),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

const empty = z.object({}).strict();

/** The protocol table: payload schema, reply type (as a phantom) and allowed senders. */
export const protocol = {
  'app.status': {
    payload: empty,
    reply: undefined as unknown as AppStatus,
    senders: ['page', 'content'],
  },
  'session.lock': {
    payload: empty,
    reply: undefined as unknown as AppStatus,
    senders: ['page'],
  },
} as const satisfies Record<
  string,
  { payload: z.ZodType; reply: unknown; senders: readonly SenderKind[] }
>;

export type MessageType = keyof typeof protocol;
export type Payload<K extends MessageType> = z.infer<(typeof protocol)[K]['payload']>;
export type Reply<K extends MessageType> = (typeof protocol)[K]['reply'];

export interface Message<K extends MessageType = MessageType> {
  type: K;
  build: string;
  payload: Payload<K>;
}

export const errorCodes = [
  'bad-message',
  'unknown-type',
  'forbidden-sender',
  'stale-build',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type Answer<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode | (string & {}); message: string } };

export const envelopeSchema = z.object({
  type: z.string().min(1).max(64),
  build: z.string().min(1).max(64),
  payload: z.unknown(),
});

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(protocol, type);
}
