import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLicenseCode, formatLicenseCode } from '../../lib/account-key/codes';
import { runCli } from '../cli';
import { Api, credentials, login, register } from './client';
import { ENGINES, startTestServer, usePostgres, type TestServer } from './harness';

usePostgres();

describe.each(ENGINES)('license codes on %s', (engine) => {
  let server: TestServer;
  let api: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    api = new Api(server.url, server);
  });
  afterAll(() => server?.close());

  const redeem = (token: string, code: string) =>
    api.call('POST', '/v1/license/redeem', { code }, token);

  async function signedIn(tag: string) {
    const c = credentials(tag);
    await register(api, c);
    return login(api, c);
  }

  it('issues single-use codes from the admin command; redeeming one makes the account pro', async () => {
    const env = {
      CASSAFORTE_DATA: server.dataDir,
      ...(server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : {}),
    };
    const out: string[] = [];
    expect(
      await runCli(['license', 'issue', '--plan', 'pro', '--count', '2'], env, (l) => out.push(l)),
    ).toBe(0);
    expect(out).toHaveLength(2);
    for (const code of out) expect(checkLicenseCode(code).code).toBe(code);
    expect(out[0]).not.toBe(out[1]);

    const first = await signedIn('buyer');
    expect(first.plan).toBe('free');
    // Typed the way a person might: lower case, spaces for dashes.
    const typed = out[0]!.toLowerCase().replace(/-/g, ' ');
    const redeemed = await redeem(first.token, typed);
    expect(redeemed.status).toBe(200);
    expect(redeemed.body).toEqual({ plan: 'pro' });
    expect((await api.call('GET', '/v1/account', undefined, first.token)).body.plan).toBe('pro');

    // A code works once, for whoever tries it next.
    const again = await redeem(first.token, out[0]!);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_license');
    const someoneElse = await signedIn('second');
    expect((await redeem(someoneElse.token, out[0]!)).body.error).toBe('invalid_license');
    expect((await redeem(someoneElse.token, out[1]!)).body).toEqual({ plan: 'pro' });
  });

  it('refuses unknown and malformed codes, and needs a session', async () => {
    const s = await signedIn('unknown');
    const unknown = await redeem(s.token, formatLicenseCode(new Uint8Array(16).fill(7)));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('invalid_license');
    // A changed check character: to 'Q', or to 'R' when it was 'Q' (1 code in 32 failed here).
    const issued = await server.issueLicense('pro');
    const typo = await redeem(s.token, issued.slice(0, -1) + (issued.endsWith('Q') ? 'R' : 'Q'));
    expect(typo.status).toBe(400);
    expect(typo.body.error).toBe('bad_request');
    expect((await redeem('A'.repeat(43), await server.issueLicense('pro'))).status).toBe(401);
  });

  it('limits tries per session', async () => {
    const s = await signedIn('tries');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const bytes = new Uint8Array(16).fill(i + 1);
      statuses.push((await redeem(s.token, formatLicenseCode(bytes))).status);
    }
    expect(statuses.slice(0, 10).every((x) => x === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('never lowers a plan', async () => {
    const s = await signedIn('keep');
    await redeem(s.token, await server.issueLicense('pro'));
    expect((await redeem(s.token, await server.issueLicense('free'))).body).toEqual({
      plan: 'pro',
    });
  });
});
