/**
 * The account on this device (DESIGN §5): the flows that open the vault (sign-in.ts, unlock.ts),
 * the password change (password.ts), the reset (reset.ts), and the rest: sign out, the Emergency
 * Kit, account facts and devices. The session (session.ts) owns the lock state; this service only
 * asks it.
 */
import type { VaultStore } from '@/lib/db';
import { wipe as wipeBytes } from '@/lib/crypto';
import { ProtocolError } from '@/lib/messaging/errors';
import type { DeviceInfo } from '@/lib/messaging/protocol';
import { getStored, setStored } from '@/lib/storage/store';
import { createApiClient, type ApiClient } from '@/lib/sync/client';
import { describeDevice, proveLocally } from './account-keys';
import { createPasswordChange, type PasswordChangeInput } from './password';
import { createReset } from './reset';
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

/** How long the Emergency Kit stays viewable (the printable page too) after the password. */
export const KIT_SHOWN_MS = 10 * 60_000;

export function createAccountService(deps: AccountServiceDeps) {
  const { store, session } = deps;
  const flow = {
    store,
    session,
    api: deps.api ?? ((url: string) => createApiClient(url)),
    now: deps.now ?? Date.now,
    deviceName: deps.deviceName ?? describeDevice,
    kdf: deps.kdf,
  };
  const { api } = flow;
  const signIn = createSignIn(flow);
  const change = createPasswordChange(flow);
  const reset = createReset(flow);

  async function openAccount() {
    const account = await store.getAccount();
    if (!account) throw new ProtocolError('not-signed-in', 'Sign in on this device first.');
    if (!session.isUnlocked()) throw new ProtocolError('locked', 'Unlock Cassaforte first.');
    return account;
  }

  return {
    create: signIn.create,
    signIn: signIn.signIn,
    unlock: createUnlock(flow),

    async changePassword(input: PasswordChangeInput) {
      try {
        return await change(input);
      } catch (error) {
        // Changed on another device already (or changing there right now, which revoked this
        // session): ask for the new password. A reset elsewhere: drop the old data, as sync does.
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
        if (error instanceof ProtocolError && error.code === 'account-reset') {
          await session.forget('account-reset');
        }
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
      await session.forget('signed-out');
    },

    /**
     * The kit while it waits to be saved (after creation or a reset), or for a few minutes after
     * the password was typed for it ('account.revealKit'): an unlocked popup alone does not show
     * the account key to whoever sits in front of it.
     */
    async kit() {
      const account = await openAccount();
      const [pending, shownUntil] = await Promise.all([
        getStored('kitPending'),
        getStored('kitShownUntil'),
      ]);
      if (pending !== true && !(shownUntil !== undefined && shownUntil > flow.now())) {
        throw new ProtocolError('kit-needs-password', 'Type the account password to see the kit.');
      }
      return kitOf(account, flow.now());
    },

    /** The Emergency Kit again, on a device that has the account key, after the password. */
    async revealKit(password: string) {
      const account = await openAccount();
      const keys = await proveLocally(account, password);
      wipeBytes(keys.authSecret, keys.kek);
      await setStored('kitShownUntil', flow.now() + KIT_SHOWN_MS);
      return kitOf(account, flow.now());
    },

    async kitSaved() {
      await setStored('kitPending', false);
    },

    async info() {
      const account = await openAccount();
      // The plan is the server's word; offline, the rest still shows.
      const plan = account.sessionToken
        ? await api(account.serverUrl)
            .account(account.sessionToken)
            .then((answer) => answer.plan)
            .catch((error: unknown) => {
              if (error instanceof ProtocolError && error.code === 'server-unreachable') {
                return undefined;
              }
              throw error;
            })
        : undefined;
      return {
        email: account.email,
        serverUrl: account.serverUrl,
        plan,
        deviceName: account.deviceName,
        hint: account.hint,
      };
    },

    /** The account's signed-in devices (locked is enough: the session token is on the device). */
    async devices(): Promise<{ devices: DeviceInfo[] }> {
      const account = await store.getAccount();
      if (!account) throw new ProtocolError('not-signed-in', 'Sign in on this device first.');
      if (!account.sessionToken) throw new ProtocolError('session-expired', 'Sign in again.');
      const { sessions } = await api(account.serverUrl).account(account.sessionToken);
      return {
        devices: sessions.map((s) => ({
          id: s.id,
          deviceName: s.deviceName,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          ...(s.lastUnlockedAt === null ? {} : { lastUnlockedAt: s.lastUnlockedAt }),
          current: s.current,
        })),
      };
    },

    requestReset: reset.request,
    resetPending: reset.pending,
    resetOpen: reset.open,
    resetPreview: reset.preview,
    reset: reset.confirm,
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
