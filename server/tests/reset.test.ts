import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetStartResponseSchema } from '../../lib/api';
import { Api, credentials, keyMaterial, login, register, seal, type Account } from './client';
import { ENGINES, startTestServer, usePostgres, type TestServer } from './harness';
import { startSmtpPeer, tokenFromMail, type SmtpPeer } from './smtp';

usePostgres();

describe.each(ENGINES)('account reset on %s', (engine) => {
  let server: TestServer;
  let smtp: SmtpPeer;
  let api: Api;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    server = await startTestServer(engine, { smtpUrl: smtp.url, defaultPlan: 'pro' });
    api = new Api(server.url);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  async function requestReset(email: string) {
    const before = smtp.messages.length;
    const r = await api.call('POST', '/v1/account/reset/request', { email });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ status: 'check-email' });
    const mail = await smtp.waitFor(
      (m) => smtp.messages.indexOf(m) >= before && m.subject === 'Reset your Cassaforte account',
    );
    return { mail, token: tokenFromMail(mail) };
  }

  /** Reset/start + confirm with new key material; returns the confirm reply. */
  async function resetWith(
    token: string,
    account: Account,
    password: string,
    epochOverride?: number,
  ) {
    let epoch = 0;
    const next = { ...account, password };
    const km = await keyMaterial(next, async (registrationRequest) => {
      const reply = await api.call('POST', '/v1/account/reset/start', {
        token,
        registrationRequest,
      });
      if (reply.status === 200) epoch = resetStartResponseSchema.parse(reply.body).epoch;
      return reply;
    });
    if (km.reply.status !== 200) return km.reply;
    return api.call('POST', '/v1/account/reset/confirm', {
      token,
      epoch: epochOverride ?? epoch,
      registrationRecord: km.registrationRecord,
      kdf: km.kdf,
      wrappedVaultKey: km.wrappedVaultKey,
      hint: 'after reset',
    });
  }

  it('answers 202 for unknown emails too, and sends nothing', async () => {
    const before = smtp.messages.length;
    const r = await api.call('POST', '/v1/account/reset/request', {
      email: credentials('ghost').email,
    });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ status: 'check-email' });
    await new Promise((res) => setTimeout(res, 200));
    expect(smtp.messages.length).toBe(before);
  });

  it('mails a link whose token resets once: items gone, epoch + 1, sessions gone, plan kept', async () => {
    const c = credentials();
    const account = await register(api, c);
    const session = await login(api, c);
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

    const { mail, token } = await requestReset(c.email);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain(c.email);
    expect(mail.text).toContain(`https://vault.cassaforte.test/reset#token=${token}`);

    // Start reports what will be erased and the epoch to wrap the new vault key for.
    const confirm = await resetWith(token, account, 'new password');
    expect(confirm.status).toBe(200);
    expect(confirm.body).toEqual({ accountId: account.accountId, epoch: 2 });

    // A device signed in before the reset is told why its session ended, not only to sign in.
    const revoked = await api.call('GET', '/v1/sync', undefined, session.token);
    expect(revoked.status).toBe(409);
    expect(revoked.body.error).toBe('stale_epoch');
    expect((await api.call('GET', '/v1/sync', undefined, 'x'.repeat(43))).status).toBe(401);
    const again = await resetWith(token, account, 'third password');
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
    expect(stale.body.error).toBe('stale_epoch');

    const notice = await smtp.waitFor(
      (m) =>
        m.subject === 'Your Cassaforte account was reset' &&
        (m.to && 'text' in m.to ? m.to.text : '').includes(c.email),
    );
    expect(notice.text).toContain('signed out');
  });

  it('reports the item count at start without using the token up', async () => {
    const c = credentials();
    const account = await register(api, c);
    const session = await login(api, c);
    await api.call(
      'POST',
      '/v1/sync',
      { epoch: 1, changes: [{ id: 'x', baseRev: 0, blob: 'AAAA' }] },
      session.token,
    );
    const { token } = await requestReset(c.email);
    let started: Record<string, unknown> = {};
    await keyMaterial({ ...account, password: 'p' }, async (registrationRequest) => {
      const reply = await api.call('POST', '/v1/account/reset/start', {
        token,
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
    });
    expect((await resetWith(token, account, 'p2')).status).toBe(200);
  });

  it('kills an older token when a newer one is issued', async () => {
    const c = credentials();
    const account = await register(api, c);
    const older = await requestReset(c.email);
    const newer = await requestReset(c.email);
    expect(newer.token).not.toBe(older.token);
    const stale = await resetWith(older.token, account, 'x');
    expect(stale.status).toBe(400);
    expect(stale.body.error).toBe('invalid_token');
    expect((await resetWith(newer.token, account, 'y')).status).toBe(200);
  });

  it('lets a token expire after 30 minutes', async () => {
    const c = credentials();
    const account = await register(api, c);
    const { token } = await requestReset(c.email);
    server.clock.advance(31 * 60_000);
    const late = await resetWith(token, account, 'x');
    expect(late.status).toBe(400);
    expect(late.body.error).toBe('invalid_token');
  });

  it('refuses key material made for the wrong epoch and keeps the token', async () => {
    const c = credentials();
    const account = await register(api, c);
    const { token } = await requestReset(c.email);
    const wrong = await resetWith(token, account, 'x', 7);
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toBe('stale_epoch');
    expect((await resetWith(token, account, 'x')).status).toBe(200);
  });
});
