import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as opaque from '@serenity-kit/opaque';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { loadSecrets } from '../secrets';
import { Api, credentials, register } from './client';
import { policyOf, startTestServer } from './harness';

const dirs: string[] = [];
async function tempDir() {
  const d = await mkdtemp(join(tmpdir(), 'cassaforte-startup-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('settings', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:8787',
      databaseUrl: undefined,
      smtpUrl: undefined,
      defaultPlan: 'free',
      trustProxy: false,
      rateLimits: true,
    });
    expect(config.dataDir).toBe(join(process.cwd(), 'data'));
    expect(loadConfig({ CASSAFORTE_PORT: '9000' }).publicUrl).toBe('http://127.0.0.1:9000');
    expect(loadConfig({ PUBLIC_URL: 'https://vault.example.com/' }).publicUrl).toBe(
      'https://vault.example.com',
    );
    expect(
      loadConfig({ CASSAFORTE_TRUST_PROXY: '1', CASSAFORTE_DEFAULT_PLAN: 'pro' }),
    ).toMatchObject({ trustProxy: true, defaultPlan: 'pro' });
  });

  it('refuses settings that make no sense', () => {
    expect(() => loadConfig({ CASSAFORTE_PORT: 'eighty' })).toThrow(/CASSAFORTE_PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres/);
    expect(() => loadConfig({ CASSAFORTE_DEFAULT_PLAN: 'gold' })).toThrow(
      /CASSAFORTE_DEFAULT_PLAN/,
    );
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
  });
});

