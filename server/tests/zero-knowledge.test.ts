import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  credentials,
  derive,
  keyMaterial,
  login,
  loginProof,
  register,
  seal,
  secretsSeen,
} from './client';
import { ENGINES, startTestServer, usePostgres, type TestServer } from './harness';
import { PG_BIN } from './postgres';
import { startSmtpPeer, type SmtpPeer } from './smtp';

usePostgres();

const run = promisify(execFile);

/** Every spelling a secret could be stored or logged in. */
function spellings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    secret,
    bytes.toString('hex'),
    bytes.toString('base64'),
    bytes.toString('base64url'),
  ].filter((s) => s.length >= 8);
}

describe.each(ENGINES)('zero knowledge on %s', (engine) => {
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

  it('stores and logs no item plaintext, password, account key, auth secret, token or OPAQUE message', async () => {
    const marker = `ZK-MARKER-${engine}-${Date.now()}`;
    const c = {
      ...credentials('zk'),
      password: `${marker}-password`,
      accountKey: `${marker}-account-key`,
    };
    const account = await register(api, c, 'a hint without secrets');
    const session = await login(api, c);
    const items = Array.from({ length: 20 }, (_, i) => ({
      id: `zk-${i}`,
      baseRev: 0,
      blob: seal(
        account.vaultKey,
        JSON.stringify({ name: `${marker} item ${i}`, password: `${marker}-item-pw-${i}` }),
      ),
    }));
    expect(
      (await api.call('POST', '/v1/sync', { epoch: 1, changes: items }, session.token)).status,
    ).toBe(200);

    // Password change and reset: more passwords and key material pass through the server.
    const changed = { ...c, password: `${marker}-second-password` };
    const km = await keyMaterial(
      changed,
      (registrationRequest) =>
        api.call('POST', '/v1/account/password/start', { registrationRequest }, session.token),
      account.vaultKey,
    );
    const proof = await loginProof(api, c);
    const pw = await api.call(
      'POST',
      '/v1/account/password',
      {
        currentLogin: proof.proof,
        registrationRecord: km.registrationRecord,
        kdf: km.kdf,
        wrappedVaultKey: km.wrappedVaultKey,
      },
      session.token,
    );
    expect(pw.status).toBe(200);
    const requested = await api.call('POST', '/v1/account/reset/request', { email: c.email });
    expect(requested.status).toBe(202);
    const resetMail = await server.lastMail(c.email, 'reset');
    const token = resetMail.resetToken!;
    const resetCode = resetMail.code!;
    const handle = requested.body.handle as string;
    const resetTo = {
      ...c,
      password: `${marker}-third-password`,
      accountKey: `${marker}-new-account-key`,
    };
    let epoch = 0;
    const rk = await keyMaterial(resetTo, async (registrationRequest) => {
      const r = await api.call('POST', '/v1/account/reset/start', {
        proof: { handle, code: resetCode },
        registrationRequest,
      });
      epoch = r.body.epoch as number;
      return r;
    });
    const confirm = await api.call('POST', '/v1/account/reset/confirm', {
      proof: { handle, code: resetCode },
      epoch,
      registrationRecord: rk.registrationRecord,
      kdf: rk.kdf,
      wrappedVaultKey: rk.wrappedVaultKey,
    });
    expect(confirm.status).toBe(200);
    const after = await login(api, resetTo);
    const licenseCode = await server.issueLicense('pro');
    expect(
      (await api.call('POST', '/v1/license/redeem', { code: licenseCode }, after.token)).body,
    ).toEqual({ plan: 'pro' });
    const verification = (await server.mails(c.email)).find((m) => m.kind === 'verification');
    const again = items
      .slice(0, 5)
      .map((i) => ({ ...i, blob: seal(rk.vaultKey, `${marker} after reset`) }));
    expect(
      (await api.call('POST', '/v1/sync', { epoch: 2, changes: again }, after.token)).status,
    ).toBe(200);
    // SQLite: the main file and its WAL are both scanned.
    const logs = server.logs.join('\n');
    await new Promise((r) => setTimeout(r, 100));

    const stored =
      engine === 'sqlite'
        ? (
            await Promise.all(
              (await readdir(server.dataDir))
                .filter((f) => f.startsWith('cassaforte.sqlite'))
                .map((f) => readFile(join(server.dataDir, f), 'latin1')),
            )
          ).join('\n')
        : (
            await run(join(PG_BIN, 'pg_dump'), ['--dbname', server.databaseUrl!], {
              maxBuffer: 64 * 1024 * 1024,
            })
          ).stdout;
    expect(stored.length).toBeGreaterThan(1000);
    // The stored data does hold the ciphertext (the scan would be vacuous otherwise).
    expect(stored).toContain(again[0]!.blob);

    const secrets = [
      marker,
      c.password,
      changed.password,
      resetTo.password,
      c.accountKey,
      resetTo.accountKey,
      ...secretsSeen.authSecrets,
      derive(c, km.kdf.salt).kek.toString('base64url'),
      account.vaultKey.toString('base64url'),
      rk.vaultKey.toString('base64url'),
      rk.vaultKey.toString('hex'),
    ].flatMap(spellings);
    for (const s of secrets)
      expect(stored.includes(s), `stored data holds ${s.slice(0, 24)}…`).toBe(false);
    for (const s of secrets) expect(logs.includes(s), `logs hold ${s.slice(0, 24)}…`).toBe(false);

    // Logs: also no tokens, no reset link, no OPAQUE message, no blob, no emailed code, no
    // handle, no license code.
    const codes = [verification!.code!, resetCode, handle, licenseCode];
    const logOnly = [
      ...secretsSeen.tokens,
      token,
      ...codes,
      ...secretsSeen.opaqueMessages,
      ...items.map((i) => i.blob),
      ...again.map((i) => i.blob),
    ];
    for (const s of logOnly) expect(logs.includes(s), `logs hold ${s.slice(0, 24)}…`).toBe(false);
    // Tokens are stored hashed only.
    for (const t of [...secretsSeen.tokens, token, ...codes.flatMap(spellings)])
      expect(stored.includes(t), `stored data holds ${t.slice(0, 12)}…`).toBe(false);
    expect(logs).toContain('"msg":"request"');
  });
});
