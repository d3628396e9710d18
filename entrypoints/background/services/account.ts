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
import { SIGNED_OUT_BY_SERVER } from '@/lib/sync/engine';
import { describeDevice } from '@/lib/platform/device';
import { proveLocally } from './account-keys';
import { createDevices } from './devices';
import { createEmailVerification } from './email-verification';
import { createExportService } from './export';
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
  const api = deps.api ?? ((url: string) => createApiClient(url));
  const now = deps.now ?? Date.now;
  const verification = createEmailVerification({ api, now, kdf: deps.kdf });
  const flow = {
    store,
    session,
    api,
    now,
    deviceName: deps.deviceName ?? (() => describeDevice()),
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
  const reset = createReset(flow);

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

    /** Every item for the export page, after the account password (services/export.ts). */
    exportItems: createExportService({ store, unlocked: () => session.unlocked() }).items,

    info: devices.info,
    redeemLicense: devices.redeemLicense,
    signOutDevice: devices.signOutDevice,
    signOutOthers: devices.signOutOthers,

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