describe('server secrets', () => {
  it('are generated once into the data directory, owner-only, and reused', async () => {
    const dataDir = await tempDir();
    const first = await loadSecrets({ dataDir });
    const file = join(dataDir, 'secrets.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await loadSecrets({ dataDir });
    expect(second.opaqueSetup).toBe(first.opaqueSetup);
    expect(second.serverSecret.equals(first.serverSecret)).toBe(true);
  });

  it('come from the environment when given, and are not written then', async () => {
    const dataDir = await tempDir();
    await opaque.ready;
    const setup = opaque.server.createSetup();
    const secret = Buffer.alloc(32, 7).toString('base64url');
    const s = await loadSecrets({ dataDir, opaqueSetup: setup, serverSecret: secret });
    expect(s.opaqueSetup).toBe(setup);
    expect(await readdir(dataDir)).toEqual([]);
    await expect(
      loadSecrets({ dataDir, opaqueSetup: 'nonsense', serverSecret: secret }),
    ).rejects.toThrow(/OPAQUE/);
  });
});

describe('outbox mode, CORS and rate limits (SQLite)', () => {
  it('writes emails to <data>/outbox and logs the file, never the link or the code', async () => {
    const server = await startTestServer('sqlite');
    try {
      const api = new Api(server.url, server);
      const c = credentials();
      await register(api, c);
      expect((await api.call('POST', '/v1/account/reset/request', { email: c.email })).status).toBe(
        202,
      );
      // The verification code, then the reset link: one .eml file each, in order.
      const reset = await server.lastMail(c.email, 'reset');
      expect(reset.subject).toBe('Reset your Cassaforte account');
      expect(reset.resetLink).toMatch(/reset#token=/);
      const files = (await readdir(join(server.dataDir, 'outbox'))).sort();
      expect(files).toHaveLength(2);
      const eml = await readFile(join(server.dataDir, 'outbox', files[1]!), 'utf8');
      expect(eml).toContain('Subject: Reset your Cassaforte account');
      expect(eml).toContain('X-Cassaforte-Mail: reset');
      const logs = server.logs.join('\n');
      expect(logs).toContain(join(server.dataDir, 'outbox', files[1]!));
      expect(logs).not.toContain(reset.resetToken!);
      expect(logs).not.toContain(reset.code!);
    } finally {
      await server.close();
    }
  });

  it('answers CORS for extension origins only', async () => {
    const server = await startTestServer('sqlite');
    try {
      const preflight = (origin: string) =>
        fetch(`${server.url}/v1/sync`, {
          method: 'OPTIONS',
          headers: {
            Origin: origin,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'authorization,content-type',
          },
        });
      for (const origin of [
        'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'moz-extension://0f6e6b9e-3c1b-4f1e-9f0e-2f2b0c7f4a11',
      ]) {
        const r = await preflight(origin);
        expect(r.headers.get('access-control-allow-origin')).toBe(origin);
        expect(r.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      }
      for (const origin of ['https://evil.test', 'null', 'chrome-extension://x.evil.test/']) {
        expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull();
      }
    } finally {
      await server.close();
    }
  });

  it('rate-limits per email and per address, in the database, for known and unknown emails alike', async () => {
    const minute = (limit: number) => ({ limit, windowMs: 60_000 });
    const rateLimits = {
      ...policyOf(minute(100_000)),
      prelogin: { pair: minute(3), email: minute(50), address: minute(8) },
    };
    const a = await startTestServer('sqlite', { rateLimits });
    const b = await startTestServer('sqlite', { rateLimits, shareWith: a });
    try {
      const apiA = new Api(a.url, a);
      const apiB = new Api(b.url, b);
      const known = credentials();
      const statuses = async (email: string) => {
        const out: number[] = [];
        for (const api of [apiA, apiB, apiA, apiB])
          out.push((await api.call('POST', '/v1/auth/prelogin', { email })).status);
        return out;
      };
      // Each action has its own budgets: registering does not count against prelogin. The
      // (email, address) budget is spent first here; the other tests of lockout.test.ts show
      // that it spares the owner at another address.
      await register(apiA, known);
      expect(await statuses(known.email)).toEqual([200, 200, 200, 429]);
      expect(await statuses(credentials().email)).toEqual([200, 200, 200, 429]);
      // 8 prelogins from this address so far: the 9th is refused whatever the email.
      const limited = await apiB.call('POST', '/v1/auth/prelogin', { email: credentials().email });
      expect(limited.status).toBe(429);
      expect(limited.body.error).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // The window passes.
      a.clock.advance(61_000);
      expect((await apiB.call('POST', '/v1/auth/prelogin', { email: known.email })).status).toBe(
        200,
      );
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('believes X-Forwarded-For only when told to', async () => {
    const minute = (limit: number) => ({ limit, windowMs: 60_000 });
    const rateLimits = {
      ...policyOf(minute(100)),
      prelogin: { pair: minute(100), email: minute(100), address: minute(2) },
    };
    for (const trustProxy of [false, true]) {
      const server = await startTestServer('sqlite', { rateLimits, trustProxy });
      try {
        const out: number[] = [];
        for (let i = 0; i < 4; i += 1) {
          const r = await fetch(`${server.url}/v1/auth/prelogin`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `203.0.113.${i}` },
            body: JSON.stringify({ email: 'a@example.test' }),
          });
          out.push(r.status);
        }
        expect(out).toEqual(trustProxy ? [200, 200, 200, 200] : [200, 200, 429, 429]);
      } finally {
        await server.close();
      }
    }
  });
});

describe('npm run server', () => {
  it('starts server/main.ts with tsx, serves, and stops cleanly on SIGTERM', async () => {
    const dataDir = await tempDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('../main.ts', import.meta.url))],
      {
        env: { ...process.env, CASSAFORTE_DATA: dataDir, CASSAFORTE_PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      let url: string | undefined;
      for (let i = 0; i < 300 && url === undefined; i += 1) {
        await new Promise((r) => setTimeout(r, 50));
        url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)?.[1];
      }
      expect(url, out).toBeDefined();
      expect(await (await fetch(`${url}/v1/health`)).json()).toEqual({ status: 'ok' });
      expect(out).toContain('"engine":"sqlite"');
      expect(out).toContain('emails go to the outbox');
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 30_000);
});
