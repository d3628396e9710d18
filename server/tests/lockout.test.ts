/**
 * Someone who knows only the email must not be able to stop the owner (issue 11, DESIGN §5):
 * neither lock their sign-in nor cancel their reset link. Run with the server's real default
 * budgets; the attacker comes from another client address (X-Forwarded-For behind a trusted
 * proxy, or a socket bound to 127.0.0.2), the owner from 127.0.0.1.
 */
import * as opaque from '@serenity-kit/opaque';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetStartResponseSchema } from '../../lib/api';
import { DEFAULT_RATE_LIMITS } from '../services/rate-limit';
import { LINKS_PER_REQUESTER } from '../services/reset';
import { Api, credentials, keyMaterial, login, register, type Account } from './client';
import { ENGINES, policyOf, startTestServer, usePostgres, type TestServer } from './harness';

usePostgres();

/** A login start with a wrong password, as a script that knows only the email would send. */
async function loginStart(api: Api, email: string) {
  await opaque.ready;
  const { startLoginRequest } = opaque.client.startLogin({ password: 'a guess' });
  return (await api.call('POST', '/v1/auth/login/start', { email, startLoginRequest })).status;
}

async function until429(send: () => Promise<number>, max: number) {
  const statuses: number[] = [];
  for (let i = 0; i < max; i += 1) {
    const status = await send();
    statuses.push(status);
    if (status === 429) break;
  }
  return statuses;
}

