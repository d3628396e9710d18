import type { WebSocketLike } from '@hono/node-server';
import type { WSContext, WSEvents } from 'hono/ws';
import type { Logger } from 'pino';
import {
  EVENTS_CLOSE,
  eventClientMessageSchema,
  type EventClientMessage,
  type EventServerMessage,
  type EventsCloseCode,
} from '../../lib/api/events';
import type { EventTicketStore } from './tickets';

export interface EventsSettings {
  authTimeoutMs: number;
  idleCloseMs: number;
  maxSocketsPerSession: number;
  /** How often every held socket is checked against the tables (revocation, expiry, lost notices). */
  sweepEveryMs: number;
}

/** One socket as the hub sees it. */
export interface Peer {
  /** Known once its ticket was redeemed. */
  owner: { sessionId: string; accountId: string } | null;
  /** The epoch it was told in `ready`; null until then. */
  epoch: number | null;
  /** Sends `{type: 'rev'}` if `rev` is newer than anything this socket was told. */
  revision(rev: number): void;
  /** An account reset reached `epoch`: closes 4409 if this socket belongs to an older one. */
  reset(epoch: number): void;
  end(code: EventsCloseCode, reason: string): void;
}

export interface SocketHost {
  tickets: EventTicketStore;
  settings: EventsSettings;
  log: Logger;
  /** Every socket from its opening, so a shutdown reaches even unauthenticated ones. */
  opened(peer: Peer): void;
  /** After the ticket was redeemed and before the account is read, so no notice falls between. */
  bound(peer: Peer): void;
  gone(peer: Peer): void;
}

function parse(data: unknown): EventClientMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const result = eventClientMessageSchema.safeParse(JSON.parse(data));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/**
 * The protocol of one /v1/events socket (lib/api/events.ts): auth with a ticket within the auth
 * timeout, then `ready`, then `rev` notices and pongs; silence past the idle limit closes it.
 */
export function socketEvents(host: SocketHost): WSEvents<WebSocketLike> {
  let state: 'waiting' | 'authenticating' | 'ready' | 'closed' = 'waiting';
  let ws: WSContext<WebSocketLike> | undefined;
  let timer: NodeJS.Timeout | undefined;
  // A notice that arrives while the account is being read is replayed after `ready`.
  let pendingRev = -1;
  let pendingResetEpoch = 0;
  let lastRev = -1;

  const send = (message: EventServerMessage) => ws?.send(JSON.stringify(message));

  const peer: Peer = {
    owner: null,
    epoch: null,
    revision(rev) {
      if (state === 'authenticating') pendingRev = Math.max(pendingRev, rev);
      else if (state === 'ready' && rev > lastRev) {
        // Notices can arrive out of order (two pushes publish from two pool connections);
        // revisions only grow within an epoch, so an older one carries no news.
        lastRev = rev;
        send({ type: 'rev', rev });
      }
    },
    reset(epoch) {
      if (state === 'authenticating') pendingResetEpoch = Math.max(pendingResetEpoch, epoch);
      else if (peer.epoch !== null && peer.epoch < epoch) {
        peer.end(EVENTS_CLOSE.accountReset, 'account reset');
      }
    },
    end(code, reason) {
      if (state === 'closed') return;
      state = 'closed';
      clearTimeout(timer);
      host.gone(peer);
      ws?.close(code, reason);
    },
  };

  async function authenticate(ticket: string) {
    const owner = await host.tickets.redeem(ticket);
    if (state !== 'authenticating') return;
    if (owner === null) return peer.end(EVENTS_CLOSE.authFailed, 'invalid ticket');
    peer.owner = owner;
    host.bound(peer);
    const account = await host.tickets.accountState(owner);
    if (state !== 'authenticating') return;
    if (account === null) return peer.end(EVENTS_CLOSE.authFailed, 'session ended');
    // A reset that committed after the read above was announced while it ran.
    if (pendingResetEpoch > account.epoch) return peer.end(EVENTS_CLOSE.accountReset, 'reset');
    peer.epoch = account.epoch;
    lastRev = account.rev;
    state = 'ready';
    clearTimeout(timer);
    timer = setTimeout(() => peer.end(EVENTS_CLOSE.timeout, 'idle'), host.settings.idleCloseMs);
    timer.unref();
    send({ type: 'ready', rev: account.rev, epoch: account.epoch });
    if (pendingRev > lastRev) peer.revision(pendingRev);
  }

  return {
    onOpen(_event, context) {
      ws = context;
      timer = setTimeout(
        () => peer.end(EVENTS_CLOSE.timeout, 'no auth'),
        host.settings.authTimeoutMs,
      );
      timer.unref();
      host.opened(peer);
    },
    onMessage(event) {
      if (state === 'closed') return;
      const message = parse(event.data);
      if (message === null) return peer.end(EVENTS_CLOSE.badMessage, 'bad message');
      if (message.type === 'auth') {
        if (state !== 'waiting') return peer.end(EVENTS_CLOSE.badMessage, 'second auth');
        state = 'authenticating';
        authenticate(message.ticket).catch((err: unknown) => {
          host.log.warn(
            { err: { message: err instanceof Error ? err.message : String(err) } },
            'events auth failed',
          );
          // Not the client's fault (the database): it retries with backoff.
          peer.end(EVENTS_CLOSE.serverError, 'try again');
        });
        return;
      }
      if (state === 'waiting') return peer.end(EVENTS_CLOSE.badMessage, 'auth first');
      if (state === 'ready') timer?.refresh();
      send({ type: 'pong' });
    },
    onClose() {
      if (state === 'closed') return;
      state = 'closed';
      clearTimeout(timer);
      host.gone(peer);
    },
  };
}
