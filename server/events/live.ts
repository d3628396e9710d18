import { once } from 'node:events';
import type { WebSocketLike } from '@hono/node-server';
import type { WSEvents } from 'hono/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import {
  EVENTS_AUTH_TIMEOUT_MS,
  EVENTS_CLOSE,
  EVENTS_IDLE_CLOSE_MS,
  EVENTS_MAX_MESSAGE_BYTES,
  EVENTS_MAX_SOCKETS_PER_SESSION,
} from '../../lib/api/events';
import type { Database } from '../db/connect';
import { SESSION_LIFETIME_MS } from '../services/sessions';
import type { AccountNotice, NoticePublisher } from './notices';
import { createRevisionNotifier } from './notifier';
import { socketEvents, type EventsSettings, type Peer } from './socket';
import { createEventTicketStore } from './tickets';

export type { EventsSettings } from './socket';

export const DEFAULT_EVENTS_SETTINGS: EventsSettings = {
  authTimeoutMs: EVENTS_AUTH_TIMEOUT_MS,
  idleCloseMs: EVENTS_IDLE_CLOSE_MS,
  maxSocketsPerSession: EVENTS_MAX_SOCKETS_PER_SESSION,
  sweepEveryMs: 60_000,
};

/** Ids per `in (…)` list of a sweep, well under both engines' parameter limits. */
const SWEEP_CHUNK = 500;
/** How long a shutdown waits for clients to answer the close frame before cutting them off. */
const CLOSE_GRACE_MS = 1000;

/** Live sync on this instance: what services publish, what the /v1/events route attaches. */
export interface LiveEvents extends NoticePublisher {
  /** The protocol of one new socket (for `upgradeWebSocket`). */
  connect(): WSEvents<WebSocketLike>;
}

export interface LiveEventsOptions {
  database: Database;
  listenUrl: string | undefined;
  log: Logger;
  now: () => number;
  settings: EventsSettings;
}

/**
 * The sockets this instance holds, indexed by account and session, fed by the notifier. Every
 * `settings.sweepEveryMs`, and whenever notices may have been lost, each held socket is checked
 * against the tables: revoked or expired sessions close 4401, a newer epoch 4409, and a revision
 * the socket missed is sent. So a lost notice costs latency, never correctness.
 */
