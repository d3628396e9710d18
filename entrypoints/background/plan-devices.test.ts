/**
 * The plan and the devices (issue 11, DESIGN §5) through the background's real message listener
 * and the real server: a free plan refuses a second device and names the one signed in, signing
 * that one out from here lets this one in, a license code changes the plan once, and Settings →
 * Devices lists and signs out the others.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@/server/tests/harness';
import { formatLicenseCode } from '@/lib/account-key';
import type { ProtocolError } from '@/lib/messaging/errors';
import { issueLicenseWithCli } from '@/server/tests/admin';
import { signInOtherDevice } from '@/tests/support/other-device';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  refusal,
  refused,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

useBackgroundHarness();

let free: TestServer;
beforeAll(async () => {
  free = await startTestServer('sqlite', { defaultPlan: 'free' });
}, 60_000);
afterAll(() => free?.close());

/** Another browser profile: the same extension, an empty database. */
function otherProfile() {
  globalThis.indexedDB = new IDBFactory();
  return boot();
}

const signIn = (
  server: TestServer,
  email: string,
  accountKey: string,
  signOutSessions?: string[],
) =>
  ask('account.signIn', {
    email,
    password: PASSWORD,
    accountKey,
    serverUrl: server.url,
    ...(signOutSessions ? { signOutSessions } : {}),
  });

describe('the free plan', () => {
  it('refuses a second device, naming the one signed in, and lets it in once that one is signed out', async () => {
    boot();
    const { email, kit } = await createAccount('', { server: free });
    const first = await ask('account.info', {});
    expect(first.plan).toBe('free');
    const [a] = first.sessions!;

    otherProfile();
    const answer = await refused(signIn(free, email, kit.accountKey));
    expect(answer.code).toBe('device-limit');
    expect(answer.details?.deviceLimit).toMatchObject({
      plan: 'free',
      deviceLimit: 1,
      sessions: [{ id: a!.id, deviceName: a!.deviceName, lastSeenAt: expect.any(Number) }],
    });
    expect((await ask('app.status', {})).state).toBe('signed-out');

    // "Sign out <device> and sign in here": the same form, the proof authorises it.
    const status = await signIn(free, email, kit.accountKey, [a!.id]);
    expect(status.state).toBe('unlocked');
    const now = await ask('account.info', {});
    expect(now.sessions!.map((s) => s.current)).toEqual([true]);
    expect(now.sessions![0]!.id).not.toBe(a!.id);
  });

  it('turns into pro with a license code, once, and then takes every device', async () => {
    boot();
    const { email, kit } = await createAccount('', { server: free });
    const code = await issueLicenseWithCli(free, 'pro');

    // A typo is caught before anything is sent.
    const typo = code.slice(0, -1) + (code.endsWith('7') ? '8' : '7');
    expect(await refusal(ask('account.redeemLicense', { code: typo }))).toBe('invalid-license');
    expect(env.requests.filter((r) => r.path === '/v1/license/redeem')).toEqual([]);
    // A well-formed code nobody issued.
    const unknown = formatLicenseCode(crypto.getRandomValues(new Uint8Array(16)));
    expect(await refusal(ask('account.redeemLicense', { code: unknown }))).toBe('invalid-license');

    expect(await ask('account.redeemLicense', { code: code.toLowerCase() })).toEqual({
      plan: 'pro',
    });
    expect((await ask('account.info', {})).plan).toBe('pro');
    expect(await refusal(ask('account.redeemLicense', { code }))).toBe('invalid-license');

    // Pro: a second device signs in without signing the first one out.
    const other = await signInOtherDevice({
      serverUrl: free.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    expect(other.token).toBeTruthy();
    expect((await ask('account.info', {})).sessions).toHaveLength(2);
  });
});

describe('Settings → Devices', () => {
  it('lists the devices and signs out one, then all others, but never this one that way', async () => {
    boot();
    const { email, kit } = await createAccount();
    const others = await Promise.all(
      [1, 2, 3].map(() =>
        signInOtherDevice({
          serverUrl: env.server.url,
          email,
          password: PASSWORD,
          accountKey: kit.accountKey,
        }),
      ),
    );
    const info = await ask('account.info', {});
    expect(info.plan).toBe('pro');
    expect(info.sessions).toHaveLength(4);
    const here = info.sessions!.find((s) => s.current)!;
    expect(here.deviceName).toBe(info.deviceName);
    expect(info.sessions!.filter((s) => s.deviceName === 'other device')).toHaveLength(3);
    for (const session of info.sessions!) {
      expect(session.createdAt).toBeLessThanOrEqual(session.lastSeenAt);
      expect(session.lastUnlockedAt === null || typeof session.lastUnlockedAt === 'number').toBe(
        true,
      );
    }

    expect(await refusal(ask('account.signOutDevice', { sessionId: here.id }))).toBe('bad-message');
    const target = info.sessions!.find((s) => !s.current)!;
    const after = await ask('account.signOutDevice', { sessionId: target.id });
    expect(after.sessions!.map((s) => s.id)).not.toContain(target.id);
    expect(after.sessions).toHaveLength(3);

    const all = await ask('account.signOutOthers', {});
    expect(all.revokedSessions).toBe(2);
    expect(all.sessions!.map((s) => s.id)).toEqual([here.id]);
    // The other devices' tokens no longer work; this one's does.
    for (const other of others) {
      const code = await other.api.account(other.token).then(
        () => 'still signed in',
        (error: ProtocolError) => error.code,
      );
      // 'session-expired' here; helper D's branch names it 'signed-out-elsewhere'.
      expect(code).not.toBe('still signed in');
    }
    expect((await ask('app.status', {})).state).toBe('unlocked');
  });

  it('still shows the account offline, without plan or devices', async () => {
    boot();
    await createAccount();
    env.offline = true;
    const info = await ask('account.info', {});
    expect(info.plan).toBeUndefined();
    expect(info.sessions).toBeUndefined();
    expect(info.email).toMatch(/@example\.com$/);
  });
});
