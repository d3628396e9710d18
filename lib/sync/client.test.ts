/**
 * What the client makes of the server's issue-11 answers: the device limit with its devices, the
 * emailed and license codes refused, and a device-limit body that does not fit its schema (a
 * broken or hostile server) as a clear error rather than a crash or a half-read list.
 */
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '@/lib/messaging/errors';
import { answering } from '@/tests/support/json-answer';
import { createApiClient } from './client';

const sessionId = 'A'.repeat(22);

async function failure(promise: Promise<unknown>): Promise<ProtocolError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw error;
  }
  throw new Error('expected a ProtocolError');
}

const finish = (api: ReturnType<typeof createApiClient>) =>
  api.loginFinish({ loginId: 'B'.repeat(22), finishLoginRequest: 'x', deviceName: 'Firefox' });

describe('the API client', () => {
  it('reads a device limit with the plan and the devices signed in', async () => {
    const signedIn = {
      id: sessionId,
      deviceName: 'Chrome on Linux',
      createdAt: 1_000,
      lastSeenAt: 2_000,
      lastUnlockedAt: null,
    };
    const api = createApiClient('http://127.0.0.1:1', {
      fetch: answering(403, {
        error: 'device_limit',
        message: 'the free plan allows one signed-in device',
        plan: 'free',
        deviceLimit: 1,
        sessions: [signedIn],
      }),
    });
    const error = await failure(finish(api));
    expect(error.code).toBe('device-limit');
    expect(error.details?.deviceLimit).toEqual({
      plan: 'free',
      deviceLimit: 1,
      sessions: [signedIn],
    });
  });

  it('calls a device-limit body that does not fit its schema malformed', async () => {
    for (const broken of [
      { error: 'device_limit', message: 'x', plan: 'free', deviceLimit: 1 },
      { error: 'device_limit', message: 'x', plan: 'gold', deviceLimit: 1, sessions: [] },
      {
        error: 'device_limit',
        message: 'x',
        plan: 'free',
        deviceLimit: 1,
        sessions: [{ id: '../etc', deviceName: '', createdAt: -1, lastSeenAt: 0 }],
      },
    ]) {
      const api = createApiClient('http://127.0.0.1:1', { fetch: answering(403, broken) });
      const error = await failure(finish(api));
      expect(error.code, JSON.stringify(broken)).toBe('server-malformed');
      expect(error.details).toBeUndefined();
    }
  });

  it('maps refused codes to their own protocol errors', async () => {
    const cases = [
      ['invalid_code', 400, 'invalid-code'],
      ['invalid_license', 400, 'invalid-license'],
    ] as const;
    for (const [code, status, expected] of cases) {
      const api = createApiClient('http://127.0.0.1:1', {
        fetch: answering(status, { error: code, message: 'no' }),
      });
      expect((await failure(api.redeemLicense('t', 'CFL-x'))).code).toBe(expected);
    }
  });

  it('checks what verify, revoke-others and redeem answer', async () => {
    const verify = createApiClient('http://127.0.0.1:1', {
      fetch: answering(202, { status: 'check-email', verificationId: sessionId }),
    });
    expect(await verify.verifyEmail('a@example.com')).toEqual({
      status: 'check-email',
      verificationId: sessionId,
    });
    const lying = createApiClient('http://127.0.0.1:1', {
      fetch: answering(200, { revokedSessions: -3 }),
    });
    expect((await failure(lying.revokeOtherSessions('t'))).code).toBe('server-malformed');
    const redeem = createApiClient('http://127.0.0.1:1', {
      fetch: answering(200, { plan: 'pro' }),
    });
    expect(await redeem.redeemLicense('t', 'CFL-x')).toEqual({ plan: 'pro' });
  });
});
