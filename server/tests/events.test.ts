import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EVENTS_CLOSE,
  EVENTS_MAX_SOCKETS_PER_SESSION,
  EVENTS_TICKET_SECONDS,
  errorResponseSchema,
  eventTicketResponseSchema,
} from '../../lib/api';
import { Api, credentials, login, registerPro, seal } from './client';
import {
  EXTENSION_ORIGIN,
  handshake,
  liveSocket,
  openEvents,
  roundTrip,
  ticket,
} from './events-client';
import { ENGINES, startTestServer, usePostgres, type TestServer } from './harness';

usePostgres();

describe.each(ENGINES)('live events (/v1/events) on %s', (engine) => {
  let server: TestServer;
  let api: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    api = new Api(server.url, server);
  });
  afterAll(() => server?.close());

  async function newAccount() {
    const account = await registerPro(api, server, credentials());
    const laptop = await login(api, account, 'Laptop');
    const phone = await login(api, account, 'Phone');
    let n = 0;
    const push = async (token = phone.token) => {
      n += 1;
      const change = { id: `item-${n}`, baseRev: 0, blob: seal(account.vaultKey, `secret ${n}`) };
      const reply = await api.call('POST', '/v1/sync', { epoch: 1, changes: [change] }, token);
      expect(reply.status).toBe(200);
      return reply.body.rev as number;
    };
    return { account, laptop, phone, push };
  }

  it('issues a ticket that opens a socket: ready with the revision and epoch', async () => {
    const { laptop, push } = await newAccount();
    const rev = await push();
    const reply = await api.call('POST', '/v1/events/ticket', undefined, laptop.token);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const body = eventTicketResponseSchema.parse(reply.body);
    expect(body.expiresInSeconds).toBe(EVENTS_TICKET_SECONDS);
    expect(body.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // An empty JSON body is as good as none.
    const withBody = await api.call('POST', '/v1/events/ticket', {}, laptop.token);
    expect(withBody.status).toBe(200);
    expect(withBody.body.ticket).not.toBe(body.ticket);

    const socket = await openEvents(server.url);
    socket.send({ type: 'auth', ticket: body.ticket });
    expect(await socket.next()).toEqual({ type: 'ready', rev, epoch: 1 });
    socket.ws.close();

    expect((await api.call('POST', '/v1/events/ticket')).status).toBe(401);
  });

  it('tells every socket of the account the new revision of a push from another device', async () => {
    const { laptop, push } = await newAccount();
    const first = await liveSocket(api, laptop.token);
    const second = await liveSocket(api, laptop.token);
    expect(first.ready.rev).toBe(0);
    const rev = await push();
    // DESIGN §7: a change shows on another device within 2 s; the notice is a small part of it.
    expect(await first.socket.next(2000)).toEqual({ type: 'rev', rev });
    expect(await second.socket.next(2000)).toEqual({ type: 'rev', rev });
    // A push from the socket's own session is news for its other sockets too.
    const own = await push(laptop.token);
    expect(await first.socket.next(2000)).toEqual({ type: 'rev', rev: own });
    first.socket.ws.close();
    second.socket.ws.close();
  });

  it("says nothing about another account's pushes", async () => {
    const mine = await newAccount();
    const theirs = await newAccount();
    const watched = await liveSocket(api, mine.laptop.token);
    const control = await liveSocket(api, theirs.laptop.token);
    const rev = await theirs.push();
    // Once the other account's own socket has its notice, this instance has dispatched it.
    expect(await control.socket.next()).toEqual({ type: 'rev', rev });
    await roundTrip(watched.socket);
    watched.socket.ws.close();
    control.socket.ws.close();
  });

  it('closes with 4401 for a used, unknown or expired ticket', async () => {
    const { laptop } = await newAccount();
    const used = await ticket(api, laptop.token);
    const first = await openEvents(server.url);
    first.send({ type: 'auth', ticket: used });
    expect((await first.next()).type).toBe('ready');
    const again = await openEvents(server.url);
    again.send({ type: 'auth', ticket: used });
    expect(await again.closed).toBe(EVENTS_CLOSE.authFailed);

    const unknown = await openEvents(server.url);
    unknown.send({ type: 'auth', ticket: 'A'.repeat(43) });
    expect(await unknown.closed).toBe(EVENTS_CLOSE.authFailed);

    const late = await ticket(api, laptop.token);
    server.clock.advance(EVENTS_TICKET_SECONDS * 1000 + 1);
    const expired = await openEvents(server.url);
    expired.send({ type: 'auth', ticket: late });
    expect(await expired.closed).toBe(EVENTS_CLOSE.authFailed);
    first.ws.close();
  });

  it('refuses to upgrade for any origin but the extension’s, with 403', async () => {
    for (const origin of [undefined, 'https://evil.example', 'chrome-extension://x/../evil']) {
      const refused = await handshake(server.url, origin === undefined ? {} : { Origin: origin });
      expect(refused).toMatchObject({ status: 403, upgraded: false });
    }
    expect(await handshake(server.url, { Origin: EXTENSION_ORIGIN })).toMatchObject({
      status: 101,
      upgraded: true,
    });
    expect(
      await handshake(server.url, {
        Origin: 'moz-extension://0b8a3c1e-5f2d-4e6a-9c7b-1d2e3f4a5b6c',
      }),
    ).toMatchObject({ upgraded: true });
    // Without an upgrade the answer is the API's usual JSON error.
    const plain = await fetch(`${server.url}/v1/events`, { headers: { Origin: 'https://x.test' } });
    expect(plain.status).toBe(403);
    expect(errorResponseSchema.parse(await plain.json()).error).toBe('forbidden');
    const noUpgrade = await fetch(`${server.url}/v1/events`, {
      headers: { Origin: EXTENSION_ORIGIN },
    });
    expect(noUpgrade.status).toBe(426);
  });

  it('closes with 4400 on a malformed or unexpected message, 1009 on an oversized one', async () => {
    const { laptop } = await newAccount();
    const cases: Array<[unknown, number]> = [
      ['not json', EVENTS_CLOSE.badMessage],
      [[1, 2], EVENTS_CLOSE.badMessage],
      [{ type: 'subscribe' }, EVENTS_CLOSE.badMessage],
      [{ type: 'auth', ticket: 'short' }, EVENTS_CLOSE.badMessage],
      [{ type: 'ping' }, EVENTS_CLOSE.badMessage], // before auth
      [{ type: 'auth', ticket: 'A'.repeat(43), extra: 1 }, EVENTS_CLOSE.badMessage],
      [Buffer.from('{"type":"ping"}'), EVENTS_CLOSE.badMessage], // binary frame
      [`{"type":"ping","pad":"${'x'.repeat(1100)}"}`, EVENTS_CLOSE.tooBig],
    ];
    for (const [message, code] of cases) {
      const socket = await openEvents(server.url);
      if (Buffer.isBuffer(message)) socket.ws.send(message);
      else socket.send(message);
      expect(await socket.closed, JSON.stringify(message).slice(0, 60)).toBe(code);
    }
    const { socket } = await liveSocket(api, laptop.token);
    socket.send({ type: 'auth', ticket: await ticket(api, laptop.token) });
    expect(await socket.closed).toBe(EVENTS_CLOSE.badMessage);
  });

  it('answers ping with pong', async () => {
    const { laptop } = await newAccount();
    const { socket } = await liveSocket(api, laptop.token);
    for (let i = 0; i < 3; i += 1) await roundTrip(socket);
    socket.ws.close();
  });

  it('keeps a handful of sockets per session: the oldest gives way with 4429', async () => {
    const { laptop, phone } = await newAccount();
    const sockets = [];
    for (let i = 0; i < EVENTS_MAX_SOCKETS_PER_SESSION; i += 1) {
      sockets.push((await liveSocket(api, laptop.token)).socket);
    }
    const other = await liveSocket(api, phone.token);
    const newest = await liveSocket(api, laptop.token);
    expect(await sockets[0]!.closed).toBe(EVENTS_CLOSE.tooMany);
    for (const socket of [...sockets.slice(1), other.socket, newest.socket]) {
      await roundTrip(socket);
      socket.ws.close();
    }
  });

  it('limits tickets per session', async () => {
    const { laptop, phone } = await newAccount();
    // The budget is a fixed one-minute window: start at the beginning of one, so the 31 requests
    // never straddle two (CI met that once).
    const t = server.clock.now();
    server.clock.advance(60_000 - (t % 60_000) + 10);
    const replies = [];
    for (let i = 0; i < 31; i += 1) {
      replies.push(await api.call('POST', '/v1/events/ticket', undefined, laptop.token));
    }
    expect(replies.slice(0, 30).every((r) => r.status === 200)).toBe(true);
    expect(replies[30]!.status).toBe(429);
    expect(replies[30]!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await api.call('POST', '/v1/events/ticket', undefined, phone.token)).status).toBe(200);
  });

  it('never writes a ticket or a token to the log', async () => {
    const { laptop } = await newAccount();
    const issued = await ticket(api, laptop.token);
    const socket = await openEvents(server.url);
    socket.send({ type: 'auth', ticket: issued });
    await socket.next();
    socket.ws.close();
    await socket.closed;
    const logs = server.logs.join('\n');
    expect(logs).toContain('"path":"/v1/events"');
    expect(logs).toContain('"path":"/v1/events/ticket"');
    expect(logs).not.toContain(issued);
    expect(logs).not.toContain(laptop.token);
  });
});