export async function createLiveEvents(options: LiveEventsOptions) {
  const { database, log, settings } = options;
  const { db } = database;
  const notifier = await createRevisionNotifier({
    database,
    listenUrl: options.listenUrl,
    log,
  });
  const tickets = createEventTicketStore(db, options.now);
  const webSocketServer = new WebSocketServer({
    noServer: true,
    maxPayload: EVENTS_MAX_MESSAGE_BYTES,
  });
  const all = new Set<Peer>();
  const byAccount = new Map<string, Set<Peer>>();
  const bySession = new Map<string, Set<Peer>>();
  let closing = false;

  const add = (index: Map<string, Set<Peer>>, key: string, peer: Peer) => {
    const set = index.get(key) ?? new Set<Peer>();
    index.set(key, set.add(peer));
    return set;
  };
  const remove = (index: Map<string, Set<Peer>>, key: string, peer: Peer) => {
    const set = index.get(key);
    if (set?.delete(peer) && set.size === 0) index.delete(key);
  };
  const peersOf = (index: Map<string, Set<Peer>>, key: string) => [...(index.get(key) ?? [])];

  const host = {
    tickets,
    settings,
    log,
    opened(peer: Peer) {
      all.add(peer);
      if (closing) peer.end(EVENTS_CLOSE.goingAway, 'server shutting down');
    },
    bound(peer: Peer) {
      const { sessionId, accountId } = peer.owner!;
      add(byAccount, accountId, peer);
      const ofSession = add(bySession, sessionId, peer);
      // The newest socket wins: a worker that restarted has lost its old one, which would
      // otherwise hold a place until the idle timeout.
      for (const old of ofSession) {
        if (ofSession.size <= settings.maxSocketsPerSession) break;
        old.end(EVENTS_CLOSE.tooMany, 'too many sockets for this session');
      }
    },
    gone(peer: Peer) {
      all.delete(peer);
      if (peer.owner === null) return;
      remove(byAccount, peer.owner.accountId, peer);
      remove(bySession, peer.owner.sessionId, peer);
    },
  };

  function deliver(notice: AccountNotice) {
    switch (notice.type) {
      case 'rev':
        for (const peer of peersOf(byAccount, notice.accountId)) peer.revision(notice.rev);
        break;
      case 'session-ended':
        for (const peer of peersOf(bySession, notice.sessionId))
          peer.end(EVENTS_CLOSE.authFailed, 'signed out');
        break;
      case 'other-sessions-ended':
        for (const peer of peersOf(byAccount, notice.accountId))
          if (peer.owner?.sessionId !== notice.keep)
            peer.end(EVENTS_CLOSE.authFailed, 'signed out');
        break;
      case 'reset':
        for (const peer of peersOf(byAccount, notice.accountId)) peer.reset(notice.epoch);
        break;
    }
  }

  let sweeping: Promise<void> | null = null;
  let sweepAgain = false;
  function sweep(): Promise<void> {
    if (sweeping !== null) {
      sweepAgain = true;
      return sweeping;
    }
    sweeping = sweepOnce().finally(() => {
      sweeping = null;
      if (sweepAgain && !closing) {
        sweepAgain = false;
        void sweep();
      }
    });
    return sweeping;
  }

  async function sweepOnce(): Promise<void> {
    try {
      const peers = [...all].filter((p) => p.epoch !== null);
      const sessionIds = [...new Set(peers.map((p) => p.owner!.sessionId))];
      const accountIds = [...new Set(peers.map((p) => p.owner!.accountId))];
      const alive = new Set<string>();
      const accounts = new Map<string, { rev: number; epoch: number }>();
      for (let i = 0; i < sessionIds.length; i += SWEEP_CHUNK) {
        const rows = await db
          .selectFrom('sessions')
          .select('id')
          .where('id', 'in', sessionIds.slice(i, i + SWEEP_CHUNK))
          .where('expires_at', '>', options.now())
          .where('created_at', '>', options.now() - SESSION_LIFETIME_MS)
          .execute();
        for (const row of rows) alive.add(row.id);
      }
      for (let i = 0; i < accountIds.length; i += SWEEP_CHUNK) {
        const rows = await db
          .selectFrom('accounts')
          .select(['id', 'rev', 'epoch'])
          .where('id', 'in', accountIds.slice(i, i + SWEEP_CHUNK))
          .execute();
        for (const row of rows) accounts.set(row.id, row);
      }
      for (const peer of peers) {
        const account = accounts.get(peer.owner!.accountId);
        if (account !== undefined) peer.reset(account.epoch);
        if (account === undefined || !alive.has(peer.owner!.sessionId)) {
          peer.end(EVENTS_CLOSE.authFailed, 'session ended');
        } else {
          peer.revision(account.rev);
        }
      }
    } catch (err) {
      log.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, 'sweep');
    }
  }

  notifier.subscribe(deliver);
  notifier.onMissed(() => void sweep());
  const sweeper = setInterval(() => void sweep(), settings.sweepEveryMs);
  sweeper.unref();

  return {
    webSocketServer,
    publish: (notice: AccountNotice) => notifier.publish(notice),
    connect: () => socketEvents(host),
    /** Sockets open on this instance (authenticated or not). */
    size: () => all.size,
    /** Closes every socket with 1001 (clients reconnect with backoff), then stops listening. */
    async close() {
      closing = true;
      clearInterval(sweeper);
      // It reads the database, which closes right after this.
      await sweeping;
      for (const peer of [...all]) peer.end(EVENTS_CLOSE.goingAway, 'server shutting down');
      const sockets = [...webSocketServer.clients];
      const grace = new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
      await Promise.race([
        Promise.all(sockets.map((s) => s.readyState === s.CLOSED || once(s, 'close'))),
        grace,
      ]);
      for (const socket of webSocketServer.clients) socket.terminate();
      await notifier.close();
    },
  };
}
