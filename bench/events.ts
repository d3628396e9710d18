/**
 * Live events (DESIGN §4 "Live", §7, §8): how many idle authenticated WebSockets one server
 * instance (SQLite) holds, what each costs it in memory, and how long one push takes to reach
 * all of them. Three processes: the server (bench/events/server-child.ts), the load generator
 * (bench/events/load-child.ts; open files are limited per process), and this one, which signs
 * the sessions in. Every socket of one account, so that one push is news for all; at most
 * EVENTS_MAX_SOCKETS_PER_SESSION per session, as the server allows.
 * `npx tsx bench/events.ts` alone, or `npx tsx bench/run.ts events`.
 */
import { open as openFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENTS_MAX_SOCKETS_PER_SESSION } from '../lib/api/events';
import { Api, credentials, login, register } from '../server/tests/client';
import { outboxMailbox } from '../server/tests/mailbox';
import { forkChild } from './events/ipc';
import { formatTable, type BenchRow } from './table';

const SOCKETS = Number(process.env.BENCH_EVENTS_SOCKETS ?? 10_000);
const BUDGET = 10_000;
const CONCURRENCY = 64;

interface Memory {
  rss: number;
  heapUsed: number;
}
interface Opened {
  ready: number;
  failed: number;
  firstError: string;
  ms: number;
}
interface Notified {
  sockets: number;
  pushMs: number;
  lastMs: number;
  medianMs: number;
  p99Ms: number;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function signIns(api: Api, c: Parameters<typeof login>[1], count: number) {
  const tokens: string[] = [];
  const worker = async () => {
    while (tokens.length < count) tokens.push((await login(api, c, 'bench')).token);
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return tokens.slice(0, count);
}

export async function run(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'cassaforte-bench-events-'));
  const log = await openFile(join(dir, 'server.log'), 'w');
  const server = forkChild('./server-child.ts', {
    execArgv: ['--expose-gc'],
    stdio: log.fd,
    env: {
      CASSAFORTE_DATA: join(dir, 'data'),
      CASSAFORTE_PORT: '0',
      // Every ticket comes from 127.0.0.1 at load-test speed.
      CASSAFORTE_RATE_LIMITS: 'off',
      CASSAFORTE_DEFAULT_PLAN: 'pro',
      CASSAFORTE_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      DATABASE_URL: '',
      SMTP_URL: '',
    },
  });
  const load = forkChild('./load-child.ts');
  try {
    const { url } = await server.next<{ url: string }>('listening');
    await load.next('started');
    const api = new Api(url, outboxMailbox(join(dir, 'data')));
    const c = credentials('bench');
    await register(api, c);
    const sessions = Math.ceil(SOCKETS / EVENTS_MAX_SOCKETS_PER_SESSION);
    const signInStarted = performance.now();
    const tokens = await signIns(api, c, sessions);
    const signInSeconds = (performance.now() - signInStarted) / 1000;

    const before = await server.ask<Memory>({ type: 'memory' }, 'memory');
    const opened = await load.ask<Opened>(
      { type: 'open', url, tokens, total: SOCKETS, concurrency: CONCURRENCY },
      'opened',
    );
    const after = await server.ask<Memory>({ type: 'memory' }, 'memory');
    const notified = await load.ask<Notified>({ type: 'push', url, token: tokens[0] }, 'notified');

    const n = opened.ready;
    return [
      {
        what: 'live events: idle authenticated WebSockets held by one instance (SQLite)',
        budget: `≥ ${BUDGET.toLocaleString('en')} per instance`,
        measured:
          `${n.toLocaleString('en')} held over ${sessions.toLocaleString('en')} sessions, ` +
          `opened in ${(opened.ms / 1000).toFixed(1)} s (ticket + handshake + auth, ` +
          `${CONCURRENCY} at a time), ${opened.failed} failed` +
          (opened.firstError ? ` (${opened.firstError})` : ''),
        ok: n >= BUDGET && opened.failed === 0,
      },
      {
        what: 'live events: server memory per idle socket (after GC)',
        budget: '—',
        measured:
          `${kb((after.rss - before.rss) / n)} RSS, ${kb((after.heapUsed - before.heapUsed) / n)} ` +
          `JS heap (RSS ${mb(before.rss)} → ${mb(after.rss)}, heap ${mb(before.heapUsed)} → ` +
          `${mb(after.heapUsed)})`,
      },
      {
        what: `live events: one push → rev notice at all ${n.toLocaleString('en')} sockets`,
        budget: '— (part of ≤ 2 s device to device)',
        measured:
          `last after ${notified.lastMs.toFixed(0)} ms (median ${notified.medianMs.toFixed(0)} ms, ` +
          `p99 ${notified.p99Ms.toFixed(0)} ms; the push answered in ${notified.pushMs.toFixed(0)} ms)`,
      },
      {
        what: 'live events: bench setup, sign-ins for the sessions',
        budget: '—',
        measured: `${sessions.toLocaleString('en')} OPAQUE sign-ins in ${signInSeconds.toFixed(1)} s`,
      },
    ];
  } finally {
    await load.stop();
    await server.ask({ type: 'stop' }, 'stopped').catch(() => undefined);
    await server.stop();
    await log.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatTable(await run()));
}
