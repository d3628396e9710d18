import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetStartResponseSchema, sessionEndedErrorSchema, type ResetProof } from '../../lib/api';
import {
  Api,
  credentials,
  keyMaterial,
  login,
  register,
  seal,
  type Account,
  type Reply,
} from './client';
import { ENGINES, startTestServer, usePostgres, type TestServer } from './harness';
import { startSmtpPeer, type SmtpPeer } from './smtp';

usePostgres();

describe.each(ENGINES)('account reset on %s', (engine) => {
  let server: TestServer;
  let smtp: SmtpPeer;
  let api: Api;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    server = await startTestServer(engine, { smtp, trustProxy: true });
    api = new Api(server.url, server);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  /** Asks for a reset as a device would: keeps the handle, reads link and code from the email. */
  async function requestReset(email: string, from: Api = api) {
    const r = await from.call('POST', '/v1/account/reset/request', { email });
    expect(r.status).toBe(202);
    expect(Object.keys(r.body).sort()).toEqual(['handle', 'status']);
    expect(r.body.status).toBe('check-email');
    const mail = await server.lastMail(email, 'reset');
    return {
      mail,
      handle: r.body.handle as string,
      token: mail.resetToken!,
      code: mail.code!,
    };
  }

  /** Reset/start + confirm with new key material; returns the start or the confirm reply. */
  async function resetWith(
    proof: ResetProof,
    account: Account,
    password: string,
    options: { epoch?: number; from?: Api } = {},
  ): Promise<Reply> {
    const from = options.from ?? api;
    let epoch = 0;
    const km = await keyMaterial({ ...account, password }, async (registrationRequest) => {
      const reply = await from.call('POST', '/v1/account/reset/start', {
        proof,
        registrationRequest,
      });
      if (reply.status === 200) epoch = resetStartResponseSchema.parse(reply.body).epoch;
      return reply;
    });
    if (km.reply.status !== 200) return km.reply;
    return from.call('POST', '/v1/account/reset/confirm', {
      proof,
      epoch: options.epoch ?? epoch,
      registrationRecord: km.registrationRecord,
      kdf: km.kdf,
      wrappedVaultKey: km.wrappedVaultKey,
      hint: 'after reset',
    });
  }

  it('answers 202 with a fresh handle for unknown emails too, and sends nothing', async () => {
    const ghost = credentials('ghost').email;
    const a = await api.call('POST', '/v1/account/reset/request', { email: ghost });
    const b = await api.call('POST', '/v1/account/reset/request', { email: ghost });
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body).toEqual({ status: 'check-email', handle: expect.any(String) });
    expect(a.body.handle).not.toBe(b.body.handle);
    await new Promise((res) => setTimeout(res, 200));
    expect(await server.mails(ghost)).toEqual([]);
  });

  it('mails a link and a code; the link resets once: items gone, epoch + 1, sessions told when, plan kept', async () => {
    const c = credentials();
    const account = await register(api, c);
    const session = await login(api, c);
    // The plan was bought: a reset must not take it away.
    const redeem = await api.call(
      'POST',
      '/v1/license/redeem',
      { code: await server.issueLicense('pro') },
      session.token,
    );
    expect(redeem.body).toEqual({ plan: 'pro' });
    const push = await api.call(
      'POST',
      '/v1/sync',
      {
        epoch: 1,
        changes: [
          { id: 'a', baseRev: 0, blob: seal(account.vaultKey, 'one') },
          { id: 'b', baseRev: 0, blob: seal(account.vaultKey, 'two') },
        ],
      },
      session.token,
    );
    expect(push.status).toBe(200);

    const { mail, token, code } = await requestReset(c.email);
    expect(mail.to).toContain(c.email);
    expect(mail.text).toContain(`https://vault.cassaforte.test/reset#token=${token}`);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const before = Date.now();
    const confirm = await resetWith({ token }, account, 'new password');
    expect(confirm.status).toBe(200);
    expect(confirm.body).toEqual({ accountId: account.accountId, epoch: 2 });

    // A device signed in before the reset is told why its session ended, and when.
    const revoked = await api.call('GET', '/v1/sync', undefined, session.token);
    expect(revoked.status).toBe(409);
    const ended = sessionEndedErrorSchema.parse(revoked.body);
    expect(ended.error).toBe('stale_epoch');
    expect(ended.at).toBeGreaterThanOrEqual(before);
    expect(ended.at).toBeLessThanOrEqual(server.clock.now());
    expect((await api.call('GET', '/v1/sync', undefined, 'x'.repeat(43))).status).toBe(401);
    const again = await resetWith({ token }, account, 'third password');
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_token');

    const fresh = await login(api, { ...c, password: 'new password' });
    expect(fresh).toMatchObject({ epoch: 2, plan: 'pro', hint: 'after reset' });
    const pulled = await api.call('GET', '/v1/sync?since=0', undefined, fresh.token);
    expect(pulled.body).toMatchObject({ epoch: 2, items: [], more: false });
    const stale = await api.call(
      'POST',
      '/v1/sync',
      { epoch: 1, changes: [{ id: 'a', baseRev: 0, blob: 'AAAA' }] },
      fresh.token,
    );
    expect(stale.status).toBe(409);
    // A device that pushes for the old epoch hears when the reset happened too.
    expect(sessionEndedErrorSchema.parse(stale.body)).toMatchObject({
      error: 'stale_epoch',
      at: ended.at,
    });

    const notice = await server.lastMail(c.email, 'reset-done');
    expect(notice.subject).toBe('Your Cassaforte account was reset');
    expect(notice.text).toContain('signed out');
  });

  it('resets with the code and the handle of the device that asked, and reports what start needs', async () => {
    const c = credentials();
    const account = await register(api, c);
    const session = await login(api, c);
    await api.call(
      'POST',
      '/v1/sync',
      { epoch: 1, changes: [{ id: 'x', baseRev: 0, blob: 'AAAA' }] },
      session.token,
    );
    const { handle, code } = await requestReset(c.email);
    let started: Record<string, unknown> = {};
    await keyMaterial({ ...account, password: 'p' }, async (registrationRequest) => {
      const reply = await api.call('POST', '/v1/account/reset/start', {
        // Typed the way a person might: lower case, no dash.
        proof: { handle, code: code.toLowerCase().replace('-', '') },
        registrationRequest,
      });
      started = reply.body;
      return reply;
    });
    expect(started).toMatchObject({
      accountId: account.accountId,
      email: c.email,
      epoch: 2,
      itemCount: 1,
      plan: 'free',
    });
    // Start did not use the code up.
    expect((await resetWith({ handle, code }, account, 'p2')).status).toBe(200);
    const used = await resetWith({ handle, code }, account, 'p3');
    expect(used.status).toBe(400);
    expect(used.body.error).toBe('invalid_code');
  });

  it('takes a code only with its own handle', async () => {
    const c = credentials();
    const account = await register(api, c);
    const first = await requestReset(c.email);
    const second = await requestReset(c.email);
    expect(first.code).not.toBe(second.code);
    for (const proof of [
      { handle: first.handle, code: second.code },
      { handle: second.handle, code: first.code },
      { handle: 'A'.repeat(22), code: first.code },
    ]) {
      const wrong = await resetWith(proof, account, 'x');
      expect(wrong.status).toBe(400);
      expect(wrong.body).toEqual({
        error: 'invalid_code',
        message: expect.any(String),
      });
    }
    expect((await resetWith({ handle: first.handle, code: first.code }, account, 'y')).status).toBe(
      200,
    );
  });

  it('keeps earlier links valid when a new one is asked for, and a completed reset ends them all', async () => {
    const c = credentials();
    const account = await register(api, c);
    const older = await requestReset(c.email);
    const newer = await requestReset(c.email);
    expect(newer.token).not.toBe(older.token);
    expect((await resetWith({ token: older.token }, account, 'x')).status).toBe(200);
    const after = await resetWith({ token: newer.token }, account, 'y');
    expect(after.status).toBe(400);
    expect(after.body.error).toBe('invalid_token');
    const code = await resetWith({ handle: newer.handle, code: newer.code }, account, 'y');
    expect(code.body.error).toBe('invalid_code');
  });

  it('lets a stranger asking again and again never push out the owner’s link', async () => {
    const c = credentials();
    const account = await register(api, c);
    const owner = await requestReset(c.email);
    const stranger = api.from({ forwardedFor: '198.51.100.23' });
    const theirs = [];
    for (let i = 0; i < 5; i += 1) theirs.push(await requestReset(c.email, stranger));
    // The stranger's own oldest links went (a few per requester stay alive)…
    expect((await resetWith({ token: theirs[0]!.token }, account, 'x')).body.error).toBe(
      'invalid_token',
    );
    // …the owner's did not.
    expect((await resetWith({ token: owner.token }, account, 'mine')).status).toBe(200);
  });

  it('lets a link and a code expire after 30 minutes', async () => {
    const c = credentials();
    const account = await register(api, c);
    const { token, handle, code } = await requestReset(c.email);
    server.clock.advance(31 * 60_000);
    const late = await resetWith({ token }, account, 'x');
    expect(late.status).toBe(400);
    expect(late.body.error).toBe('invalid_token');
    expect((await resetWith({ handle, code }, account, 'x')).body.error).toBe('invalid_code');
  });

  it('refuses key material made for the wrong epoch and keeps the token', async () => {
    const c = credentials();
    const account = await register(api, c);
    const { token } = await requestReset(c.email);
    const wrong = await resetWith({ token }, account, 'x', { epoch: 7 });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toBe('stale_epoch');
    expect((await resetWith({ token }, account, 'x')).status).toBe(200);
  });
});
