import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../../lib/api';
import { Api, credentials, login, register } from './client';
import { garbageCrypto, malformed, rng, type FuzzRequest } from './fuzz-requests';
import { ENGINES, startTestServer, usePostgres, type TestServer } from './harness';

usePostgres();

const MALFORMED = 2400;
const GARBAGE_CRYPTO = 200;

describe.each(ENGINES)('fuzzing every endpoint on %s', (engine) => {
  let server: TestServer;
  let api: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    api = new Api(server.url, server);
  });
  afterAll(() => server?.close());

  async function send(req: FuzzRequest) {
    const res = await fetch(server.url + req.path, {
      method: req.method,
      headers: req.headers,
      body: req.body,
    });
    const text = await res.text();
    return { status: res.status, text };
  }

  it(`answers ${MALFORMED} malformed requests with a 4xx JSON error and stays healthy`, async () => {
    const c = credentials('fuzz');
    await register(api, c);
    const { token } = await login(api, c);
    const r = rng(engine === 'sqlite' ? 11 : 12);
    const requests = Array.from({ length: MALFORMED }, () => malformed(r, token));
    const garbage = Array.from({ length: GARBAGE_CRYPTO }, () => garbageCrypto(r, token));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const queue = [
      ...requests.map((q) => [q, true] as const),
      ...garbage.map((q) => [q, false] as const),
    ];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const [req, mustFail] = next;
          const { status, text } = await send(req);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          const ok = mustFail ? status >= 400 && status < 500 : status < 500;
          let shaped = true;
          if (status >= 400)
            shaped = errorResponseSchema.safeParse(JSON.parse(text || 'null')).success;
          if (!ok || !shaped)
            failures.push(
              `${req.method} ${req.path} ${String(req.body).slice(0, 200)} → ${status} ${text.slice(0, 200)}`,
            );
        }
      }),
    );
    if (process.env.FUZZ_DEBUG) console.log(engine, Object.fromEntries(statuses));
    expect(failures).toEqual([]);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    expect(server.logs.some((l) => l.includes('unhandled error'))).toBe(false);

    expect((await api.call('GET', '/v1/health')).status).toBe(200);
    const again = credentials('after-fuzz');
    await register(api, again);
    const s = await login(api, again);
    const push = await api.call(
      'POST',
      '/v1/sync',
      { epoch: 1, changes: [{ id: 'x', baseRev: 0, blob: 'AAAA' }] },
      s.token,
    );
    expect(push.status).toBe(200);
  }, 120_000);
});
