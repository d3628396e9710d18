/**
 * Settings → Plan and Devices (DESIGN §5): the account's plan as the server says it, a license code
 * to change it, and the devices signed in, each of which (but this one) can be signed out from here.
 * This device's own sign-out is the account service's: it also removes the vault from here.
 */
import { checkLicenseCode } from '@/lib/account-key';
import type { AccountRecord, VaultStore } from '@/lib/db';
import type { DeviceSession } from '@/lib/messaging/devices';
import { ProtocolError } from '@/lib/messaging/errors';
import type { AccountInfo } from '@/lib/messaging/protocol';
import type { ApiClient } from '@/lib/sync/client';
import type { Session } from './session';

export function createDevices(deps: {
  store: VaultStore;
  session: Session;
  api: (serverUrl: string) => ApiClient;
}) {
  const { store, session, api } = deps;

  /** The open account; every call here needs the vault unlocked. */
  async function openAccount(): Promise<AccountRecord> {
    const account = await store.getAccount();
    if (!account) throw new ProtocolError('not-signed-in', 'Sign in on this device first.');
    if (!session.isUnlocked()) throw new ProtocolError('locked', 'Unlock Cassaforte first.');
    return account;
  }

  /** The open account's server session, for the calls that act on the account. */
  async function signedIn(): Promise<{ token: string; client: ApiClient }> {
    const account = await openAccount();
    if (!account.sessionToken) throw new ProtocolError('session-expired', 'Sign in again.');
    return { token: account.sessionToken, client: api(account.serverUrl) };
  }

  async function info(): Promise<AccountInfo> {
    const account = await openAccount();
    const base = {
      email: account.email,
      serverUrl: account.serverUrl,
      deviceName: account.deviceName,
      hint: account.hint,
    };
    const token = account.sessionToken;
    if (!token) return base;
    try {
      const client = api(account.serverUrl);
      const answer = await client.account(token);
      const sessions: DeviceSession[] = answer.sessions.map((s) => ({
        id: s.id,
        deviceName: s.deviceName,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        lastUnlockedAt: s.lastUnlockedAt,
        current: s.current,
      }));
      return { ...base, plan: answer.plan, sessions };
    } catch (error) {
      // The plan and the devices are the server's word; offline, the rest still shows.
      if (error instanceof ProtocolError && error.code === 'server-unreachable') return base;
      throw error;
    }
  }

  return {
    info,

    async redeemLicense(text: string) {
      const { token, client } = await signedIn();
      const checked = checkLicenseCode(text);
      if (checked.code === undefined) {
        throw new ProtocolError('invalid-license', `Not a license code (${checked.problem}).`);
      }
      return client.redeemLicense(token, checked.code);
    },

    async signOutDevice(sessionId: string): Promise<AccountInfo> {
      const { token, client } = await signedIn();
      const { sessions } = await client.account(token);
      const target = sessions.find((s) => s.id === sessionId);
      if (target?.current) {
        throw new ProtocolError('bad-message', 'Sign this device out with "Sign out" instead.');
      }
      // Gone already (signed out elsewhere in the meantime): the list below says so.
      if (target) await client.revokeSession(token, sessionId);
      return info();
    },

    async signOutOthers(): Promise<AccountInfo & { revokedSessions: number }> {
      const { token, client } = await signedIn();
      const { revokedSessions } = await client.revokeOtherSessions(token);
      return { ...(await info()), revokedSessions };
    },
  };
}

export type Devices = ReturnType<typeof createDevices>;
