import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_CLOSE } from '../../lib/api';
import { Api, credentials, login, registerPro, seal, type Account } from './client';
import { liveSocket, openEvents, ticket } from './events-client';
import { ENGINES, startTestServer, usePostgres, type TestServer } from './harness';

usePostgres();

/** DESIGN §8: the notice crosses instances through PostgreSQL LISTEN/NOTIFY. */
describe.runIf(ENGINES.includes('postgres'))('live events across instances', () => {
  let first: TestServer;
  let second: TestServer;
  let api1: Api;
  let api2: Api;

  beforeAll(async () => {
    first = await startTestServer('postgres');
    second = await startTestServer('postgres', { shareWith: first });
    api1 = new Api(first.url, first);
    api2 = new Api(second.url, second);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  let n = 0;
  async function push(api: Api, account: Account, token: string): Promise<number> {
    n += 1;
    const change = { id: `i${n}`, baseRev: 0, blob: seal(account.vaultKey, `item ${n}`) };
    const reply = await api.call('POST', '/v1/sync', { epoch: 1, changes: [change] }, token);
    expect(reply.status).toBe(200);
    return reply.body.rev as number;
  }

  async function signedIn() {
    const account = await registerPro(api1, first, credentials());
    return {
      account,
      laptop: await login(api1, account, 'Laptop'),
      phone: await login(api2, account, 'Phone'),
    };
  }

  it('delivers a push on one instance to a socket held by another', async () => {
    const { account, laptop, phone } = await signedIn();
    const { socket } = await liveSocket(api1, laptop.token);
    const rev = await push(api2, account, phone.token);
    expect(await socket.next(2000)).toEqual({ type: 'rev', rev });
    socket.ws.close();
  });

  it('redeems on one instance a ticket issued by another', async () => {
    const { laptop } = await signedIn();
    const socket = await openEvents(first.url);
    socket.send({ type: 'auth', ticket: await ticket(api2, laptop.token) });
    expect(await socket.next()).toEqual({ type: 'ready', rev: 0, epoch: 1 });
    socket.ws.close();
  });

  it('closes a socket on one instance when the session signs out through another', async () => {
    const { laptop } = await signedIn();
    const { socket } = await liveSocket(api1, laptop.token);
    expect((await api2.call('POST', '/v1/auth/logout', undefined, laptop.token)).status).toBe(200);
    expect(await socket.closed).toBe(EVENTS_CLOSE.authFailed);
  });

  it('reconnects a dropped LISTEN connection and resends what was missed', async () => {
    const { account, laptop, phone } = await signedIn();
    const { socket } = await liveSocket(api1, laptop.token);
    const admin = new pg.Client({ connectionString: first.databaseUrl });
    await admin.connect();
    try {
      const listeners = `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and application_name = 'cassaforte-events'
          and state = 'idle' and query = 'LISTEN cassaforte_events'`;
      expect((await admin.query<{ n: number }>(listeners)).rows[0]!.n).toBe(2);
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and application_name = 'cassaforte-events'`);
      // Published while nobody listens, so PostgreSQL drops it; the reconnect resync sends it.
      const missed = await push(api2, account, phone.token);
      expect(await socket.next(5000)).toEqual({ type: 'rev', rev: missed });
      for (;;) {
        if ((await admin.query<{ n: number }>(listeners)).rows[0]!.n === 2) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const rev = await push(api2, account, phone.token);
      expect(await socket.next(2000)).toEqual({ type: 'rev', rev });
      expect(first.logs.join('\n')).toContain('LISTEN connection back');
    } finally {
      await admin.end();
      socket.ws.close();
    }
  });
});