describe.each(ENGINES)('lock-out attacks on %s, with the default budgets', (engine) => {
  let server: TestServer;
  let owner: Api;

  beforeAll(async () => {
    server = await startTestServer(engine, { rateLimits: DEFAULT_RATE_LIMITS, trustProxy: true });
    owner = new Api(server.url, server);
  });
  afterAll(() => server?.close());

  it('a stranger spends their own sign-in budget; the owner still signs in', async () => {
    const c = credentials('owner');
    await register(owner, c);
    const stranger = owner.from({ forwardedFor: '203.0.113.66' });
    const starts = await until429(() => loginStart(stranger, c.email), 100);
    expect(starts.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(starts.at(-1)).toBe(429);
    expect(starts.length).toBe(DEFAULT_RATE_LIMITS.login.pair.limit + 1);
    const prelogins = await until429(
      async () => (await stranger.call('POST', '/v1/auth/prelogin', { email: c.email })).status,
      100,
    );
    expect(prelogins.at(-1)).toBe(429);

    // The owner, at 127.0.0.1, is not locked out.
    expect((await login(owner, c, 'Owner laptop')).token).toBeDefined();
  });

  it('counts IPv6 by /64: rotating addresses inside one does not buy more tries', async () => {
    const c = credentials('owner6');
    await register(owner, c);
    let n = 0;
    const starts = await until429(
      () =>
        loginStart(
          owner.from({ forwardedFor: `2001:db8:66:1::${(n += 1).toString(16)}` }),
          c.email,
        ),
      100,
    );
    expect(starts.length).toBe(DEFAULT_RATE_LIMITS.login.pair.limit + 1);
    expect(await loginStart(owner.from({ forwardedFor: '2001:db8:66:2::1' }), c.email)).toBe(200);
    expect((await login(owner, c)).token).toBeDefined();
  });

  it('a stranger bound to 127.0.0.2 (no proxy involved) cannot lock out the owner at 127.0.0.1', async () => {
    const c = credentials('owner-local');
    await register(owner, c);
    const stranger = owner.from({ localAddress: '127.0.0.2' });
    const starts = await until429(() => loginStart(stranger, c.email), 100);
    expect(starts.at(-1)).toBe(429);
    expect((await login(owner, c)).token).toBeDefined();
  });

  /** start + confirm of a reset with new key material; the confirm's status. */
  async function reset(api: Api, account: Account, proof: object) {
    let epoch = 0;
    const km = await keyMaterial({ ...account, password: 'after reset' }, async (request) => {
      const reply = await api.call('POST', '/v1/account/reset/start', {
        proof,
        registrationRequest: request,
      });
      if (reply.status === 200) epoch = resetStartResponseSchema.parse(reply.body).epoch;
      return reply;
    });
    if (km.reply.status !== 200) return km.reply.status;
    const confirm = await api.call('POST', '/v1/account/reset/confirm', {
      proof,
      epoch,
      registrationRecord: km.registrationRecord,
      kdf: km.kdf,
      wrappedVaultKey: km.wrappedVaultKey,
    });
    return confirm.status;
  }

  it('a stranger asking for resets and guessing codes neither cancels the owner’s link nor spends the owner’s tries', async () => {
    const c = credentials('reset-owner');
    const account = await register(owner, c);
    const asked = await owner.call('POST', '/v1/account/reset/request', { email: c.email });
    const handle = asked.body.handle as string;
    const mail = await server.lastMail(c.email, 'reset');

    const stranger = owner.from({ forwardedFor: '198.51.100.9' });
    const handles: string[] = [];
    const requests = await until429(async () => {
      const r = await stranger.call('POST', '/v1/account/reset/request', { email: c.email });
      if (r.status === 202) handles.push(r.body.handle as string);
      return r.status;
    }, 100);
    expect(requests.length).toBe(DEFAULT_RATE_LIMITS.reset.pair.limit + 1);
    // Their emails went to the owner (so their links exist on the server)…
    for (let i = 0; i < 100 && (await server.mails(c.email)).length < 1 + handles.length; i += 1)
      await new Promise((r) => setTimeout(r, 20));
    // …and the stranger guesses their codes, with their own handles (the owner's never left the
    // owner's device), the newest few that are still alive.
    const alive = handles.slice(-LINKS_PER_REQUESTER);
    let guess = 0;
    const guesses = await until429(async () => {
      guess += 1;
      const code = `AAAA-${String(guess).padStart(4, '0')}`;
      const r = await stranger.call('POST', '/v1/account/reset/start', {
        proof: { handle: alive[guess % alive.length], code },
        registrationRequest: 'A'.repeat(43),
      });
      return r.status;
    }, 100);
    expect(guesses.slice(0, -1).every((s) => s === 400)).toBe(true);
    expect(guesses.length).toBe(DEFAULT_RATE_LIMITS['reset-code'].pair.limit + 1);

    // The owner can still ask, and their own code and link still work.
    expect((await owner.call('POST', '/v1/account/reset/request', { email: c.email })).status).toBe(
      202,
    );
    await keyMaterial({ ...account, password: 'x' }, async (registrationRequest) => {
      const r = await owner.call('POST', '/v1/account/reset/start', {
        proof: { handle, code: mail.code },
        registrationRequest,
      });
      expect(r.status).toBe(200);
      return r;
    });
    expect(await reset(owner, account, { token: mail.resetToken })).toBe(200);
  });

  it('wrong codes, even the owner’s own, never kill the link', async () => {
    const c = credentials('typo');
    const account = await register(owner, c);
    const asked = await owner.call('POST', '/v1/account/reset/request', { email: c.email });
    const mail = await server.lastMail(c.email, 'reset');
    const handle = asked.body.handle as string;
    const tries = await until429(
      async () =>
        (
          await owner.call('POST', '/v1/account/reset/start', {
            proof: { handle, code: 'ZZZZ-ZZZZ' },
            registrationRequest: 'A'.repeat(43),
          })
        ).status,
      100,
    );
    expect(tries.at(-1)).toBe(429);
    // Out of tries for codes here: even the right one waits…
    expect(await reset(owner, account, { handle, code: mail.code })).toBe(429);
    // …but the link works.
    expect(await reset(owner, account, { token: mail.resetToken })).toBe(200);
  });
});

describe('the per-email ceiling', () => {
  it('bounds what many addresses together can do, far above one person', async () => {
    const minute = (limit: number) => ({ limit, windowMs: 60_000 });
    const server = await startTestServer('sqlite', {
      trustProxy: true,
      rateLimits: {
        ...policyOf(minute(1000)),
        login: { pair: minute(2), email: minute(5), address: minute(1000) },
      },
    });
    try {
      const api = new Api(server.url, server);
      const c = credentials('ceiling');
      await register(api, c);
      const statuses: number[] = [];
      for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
        for (let i = 0; i < 3; i += 1) {
          statuses.push(await loginStart(api.from({ forwardedFor: address }), c.email));
        }
      }
      // Two per address, and the fifth overall is the last: the ceiling holds.
      expect(statuses).toEqual([200, 200, 429, 200, 200, 429, 200, 429, 429]);
    } finally {
      await server.close();
    }
  });
});
