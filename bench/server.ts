/**
 * Server budget of DESIGN §7: ≥ 3,000 empty-delta sync requests/s on SQLite, 2 cores. Also
 * measures a 100-item push and a full OPAQUE sign-in (DESIGN §3 asks for the sign-in time).
 * The server runs in a child process; the load comes from this one over 127.0.0.1.
 * `npx tsx bench/server.ts` alone, or through `npm run bench` (bench/run.ts).
 */
import { randomBytes } from 'node:crypto';
import autocannon, { type Result } from 'autocannon';
import { Api, credentials, login, register } from '../server/tests/client';
import { outboxMailbox } from '../server/tests/mailbox';
import { startServerProcess } from './server/child';
import { formatTable, median, percentile, type BenchRow } from './table';

const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 8);
const SYNC_BUDGET = 3000;

function check(result: Result, what: string) {
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(`${what}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  }
}

async function emptyDelta(url: string, token: string, rev: number): Promise<BenchRow> {
  const options = {
    url: `${url}/v1/sync?since=${rev}`,
    connections: 32,
    headers: { Authorization: `Bearer ${token}` },
  };
  await autocannon({ ...options, duration: 1 }); // warm-up: JIT, SQLite page cache
  const result = await autocannon({ ...options, duration: SECONDS });
  check(result, 'empty delta');
  const rps = result.requests.average;
  return {
    what: 'server, SQLite: empty-delta GET /v1/sync',
    budget: `≥ ${SYNC_BUDGET.toLocaleString('en')} req/s`,
    measured: `${Math.round(rps).toLocaleString('en')} req/s (p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms)`,
    ok: rps >= SYNC_BUDGET,
  };
}

async function push100(url: string, token: string): Promise<BenchRow> {
  let batch = 0;
  const result = await autocannon({
    url: `${url}/v1/sync`,
    connections: 8,
    duration: Math.max(2, Math.round(SECONDS / 2)),
    requests: [
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        // New ids every time: each request creates 100 items of ~500 bytes of ciphertext.
        setupRequest: (request) => {
          batch += 1;
          const changes = Array.from({ length: 100 }, (_, i) => ({
            id: `b${batch}-${i}`,
            baseRev: 0,
            blob: randomBytes(384).toString('base64url'),
          }));
          return { ...request, body: JSON.stringify({ epoch: 1, changes }) };
        },
      },
    ],
  });
  check(result, '100-item push');
  const rps = result.requests.average;
  return {
    what: 'server, SQLite: POST /v1/sync, 100 new items',
    budget: '—',
    measured: `${rps.toFixed(0)} pushes/s = ${Math.round(rps * 100).toLocaleString('en')} items/s (p50 ${result.latency.p50} ms)`,
  };
}

async function signIns(api: Api, c: Parameters<typeof login>[1]): Promise<BenchRow> {
  const times: number[] = [];
  const until = performance.now() + Math.max(2000, (SECONDS * 1000) / 2);
  // One client signing in back to back: prelogin + OPAQUE start + finish, its own OPAQUE work
  // included (the light key stretching; the Argon2id before it is the unlock bench's).
  while (performance.now() < until) {
    const t = performance.now();
    await login(api, c, 'bench');
    times.push(performance.now() - t);
  }
  return {
    what: 'sign-in over HTTP (prelogin + OPAQUE login, client work included)',
    budget: '—',
    measured: `median ${median(times).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (${times.length} sign-ins)`,
  };
}

export async function run(): Promise<BenchRow[]> {
  const server = await startServerProcess();
  try {
    const api = new Api(server.url, outboxMailbox(server.dataDir));
    const c = credentials('bench');
    await register(api, c);
    const { token } = await login(api, c, 'bench');
    const seed = await api.call(
      'POST',
      '/v1/sync',
      {
        epoch: 1,
        changes: [{ id: 'seed', baseRev: 0, blob: randomBytes(300).toString('base64url') }],
      },
      token,
    );
    const rows = [await emptyDelta(server.url, token, seed.body.rev as number)];
    rows.push(await push100(server.url, token));
    rows.push(await signIns(api, c));
    return rows;
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatTable(await run()));
}
