import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountResponseSchema,
  deviceLimitErrorSchema,
  EVENTS_CLOSE,
  sessionEndedErrorSchema,
} from '../../lib/api';
import { SESSION_IDLE_MS, SESSION_LIFETIME_MS } from '../services/sessions';
import { Api, credentials, login, loginProof, register, registerPro } from './client';
import { liveSocket } from './events-client';
import { ENGINES, startTestServer, usePostgres, type TestServer } from './harness';

usePostgres();

const DAY = 24 * 60 * 60_000;

describe.each(ENGINES)('devices and plans on %s', (engine) => {
  let server: TestServer;
  let api: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    api = new Api(server.url, server);
  });
  afterAll(() => server?.close());

  const account = (token: string) =>
    api
      .call('GET', '/v1/account', undefined, token)
      .then((r) => accountResponseSchema.parse(r.body));

  /** login/finish after a right proof; the raw reply. */
  async function finish(c: Parameters<typeof login>[1], deviceName: string, signOut?: string[]) {
    const { proof } = await loginProof(api, c);
    return api.call('POST', '/v1/auth/login/finish', {
      ...proof,
      deviceName,
      ...(signOut === undefined ? {} : { signOutSessions: signOut }),
    });
  }

  it('free plan: a second device is refused with the signed-in one, and gets in by signing it out', async () => {
    const c = credentials('free');
    await register(api, c);
    const laptop = await login(api, c, 'Firefox on Linux');
    expect(laptop.plan).toBe('free');
    await api.call('POST', '/v1/account/unlocks', { unlockedAt: server.clock.now() }, laptop.token);
    const socket = await liveSocket(api, laptop.token);

    const refused = await finish(c, 'Chrome on Windows');
    expect(refused.status).toBe(403);
    const limit = deviceLimitErrorSchema.parse(refused.body);
    expect(limit).toMatchObject({ error: 'device_limit', plan: 'free', deviceLimit: 1 });
    expect(limit.sessions).toEqual([
      expect.objectContaining({
        id: laptop.sessionId,
        deviceName: 'Firefox on Linux',
        lastUnlockedAt: expect.any(Number),
      }),
    ]);
    // Refused: the laptop is still signed in.
    expect((await api.call('GET', '/v1/sync', undefined, laptop.token)).status).toBe(200);

    // Ids of another account are ignored: still refused, and that account keeps its device.
    const other = credentials('other');
    await register(api, other);
    const theirs = await login(api, other, 'Their phone');
    expect((await finish(c, 'Chrome on Windows', [theirs.sessionId])).status).toBe(403);
    expect((await api.call('GET', '/v1/sync', undefined, theirs.token)).status).toBe(200);

    const before = server.clock.now();
    const desktop = await finish(c, 'Chrome on Windows', [laptop.sessionId]);
    expect(desktop.status).toBe(200);
    // The laptop hears at once (its socket) and at its next request who signed it out, and when.
    expect(await socket.socket.closed).toBe(EVENTS_CLOSE.authFailed);
    const told = await api.call('GET', '/v1/sync', undefined, laptop.token);
    expect(told.status).toBe(401);
    expect(sessionEndedErrorSchema.parse(told.body)).toEqual({
      error: 'session_revoked',
      message: expect.any(String),
      by: 'Chrome on Windows',
      at: expect.any(Number),
    });
    expect(told.body.at).toBeGreaterThanOrEqual(before);
    const mine = await account(desktop.body.token as string);
    expect(mine.sessions.map((s) => s.deviceName)).toEqual(['Chrome on Windows']);
  });

  it('free plan: of six devices signing in at the same moment, exactly one gets in', async () => {
    const c = credentials('race');
    await register(api, c);
    // Both proofs first, then both finishes at once: the limit check and the new session are one
    // transaction behind the account row, so they cannot both see zero devices.
    const proofs = await Promise.all(Array.from({ length: 6 }, () => loginProof(api, c)));
    const replies = await Promise.all(
      proofs.map(({ proof }, i) =>
        api.call('POST', '/v1/auth/login/finish', { ...proof, deviceName: `Device ${i}` }),
      ),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 403)).toHaveLength(5);
  });

  it('pro plan: any number of devices; one signs all the others out', async () => {
    const c = credentials('pro');
    await registerPro(api, server, c);
    const [a, b, d] = [
      await login(api, c, 'A'),
      await login(api, c, 'B'),
      await login(api, c, 'D'),
    ];
    expect(a.plan).toBe('pro');
    const revoked = await api.call('POST', '/v1/account/sessions/revoke-others', {}, b.token);
    expect(revoked.body).toEqual({ revokedSessions: 2 });
    for (const gone of [a, d]) {
      const r = await api.call('GET', '/v1/account', undefined, gone.token);
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ error: 'session_revoked', by: 'B' });
    }
    expect((await account(b.token)).sessions).toEqual([
      expect.objectContaining({ deviceName: 'B', current: true }),
    ]);
    // Its own sign-out is a plain logout, not a notice to itself.
    const own = await api.call('DELETE', `/v1/account/sessions/${b.sessionId}`, undefined, b.token);
    expect(own.status).toBe(200);
    const after = await api.call('GET', '/v1/account', undefined, b.token);
    expect(after.body.error).toBe('unauthorized');
  });

  it('keeps the latest unlock each device reports, never later than now', async () => {
    const c = credentials('unlock');
    await register(api, c);
    const s = await login(api, c, 'Laptop');
    expect((await account(s.token)).sessions[0]!.lastUnlockedAt).toBeNull();
    const t = server.clock.now();
    const report = (unlockedAt: number) =>
      api.call('POST', '/v1/account/unlocks', { unlockedAt }, s.token);
    expect((await report(t - 5000)).body).toEqual({ ok: true });
    await report(t - 60_000);
    expect((await account(s.token)).sessions[0]!.lastUnlockedAt).toBe(t - 5000);
    await report(t + 10 * DAY);
    const capped = (await account(s.token)).sessions[0]!.lastUnlockedAt!;
    expect(capped).toBeGreaterThanOrEqual(t);
    expect(capped).toBeLessThanOrEqual(server.clock.now());
    expect((await report(-1)).status).toBe(400);
  });

  it('ends a session after a year, used or not, and after 30 idle days', async () => {
    const c = credentials('year');
    await register(api, c);
    const kept = await login(api, c, 'Used every month');
    const started = server.clock.now();
    // Used every 29 days, it never goes idle…
    while (server.clock.now() + 29 * DAY < started + SESSION_LIFETIME_MS) {
      server.clock.advance(29 * DAY);
      expect((await api.call('GET', '/v1/sync', undefined, kept.token)).status).toBe(200);
    }
    const listed = (await account(kept.token)).sessions[0]!;
    expect(listed.expiresAt).toBe(listed.createdAt + SESSION_LIFETIME_MS);
    // …but a year after it began, it asks for the password again.
    server.clock.advance(started + SESSION_LIFETIME_MS - server.clock.now() + 1000);
    const expired = await api.call('GET', '/v1/sync', undefined, kept.token);
    expect(expired.status).toBe(401);
    expect(sessionEndedErrorSchema.parse(expired.body)).toMatchObject({
      error: 'session_expired',
      at: listed.createdAt + SESSION_LIFETIME_MS,
    });

    const idle = await login(api, c, 'Left alone');
    server.clock.advance(SESSION_IDLE_MS + 1000);
    const gone = await api.call('GET', '/v1/sync', undefined, idle.token);
    expect(gone.status).toBe(401);
    expect(gone.body.error).toBe('unauthorized');
  });

  it('mails the owner about a sign-in on a new device, but not about the first one', async () => {
    const c = credentials('notice');
    await registerPro(api, server, c);
    expect((await server.mails(c.email)).map((m) => m.kind)).toEqual(['verification']);
    await login(api, c, 'Firefox on macOS');
    const mail = await server.lastMail(c.email, 'new-sign-in');
    expect(mail.subject).toBe('New sign-in to your Cassaforte account');
    expect(mail.text).toContain('Firefox on macOS');
    expect(mail.text).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });
});
