import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEmailResponseSchema } from '../../lib/api';
import {
  Api,
  credentials,
  keyMaterial,
  login,
  newKdf,
  register,
  registerWith,
  verifyEmail,
  type Reply,
} from './client';
import { ENGINES, RELAXED_LIMITS, startTestServer, usePostgres, type TestServer } from './harness';

usePostgres();

/** Everything an answer shows but the Date header (which ticks) and the given random fields. */
function seen(reply: Reply, random: string[] = []) {
  const headers = [...reply.headers.entries()].filter(([name]) => name !== 'date');
  let text = reply.text;
  for (const field of random) {
    const value = (reply.body as Record<string, string>)[field];
    if (value !== undefined) text = text.replace(value, '·'.repeat(value.length));
  }
  return { status: reply.status, headers, text };
}

describe.each(ENGINES)('verified email at registration on %s', (engine) => {
  let server: TestServer;
  let api: Api;

  beforeAll(async () => {
    server = await startTestServer(engine, {
      trustProxy: true,
      rateLimits: {
        ...RELAXED_LIMITS,
        // 3 wrong codes per (email, address); the per-email ceiling far above.
        'verify-code': { ...RELAXED_LIMITS['verify-code'], pair: { limit: 3, windowMs: 60_000 } },
      },
    });
    api = new Api(server.url, server);
  });
  afterAll(() => server?.close());

  it('creates an account only with the code emailed to the address, once', async () => {
    const c = credentials('new');
    const verification = await verifyEmail(api, c.email);
    const mail = (await server.mails(c.email))[0]!;
    expect(mail).toMatchObject({
      kind: 'verification',
      subject: 'Your Cassaforte verification code',
    });
    expect(mail.text).toContain(verification.code);

    const missing = await api.call('POST', '/v1/accounts/register/finish', {
      accountId: randomBytes(16).toString('base64url'),
      email: c.email,
      registrationRecord: 'A'.repeat(256),
      kdf: newKdf(),
      wrappedVaultKey: 'A'.repeat(96),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('bad_request');

    const wrong = await registerWith(api, c, { ...verification, code: 'AAAA-AAAA' });
    expect(wrong.reply.status).toBe(400);
    expect(wrong.reply.body.error).toBe('invalid_code');
    // A wrong try leaves the right code working.
    const made = await registerWith(api, c, verification, 'hint');
    expect(made.reply.status).toBe(201);
    expect(made.reply.body).toEqual({ accountId: made.accountId, epoch: 1, plan: 'free' });
    expect((await login(api, c)).accountId).toBe(made.accountId);

    const again = await registerWith(api, { ...c, password: 'other' }, verification);
    expect(again.reply.status).toBe(400);
    expect(again.reply.body.error).toBe('invalid_code');
  });

  it('takes a code only for its own address and for 30 minutes', async () => {
    const a = credentials('a');
    const b = credentials('b');
    const forA = await verifyEmail(api, a.email);
    expect((await registerWith(api, b, forA)).reply.body.error).toBe('invalid_code');
    server.clock.advance(31 * 60_000);
    expect((await registerWith(api, a, forA)).reply.body.error).toBe('invalid_code');
    await register(api, a);
  });

  it('counts wrong codes per (email, address): a stranger’s guesses do not spend the owner’s tries', async () => {
    const c = credentials('guessed');
    const verification = await verifyEmail(api, c.email);
    const stranger = api.from({ forwardedFor: '198.51.100.7' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const guess = `${randomBytes(2).toString('hex').toUpperCase()}-0000`.replace(/[ILOU]/g, 'A');
      statuses.push(
        (await registerWith(stranger, c, { ...verification, code: guess })).reply.status,
      );
    }
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    // Even the right code is refused from there now…
    expect((await registerWith(stranger, c, verification)).reply.status).toBe(429);
    // …while the owner, elsewhere, still gets in with it.
    expect((await registerWith(api, c, verification)).reply.status).toBe(201);
  });

  it('answers a taken address exactly as a new one, at every step, and mails its owner a notice', async () => {
    const owner = credentials('owner');
    await register(api, owner);
    const fresh = credentials('fresh');
    // Same length, so that the bodies can be compared byte for byte.
    const taken = { ...fresh, email: owner.email };
    expect(taken.email.length).toBe(fresh.email.length);

    const verifyTaken = await api.call('POST', '/v1/accounts/verify', { email: taken.email });
    const verifyFresh = await api.call('POST', '/v1/accounts/verify', { email: fresh.email });
    expect(verifyEmailResponseSchema.parse(verifyTaken.body).status).toBe('check-email');
    expect(seen(verifyTaken, ['verificationId'])).toEqual(seen(verifyFresh, ['verificationId']));
    expect(verifyTaken.status).toBe(202);

    // register/start is stateless: the same shape for both (the OPAQUE answer differs by email).
    const startOf = async (email: string) => {
      let reply: Reply | undefined;
      await keyMaterial({ ...fresh, email }, async (registrationRequest) => {
        reply = await api.call('POST', '/v1/accounts/register/start', {
          email,
          registrationRequest,
        });
        return reply;
      });
      return reply!;
    };
    expect(seen(await startOf(taken.email), ['registrationResponse'])).toEqual(
      seen(await startOf(fresh.email), ['registrationResponse']),
    );

    // Finishing with a guessed code: byte for byte the same refusal.
    const guess = (id: string) => ({ id, code: 'ZZZZ-ZZZZ' });
    const finishTaken = await registerWith(
      api,
      taken,
      guess(verifyTaken.body.verificationId as string),
    );
    const finishFresh = await registerWith(
      api,
      fresh,
      guess(verifyFresh.body.verificationId as string),
    );
    expect(finishTaken.reply.status).toBe(400);
    expect(seen(finishTaken.reply)).toEqual(seen(finishFresh.reply));

    // The new address got a code; the owner got a notice, and no code.
    const notice = await server.lastMail(owner.email, 'account-exists');
    expect(notice.subject).toBe('Someone tried to create a Cassaforte account with your address');
    expect(notice.code).toBeUndefined();
    expect((await server.lastMail(fresh.email, 'verification')).code).toBeDefined();
  });
});
