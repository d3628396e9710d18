import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_CLOSE, resetStartResponseSchema } from '../../lib/api';
import { SESSION_IDLE_MS } from '../services/sessions';
import { Api, credentials, keyMaterial, login, loginProof, registerPro, seal } from './client';
import { liveSocket, openEvents, roundTrip, ticket } from './events-client';
import { ENGINES, startTestServer, usePostgres, type TestServer } from './harness';
import { startSmtpPeer, type SmtpPeer } from './smtp';

usePostgres();

/** What ends a socket besides the client: sign-out, password change, reset, shutdown, silence. */
describe.each(ENGINES)('live events lifecycle on %s', (engine) => {
  let server: TestServer;
  let smtp: SmtpPeer;
  let api: Api;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    server = await startTestServer(engine, { smtp });
    api = new Api(server.url, server);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  async function twoDevices() {
    const account = await registerPro(api, server, credentials());
    return {
      account,
      laptop: await login(api, account, 'Laptop'),
      phone: await login(api, account, 'Phone'),
    };
  }

  it('closes a session’s sockets with 4401 when it signs out, and only those', async () => {
    const { laptop, phone } = await twoDevices();
    const leaving = await liveSocket(api, laptop.token);
    const staying = await liveSocket(api, phone.token);
    expect((await api.call('POST', '/v1/auth/logout', undefined, laptop.token)).status).toBe(200);
    expect(await leaving.socket.closed).toBe(EVENTS_CLOSE.authFailed);
    await roundTrip(staying.socket);
    staying.socket.ws.close();
  });

  it('closes a removed device’s sockets with 4401', async () => {
    const { laptop, phone } = await twoDevices();
    const removed = await liveSocket(api, phone.token);
    const me = await api.call('GET', '/v1/account', undefined, laptop.token);
    const phoneSession = (me.body.sessions as Array<{ id: string; deviceName: string }>).find(
      (s) => s.deviceName === 'Phone',
    )!;
    const reply = await api.call(
      'DELETE',
      `/v1/account/sessions/${phoneSession.id}`,
      undefined,
      laptop.token,
    );
    expect(reply.status).toBe(200);
    expect(await removed.socket.closed).toBe(EVENTS_CLOSE.authFailed);
  });

  it('closes the other sessions’ sockets with 4401 after a password change', async () => {
    const { account, laptop, phone } = await twoDevices();
    const other = await liveSocket(api, phone.token);
    const own = await liveSocket(api, laptop.token);
    const next = { ...account, password: 'a new password' };
    const km = await keyMaterial(
      next,
      (registrationRequest) =>
        api.call('POST', '/v1/account/password/start', { registrationRequest }, laptop.token),
      account.vaultKey,
    );
    const proof = await loginProof(api, account);
    const changed = await api.call(
      'POST',
      '/v1/account/password',
      {
        registrationRecord: km.registrationRecord,
        kdf: km.kdf,
        wrappedVaultKey: km.wrappedVaultKey,
        currentLogin: proof.proof,
      },
      laptop.token,
    );
    expect(changed.status).toBe(200);
    expect(await other.socket.closed).toBe(EVENTS_CLOSE.authFailed);
    await roundTrip(own.socket);
    own.socket.ws.close();
  });

  it('closes every socket of a reset account with 4409', async () => {
    const { account, laptop, phone } = await twoDevices();
    const sockets = [await liveSocket(api, laptop.token), await liveSocket(api, phone.token)];
    await api.call('POST', '/v1/account/reset/request', { email: account.email });
    const { resetToken: token } = await server.lastMail(account.email, 'reset');
    let epoch = 0;
    const km = await keyMaterial({ ...account, password: 'after reset' }, async (request) => {
      const reply = await api.call('POST', '/v1/account/reset/start', {
        proof: { token },
        registrationRequest: request,
      });
      epoch = resetStartResponseSchema.parse(reply.body).epoch;
      return reply;
    });
    const confirmed = await api.call('POST', '/v1/account/reset/confirm', {
      proof: { token },
      epoch,
      registrationRecord: km.registrationRecord,
      kdf: km.kdf,
      wrappedVaultKey: km.wrappedVaultKey,
    });
    expect(confirmed.status).toBe(200);
    for (const { socket } of sockets) expect(await socket.closed).toBe(EVENTS_CLOSE.accountReset);

    // Signed in anew, the device gets a socket at the new epoch.
    const fresh = await login(api, { ...account, password: 'after reset' });
    const again = await liveSocket(api, fresh.token);
    expect(again.ready).toEqual({ type: 'ready', rev: expect.any(Number), epoch: 2 });
    again.socket.ws.close();
  });

  it('closes unauthenticated and idle sockets with 4408; pings keep a socket open', async () => {
    const quick = await startTestServer(engine, {
      shareWith: server,
      events: { authTimeoutMs: 150, idleCloseMs: 400 },
    });
    try {
      const quickApi = new Api(quick.url, quick);
      const silent = await openEvents(quick.url);
      expect(await silent.closed).toBe(EVENTS_CLOSE.timeout);

      const { laptop } = await twoDevices();
      const idle = await liveSocket(quickApi, laptop.token);
      const opened = Date.now();
      const busy = await liveSocket(quickApi, laptop.token);
      const closedAt = idle.socket.closed.then((code) => ({ code, at: Date.now() }));
      // Pings every 100 ms for well past the idle limit.
      while (Date.now() - opened < 900) {
        await roundTrip(busy.socket);
        await new Promise((r) => setTimeout(r, 100));
      }
      const closed = await closedAt;
      expect(closed.code).toBe(EVENTS_CLOSE.timeout);
      // The server's timer started just before `ready` reached us.
      expect(closed.at - opened).toBeGreaterThanOrEqual(350);
      await roundTrip(busy.socket);
      busy.socket.ws.close();
    } finally {
      await quick.close();
    }
  });

  it('notices an expired session and a missed revision in its sweep', async () => {
    const swept = await startTestServer(engine, {
      shareWith: server,
      events: { sweepEveryMs: 50 },
    });
    try {
      const sweptApi = new Api(swept.url, swept);
      const { account, laptop, phone } = await twoDevices();
      const watching = await liveSocket(sweptApi, laptop.token);
      // Pushed through the other instance: on SQLite its emitter never reaches this one (as
      // when a notice is lost), and the sweep still brings the revision; on PostgreSQL NOTIFY.
      const reply = await api.call(
        'POST',
        '/v1/sync',
        { epoch: 1, changes: [{ id: 'x', baseRev: 0, blob: seal(account.vaultKey, 'x') }] },
        phone.token,
      );
      expect(await watching.socket.next()).toEqual({ type: 'rev', rev: reply.body.rev });

      // Thirty idle days later, the session is over and the sweep says so.
      server.clock.advance(SESSION_IDLE_MS + 1000);
      expect(await watching.socket.closed).toBe(EVENTS_CLOSE.authFailed);
    } finally {
      server.clock.advance(-(SESSION_IDLE_MS + 1000));
      await swept.close();
    }
  });

  it('closes every socket with 1001 when the server shuts down', async () => {
    const doomed = await startTestServer(engine, { shareWith: server });
    const doomedApi = new Api(doomed.url, doomed);
    const { laptop } = await twoDevices();
    const authed = await liveSocket(doomedApi, laptop.token);
    const waiting = await openEvents(doomed.url);
    const started = Date.now();
    await doomed.close();
    expect(await authed.socket.closed).toBe(EVENTS_CLOSE.goingAway);
    expect(await waiting.closed).toBe(EVENTS_CLOSE.goingAway);
    expect(Date.now() - started).toBeLessThan(1000);
    // A ticket issued before the shutdown works on the next instance.
    const next = await startTestServer(engine, { shareWith: server });
    try {
      const issued = await ticket(api, laptop.token);
      const socket = await openEvents(next.url);
      socket.send({ type: 'auth', ticket: issued });
      expect((await socket.next()).type).toBe('ready');
      socket.ws.close();
    } finally {
      await next.close();
    }
  });
});
