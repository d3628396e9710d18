import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountResponseSchema,
  errorResponseSchema,
  loginFinishResponseSchema,
  loginStartResponseSchema,
  preloginResponseSchema,
  sessionEndedErrorSchema,
} from '../../lib/api';
import {
  Api,
  credentials,
  keyMaterial,
  login,
  loginProof,
  register,
  registerPro,
  seal,
} from './client';
import { ENGINES, startTestServer, usePostgres, type TestServer } from './harness';

usePostgres();

describe.each(ENGINES)('accounts, sign-in, sessions and password change on %s', (engine) => {
  let server: TestServer;
  let api: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    api = new Api(server.url, server);
  });
  afterAll(() => server?.close());

  it('registers, prelogs in, signs in, reads the account and signs out', async () => {
    const c = credentials();
    const account = await register(api, c, 'the usual one');
    const pre = await api.call('POST', '/v1/auth/prelogin', { email: c.email.toUpperCase() });
    expect(pre.status).toBe(200);
    expect(preloginResponseSchema.parse(pre.body).kdf.ops).toBe(3);

    const session = await login(api, { ...c, email: `  ${c.email.toUpperCase()} ` }, 'Laptop');
    const parsed = loginFinishResponseSchema.parse(session);
    expect(parsed).toMatchObject({
      accountId: account.accountId,
      epoch: 1,
      rev: 0,
      plan: 'free',
      hint: 'the usual one',
    });

    const me = await api.call('GET', '/v1/account', undefined, session.token);
    expect(me.status).toBe(200);
    const info = accountResponseSchema.parse(me.body);
    expect(info).toMatchObject({ email: c.email, plan: 'free', rev: 0, epoch: 1 });
    expect(info.sessions).toEqual([
      expect.objectContaining({ deviceName: 'Laptop', current: true }),
    ]);

    expect((await api.call('POST', '/v1/auth/logout', undefined, session.token)).status).toBe(200);
    const after = await api.call('GET', '/v1/account', undefined, session.token);
    expect(after.status).toBe(401);
    expect(errorResponseSchema.parse(after.body).error).toBe('unauthorized');
  });

  it('answers prelogin and login start for unknown emails in the same shape, deterministically', async () => {
    const known = credentials();
    await register(api, known);
    const unknown = credentials('nobody');
    const a = await api.call('POST', '/v1/auth/prelogin', { email: unknown.email });
    const b = await api.call('POST', '/v1/auth/prelogin', { email: unknown.email });
    const k = await api.call('POST', '/v1/auth/prelogin', { email: known.email });
    expect([a.status, b.status, k.status]).toEqual([200, 200, 200]);
    expect(a.body).toEqual(b.body);
    expect(Object.keys(a.body.kdf).sort()).toEqual(Object.keys(k.body.kdf).sort());
    expect({ ...a.body.kdf, salt: '' }).toEqual({ ...k.body.kdf, salt: '' });

    const fake = await loginProof(api, unknown);
    expect(fake.status).toBe(200);
    expect(loginStartResponseSchema.parse(fake.reply.body)).toBeTruthy();
    // The fake response can never be finished by the client (no record to open).
    expect(fake.proof).toBeNull();
  });

  it('refuses a wrong password and a forged finish message', async () => {
    const c = credentials();
    await register(api, c);
    const wrong = await loginProof(api, { ...c, password: 'not it' });
    expect(wrong.status).toBe(200);
    expect(wrong.proof).toBeNull();
    const wrongKey = await loginProof(api, { ...c, accountKey: 'CF1-other' });
    expect(wrongKey.proof).toBeNull();

    const forged = await api.call('POST', '/v1/auth/login/finish', {
      loginId: wrong.reply.body.loginId,
      finishLoginRequest: 'A'.repeat(86),
      deviceName: 'x',
    });
    expect(forged.status).toBe(401);
    expect(forged.body.error).toBe('invalid_credentials');
    // The attempt was used up by the failure.
    const again = await api.call('POST', '/v1/auth/login/finish', {
      loginId: wrong.reply.body.loginId,
      finishLoginRequest: 'A'.repeat(86),
      deviceName: 'x',
    });
    expect(again.body.error).toBe('login_expired');
  });

  it('makes a login attempt single-use and lets it expire after 60 s', async () => {
    const c = credentials();
    await register(api, c);
    const first = await loginProof(api, c);
    const ok = await api.call('POST', '/v1/auth/login/finish', { ...first.proof, deviceName: 'a' });
    expect(ok.status).toBe(200);
    const replay = await api.call('POST', '/v1/auth/login/finish', {
      ...first.proof,
      deviceName: 'a',
    });
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe('login_expired');

    const late = await loginProof(api, c);
    server.clock.advance(61_000);
    const expired = await api.call('POST', '/v1/auth/login/finish', {
      ...late.proof,
      deviceName: 'a',
    });
    expect(expired.body.error).toBe('login_expired');
  });

  it('finishes a login on another instance than the one that started it', async () => {
    const c = credentials();
    await register(api, c);
    const other = await startTestServer(engine, { shareWith: server });
    try {
      const started = await loginProof(api, c);
      const fin = await new Api(other.url, other).call('POST', '/v1/auth/login/finish', {
        ...started.proof,
        deviceName: 'b',
      });
      expect(fin.status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('lists devices and revokes one', async () => {
    const c = credentials();
    await registerPro(api, server, c);
    const phone = await login(api, c, 'Phone');
    const laptop = await login(api, c, 'Laptop');
    const list = await api.call('GET', '/v1/account', undefined, laptop.token);
    expect(list.body.plan).toBe('pro');
    const phoneSession = list.body.sessions.find(
      (s: { deviceName: string }) => s.deviceName === 'Phone',
    );
    expect(list.body.sessions).toHaveLength(2);
    const del = await api.call(
      'DELETE',
      `/v1/account/sessions/${phoneSession.id}`,
      undefined,
      laptop.token,
    );
    expect(del.status).toBe(200);
    // The phone hears who signed it out, and when.
    const gone = await api.call('GET', '/v1/sync', undefined, phone.token);
    expect(gone.status).toBe(401);
    expect(sessionEndedErrorSchema.parse(gone.body)).toMatchObject({
      error: 'session_revoked',
      by: 'Laptop',
      at: expect.any(Number),
    });
    expect((await api.call('GET', '/v1/sync', undefined, laptop.token)).status).toBe(200);
    const missing = await api.call(
      'DELETE',
      `/v1/account/sessions/${phoneSession.id}`,
      undefined,
      laptop.token,
    );
    expect(missing.status).toBe(404);
  });

  it('changes the password: proof of the current one, other sessions revoked, items kept', async () => {
    const c = credentials();
    const account = await registerPro(api, server, c, 'old hint');
    const other = await login(api, c, 'Other device');
    const current = await login(api, c, 'This device');
    const push = await api.call(
      'POST',
      '/v1/sync',
      {
        epoch: 1,
        changes: [{ id: 'item-1', baseRev: 0, blob: seal(account.vaultKey, 'kept item') }],
      },
      current.token,
    );
    expect(push.status).toBe(200);

    const next = { ...c, password: 'brand new password' };
    const km = await keyMaterial(
      next,
      (registrationRequest) =>
        api.call('POST', '/v1/account/password/start', { registrationRequest }, current.token),
      account.vaultKey,
    );
    const body = {
      registrationRecord: km.registrationRecord,
      kdf: km.kdf,
      wrappedVaultKey: km.wrappedVaultKey,
      hint: 'new hint',
    };

    // A session token alone is not enough: a wrong current password fails the re-authentication.
    const badProof = await loginProof(api, { ...c, password: 'guess' });
    const forged = await api.call(
      'POST',
      '/v1/account/password',
      {
        ...body,
        currentLogin: { loginId: badProof.reply.body.loginId, finishLoginRequest: 'A'.repeat(86) },
      },
      current.token,
    );
    expect(forged.status).toBe(403);
    expect(forged.body.error).toBe('reauth_failed');

    // Someone else's proof does not count either.
    const stranger = credentials();
    await register(api, stranger);
    const strangerProof = await loginProof(api, stranger);
    const wrongAccount = await api.call(
      'POST',
      '/v1/account/password',
      { ...body, currentLogin: strangerProof.proof },
      current.token,
    );
    expect(wrongAccount.status).toBe(403);

    const proof = await loginProof(api, c);
    const changed = await api.call(
      'POST',
      '/v1/account/password',
      { ...body, currentLogin: proof.proof },
      current.token,
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ revokedSessions: 1 });

    expect((await api.call('GET', '/v1/sync', undefined, other.token)).status).toBe(401);
    const still = await api.call('GET', '/v1/sync', undefined, current.token);
    expect(still.status).toBe(200);
    expect(still.body.items).toHaveLength(1);
    expect(still.body.epoch).toBe(1);

    expect((await loginProof(api, c)).proof).toBeNull();
    const fresh = await login(api, next);
    expect(fresh).toMatchObject({ epoch: 1, hint: 'new hint' });
    const pre = await api.call('POST', '/v1/auth/prelogin', { email: c.email });
    expect(pre.body.kdf).toEqual(km.kdf);
  });

  it('needs a session for every account and sync endpoint', async () => {
    for (const [method, path] of [
      ['GET', '/v1/account'],
      ['GET', '/v1/sync'],
      ['POST', '/v1/sync'],
      ['POST', '/v1/auth/logout'],
      ['POST', '/v1/account/password/start'],
      ['POST', '/v1/account/password'],
      ['DELETE', '/v1/account/sessions/AAAAAAAAAAAAAAAAAAAAAA'],
      ['POST', '/v1/account/sessions/revoke-others'],
      ['POST', '/v1/account/unlocks'],
      ['POST', '/v1/license/redeem'],
    ] as const) {
      const r = await api.call(method, path, method === 'POST' ? {} : undefined, 'A'.repeat(43));
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer');
    }
  });
});
