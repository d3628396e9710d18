/**
 * The load for bench/events.ts, in a process of its own (open files: 20,000 per process): opens
 * sockets the way the extension does (ticket over HTTP, socket from an extension origin, auth,
 * `ready`), holds them idle with a ping every 20 s each, and times one push's notices.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import {
  EVENTS_PING_EVERY_MS,
  eventServerMessageSchema,
  eventTicketResponseSchema,
} from '../../lib/api/events';
import { median, percentile } from '../table';
import { serve } from './ipc';

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

interface Held {
  ws: WebSocket;
  /** Time the current push's notice arrived (ms since the push started), or undefined. */
  noticedAfter?: number;
}

const held: Held[] = [];
let onNotice: ((socket: Held) => void) | undefined;

async function openOne(url: string, token: string): Promise<void> {
  const reply = await fetch(`${url}/v1/events/ticket`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  });
  if (reply.status !== 200) throw new Error(`ticket: HTTP ${reply.status}`);
  const { ticket } = eventTicketResponseSchema.parse(await reply.json());
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/events`, { origin: ORIGIN });
  const socket: Held = { ws };
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('close', (code) => reject(new Error(`closed with ${code}`)));
    ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', ticket })));
    ws.on('message', (data) => {
      const message = eventServerMessageSchema.parse(JSON.parse(String(data)));
      if (message.type === 'ready') resolve();
      else if (message.type === 'rev') onNotice?.(socket);
    });
  });
  ws.removeAllListeners('error').removeAllListeners('close');
  ws.on('error', () => undefined);
  // Like the extension's worker: a ping every 20 s, spread out so they do not come in bursts.
  const ping = () => ws.readyState === ws.OPEN && ws.send('{"type":"ping"}');
  setTimeout(() => setInterval(ping, EVENTS_PING_EVERY_MS).unref(), Math.random() * 20_000).unref();
  held.push(socket);
}

async function open(url: string, tokens: string[], total: number, concurrency: number) {
  const started = performance.now();
  let nextIndex = 0;
  let failed = 0;
  let firstError = '';
  const worker = async () => {
    for (let i = nextIndex++; i < total; i = nextIndex++) {
      try {
        await openOne(url, tokens[i % tokens.length]!);
      } catch (error) {
        failed += 1;
        firstError ||= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return {
    type: 'opened',
    ready: held.length,
    failed,
    firstError,
    ms: performance.now() - started,
  };
}

/**
 * One push through HTTP; resolves when every held socket has been told a new revision. Nothing
 * else writes to the account meanwhile, so any `rev` notice now is this push's (it can even
 * arrive before the HTTP answer).
 */
async function push(url: string, token: string) {
  let pending = held.length;
  const started = performance.now();
  const all = new Promise<void>((resolve) => {
    onNotice = (socket) => {
      if (socket.noticedAfter !== undefined) return;
      socket.noticedAfter = performance.now() - started;
      if (--pending === 0) resolve();
    };
  });
  const change = { id: 'bench-live', baseRev: 0, blob: randomBytes(300).toString('base64url') };
  const reply = await fetch(`${url}/v1/sync`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ epoch: 1, changes: [change] }),
  });
  const pushMs = performance.now() - started;
  if (reply.status !== 200) throw new Error(`push: HTTP ${reply.status}`);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${pending} sockets never heard of it`)), 30_000);
  });
  await Promise.race([all, timeout]).finally(() => clearTimeout(timer));
  const times = held.map((s) => s.noticedAfter!);
  return {
    type: 'notified',
    sockets: times.length,
    pushMs,
    lastMs: Math.max(...times),
    medianMs: median(times),
    p99Ms: percentile(times, 99),
  };
}

serve(async (m) => {
  if (m.type === 'open') {
    return open(m.url as string, m.tokens as string[], m.total as number, m.concurrency as number);
  }
  if (m.type === 'push') return push(m.url as string, m.token as string);
  throw new Error(`unknown request ${m.type}`);
});
process.send?.({ type: 'started' });
