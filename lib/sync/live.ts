/**
 * The live channel (DESIGN §4 "Live"): while the vault is open, one WebSocket to the server's
 * `/v1/events` that only ever says "the account's revision is now N"; each notice starts a sync.
 * Authenticated by a single-use ticket sent as the first message (no token in the URL, where it
 * would end up in logs; a browser cannot set headers on a WebSocket). Pings every 20 s, which is
 * also what keeps Chrome's MV3 worker alive while the channel is open (Chrome 116+). Closes on
 * lock, reconnects with backoff otherwise; the periodic alarm and the popup-open sync stay as the
 * fallback for when it cannot run (Firefox suspends its event page when idle).
 */
import {
  EVENTS_CLOSE,
  EVENTS_PING_EVERY_MS,
  eventServerMessageSchema,
  type EventClientMessage,
} from '@/lib/api/events';
import type { ApiClient } from './client';

/** The part of the browser's WebSocket the channel uses (so tests can pass Node's `ws`). */
export interface LiveSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number }) => void): void;
}
export type LiveSocketFactory = (url: string) => LiveSocket;

export interface LiveTarget {
  serverUrl: string;
  token: string;
  api: Pick<ApiClient, 'eventTicket'>;
}

export type LiveState = 'off' | 'connecting' | 'open' | 'waiting';

export interface LiveChannel {
  /** Opens the channel for `target` (no-op if it is already open for it). */
  start(target: LiveTarget): void;
  /** Closes it for good (lock, sign-out). */
  stop(): void;
  state(): LiveState;
}

const OPEN = 1;
const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000];

export function createLiveChannel(deps: {
  socket: LiveSocketFactory;
  /** The account's revision moved (or may have, after a reconnect): sync. */
  onRevision: (rev: number) => void;
  /** The server ended the session (4401) or the account was reset (4409): a sync finds out. */
  onRefused: () => void;
  /** Jitter for the backoff; tests pin it. */
  random?: () => number;
}): LiveChannel {
  const random = deps.random ?? Math.random;
  let target: LiveTarget | undefined;
  let socket: LiveSocket | undefined;
  let state: LiveState = 'off';
  let failures = 0;
  let pinger: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every start and stop, so a late answer of an older attempt changes nothing. */
  let attempt = 0;

  function clearTimers() {
    clearInterval(pinger);
    clearTimeout(retry);
    pinger = undefined;
    retry = undefined;
  }

  function send(message: EventClientMessage) {
    if (socket?.readyState === OPEN) socket.send(JSON.stringify(message));
  }

  function later() {
    clearTimers();
    state = 'waiting';
    const base = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)]!;
    failures += 1;
    const mine = attempt;
    retry = setTimeout(() => mine === attempt && void connect(), base * (0.75 + random() / 2));
  }

  async function connect() {
    const current = target;
    if (!current) return;
    const mine = ++attempt;
    state = 'connecting';
    let ticket: string;
    try {
      ({ ticket } = await current.api.eventTicket(current.token));
    } catch {
      if (mine === attempt) later(); // offline or refused: the next sync says which
      return;
    }
    if (mine !== attempt) return;
    let opened: LiveSocket;
    try {
      opened = deps.socket(eventsUrl(current.serverUrl));
    } catch {
      later();
      return;
    }
    socket = opened;
    opened.addEventListener('open', () => send({ type: 'auth', ticket }));
    // A failed or abandoned socket reports an error before its close, which decides what next.
    opened.addEventListener('error', () => undefined);
    opened.addEventListener('message', (event) => {
      if (mine !== attempt || typeof event.data !== 'string') return;
      const parsed = eventServerMessageSchema.safeParse(parseJson(event.data));
      if (!parsed.success) return; // not ours to act on; the server closes if it is confused
      const message = parsed.data;
      if (message.type === 'ready') {
        state = 'open';
        failures = 0;
        clearInterval(pinger);
        pinger = setInterval(() => send({ type: 'ping' }), EVENTS_PING_EVERY_MS);
        deps.onRevision(message.rev); // changes made while we were away
      } else if (message.type === 'rev') {
        deps.onRevision(message.rev);
      }
    });
    opened.addEventListener('close', (event) => {
      if (mine !== attempt) return;
      socket = undefined;
      clearTimers();
      if (event.code === EVENTS_CLOSE.authFailed || event.code === EVENTS_CLOSE.accountReset) {
        state = 'off';
        deps.onRefused();
        return;
      }
      later();
    });
  }

  return {
    start(next) {
      const same =
        target?.serverUrl === next.serverUrl && target.token === next.token && state !== 'off';
      target = next;
      if (same) return;
      attempt += 1;
      closeSocket();
      failures = 0;
      void connect();
    },
    stop() {
      target = undefined;
      attempt += 1; // the old socket's events no longer count
      closeSocket();
      state = 'off';
    },
    state: () => state,
  };

  function closeSocket() {
    clearTimers();
    const old = socket;
    socket = undefined;
    if (old) {
      try {
        old.close(1000, 'locked');
      } catch {
        // already closed
      }
    }
  }
}

/** `http(s)://host/base` → `ws(s)://host/base/v1/events`. */
export function eventsUrl(serverUrl: string): string {
  const url = new URL('/v1/events', serverUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
