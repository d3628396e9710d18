import { z } from 'zod';
import { epochSchema, revSchema } from './common';
import { base64urlExact } from './encoding';

/**
 * Live sync (DESIGN §4 "Live"): `GET /v1/events` is a WebSocket that only ever says "the account's
 * revision is now N"; the client then pulls with GET /v1/sync as usual.
 *
 * 1. `POST /v1/events/ticket` (Bearer session) → a single-use ticket, valid for 30 s.
 * 2. Open `GET /v1/events` (no token in the URL: URLs end up in logs) from an extension origin.
 * 3. Send `{type: 'auth', ticket}` within 10 s → `{type: 'ready', rev, epoch}`.
 * 4. Send `{type: 'ping'}` every 20 s (it also keeps Chrome's MV3 worker alive) → `{type: 'pong'}`.
 * 5. Receive `{type: 'rev', rev}` whenever a push commits, from any device, on any instance.
 */

/** Close codes the server uses; the client decides from them whether and when to reconnect. */
export const EVENTS_CLOSE = {
  /** Server shutting down or restarting: reconnect with backoff. */
  goingAway: 1001,
  /**
   * A frame over EVENTS_MAX_MESSAGE_BYTES. The `ws` library answers it with the standard
   * "message too big" code before our code sees the frame, so it is not 4400.
   */
  tooBig: 1009,
  /** The server could not check the ticket (e.g. its database): reconnect with backoff. */
  serverError: 1011,
  /** Malformed, unexpected or binary message, or a second auth. */
  badMessage: 4400,
  /** Ticket invalid, expired or used; or the session was revoked or expired. Get a new session. */
  authFailed: 4401,
  /** No auth within EVENTS_AUTH_TIMEOUT_MS, or silence for EVENTS_IDLE_CLOSE_MS. */
  timeout: 4408,
  /** The account was reset (new epoch): sign in again (DESIGN §5). */
  accountReset: 4409,
  /** A newer socket of the same session took this one's place (EVENTS_MAX_SOCKETS_PER_SESSION). */
  tooMany: 4429,
} as const;
export type EventsCloseCode = (typeof EVENTS_CLOSE)[keyof typeof EVENTS_CLOSE];

/** How often the client pings; Chrome keeps a worker alive while a message crosses every 30 s. */
export const EVENTS_PING_EVERY_MS = 20_000;
/** The server closes (4408) an authenticated socket silent this long: dead peers must not pile up. */
export const EVENTS_IDLE_CLOSE_MS = 70_000;
/** The first message (auth) must arrive this soon after the socket opened. */
export const EVENTS_AUTH_TIMEOUT_MS = 10_000;
/** Lifetime of a ticket. */
export const EVENTS_TICKET_SECONDS = 30;
/** Largest client message (the server's `maxPayload`). */
export const EVENTS_MAX_MESSAGE_BYTES = 1024;
/** Open sockets per session per server instance; the oldest is closed with 4429 past this. */
export const EVENTS_MAX_SOCKETS_PER_SESSION = 5;

/** 32 random bytes, like session tokens; stored only as its SHA-256. */
export const eventTicketSchema = base64urlExact(43);

/** POST /v1/events/ticket (no body, or `{}`). */
export const eventTicketResponseSchema = z.object({
  ticket: eventTicketSchema,
  expiresInSeconds: z.int().min(1).max(300),
});
export type EventTicketResponse = z.infer<typeof eventTicketResponseSchema>;

/** Client → server, JSON text frames. */
export const eventClientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auth'), ticket: eventTicketSchema }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type EventClientMessage = z.infer<typeof eventClientMessageSchema>;

/** Server → client, JSON text frames. Never item data or ids: only the revision. */
export const eventServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), rev: revSchema, epoch: epochSchema }),
  z.object({ type: z.literal('rev'), rev: revSchema }),
  z.object({ type: z.literal('pong') }),
]);
export type EventServerMessage = z.infer<typeof eventServerMessageSchema>;
