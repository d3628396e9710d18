/**
 * The account on this device (DESIGN §5): the flows that open the vault (sign-in.ts, unlock.ts),
 * the password change (password.ts), and the rest: sign out, the Emergency Kit, account facts and
 * the reset request. The session (session.ts) owns the lock state; this service only asks it.
 */
import { parseEmail, parseServerUrl } from '@/lib/account-key';
import type { VaultStore } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import { setStored } from '@/lib/storage/store';
import { createApiClient, type ApiClient } from '@/lib/sync/client';
import { SIGNED_OUT_BY_SERVER } from '@/lib/sync/engine';
import { checked, describeDevice } from './account-keys';
import { createDevices } from './devices';
import { createEmailVerification } from './email-verification';
import { createPasswordChange, type PasswordChangeInput } from './password';
import type { Session } from './session';
import { createSignIn, kitOf } from './sign-in';
import { createUnlock } from './unlock';

export interface AccountServiceDeps {
  store: VaultStore;
  session: Session;
  api?: (serverUrl: string) => ApiClient;
  deviceName?: () => string;
  now?: () => number;
  /** Argon2id cost for new accounts; tests lower it to the floor to stay fast. */
  kdf?: { ops: number; memBytes: number };
}

export function createAccountService(deps: AccountServiceDeps) {
  const { store, session } = deps;
  const api = deps.api ?? ((url: string) => createApiClient(url));
  const now = deps.now ?? Date.now;
  const verification = createEmailVerification({ api, now });
  const flow = {
    store,
    session,
    api,
    now,
    deviceName: deps.deviceName ?? describeDevice,
    verification,
    kdf: deps.kdf,
  };
  const signIn = createSignIn(flow);
  const change = createPasswordChange(flow);
  const devices = createDevices({ store, session, api });

  /** The server ended this session for good: signed out, the data kept aside (session.ts). */
  async function signedOutIfEnded(error: unknown) {
    if (error instanceof ProtocolError && SIGNED_OUT_BY_SERVER.includes(error.code)) {
      await session.signedOutByServer(error);
    }
  }

  async function openAccount() {
    const account = await store.getAccount();
    if (!account) throw new ProtocolError('not-signed-in', 'Sign in on this device first.');
    if (!session.isUnlocked()) throw new ProtocolError('locked', 'Unlock Cassaforte first.');
    return account;
  }

  return {
    verifyEmail: verification.start,
    resendCode: verification.resend,
    pendingAccount: verification.pending,
    cancelAccount: verification.forget,
    create: signIn.create,
    signIn: signIn.signIn,
    unlock: createUnlock(flow),

    async changePassword(input: PasswordChangeInput) {
      try {
        return await change(input);
      } catch (error) {
        // Changed on another device already (or changing there right now, which revoked this
        // session): ask for the new password. A reset elsewhere, or signed out from there: signed
        // out with the data kept aside, as sync does.
        if (
          error instanceof ProtocolError &&
          (error.code === 'password-changed' || error.code === 'session-expired')
        ) {
          await store.updateAccount({ sessionToken: undefined });
          await session.lock('password-changed');
          throw new ProtocolError(
            'password-changed',
            'The password was changed on another device. Unlock with the new one.',
          );
        }
        await signedOutIfEnded(error);
        throw error;
      }
    },

    async signOut() {
      const account = await store.getAccount();
      if (account?.sessionToken) {
        await api(account.serverUrl)
          .logout(account.sessionToken)
          .catch(() => {});
      }
      await session.signOut();
    },

    async kit() {
      return kitOf(await openAccount(), flow.now());
    },

    async kitSaved() {
      await setStored('kitPending', false);
    },

    info: devices.info,
    redeemLicense: devices.redeemLicense,
    signOutDevice: devices.signOutDevice,
    signOutOthers: devices.signOutOthers,

    async requestReset(input: { email: string; serverUrl: string }) {
      const email = checked(() => parseEmail(input.email));
      await api(checked(() => parseServerUrl(input.serverUrl))).requestReset(email);
      return { sent: true as const };
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
