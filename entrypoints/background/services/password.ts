/**
 * Change the account password on an unlocked device (DESIGN §5): a new salt, a new OPAQUE record
 * and the vault key re-wrapped; items and epoch untouched; the server revokes every other session,
 * so the other devices ask for the new password the next time they sync.
 */
import {
  createKdfParams,
  kdfParamsToWire,
  wipe as wipeBytes,
  wrapVaultKey,
  type AccountKeys,
} from '@/lib/crypto';
import type { VaultStore } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import { MIN_PASSWORD_LENGTH } from '@/lib/messaging/limits';
import { derive, proveLocally } from './account-keys';
import type { ApiClient } from '@/lib/sync/client';
import { opaqueProve, opaqueRegister } from './opaque';
import type { Session } from './session';

export interface PasswordChangeInput {
  currentPassword: string;
  newPassword: string;
  /** The new hint; '' removes it; absent keeps the current one. */
  hint?: string;
}

export function createPasswordChange(deps: {
  store: VaultStore;
  session: Session;
  api: (serverUrl: string) => ApiClient;
  /** Argon2id cost for the new password; tests lower it to the floor to stay fast. */
  kdf?: { ops: number; memBytes: number };
}) {
  /** Did the server take this change, although its answer never arrived? */
  async function serverHas(client: ApiClient, email: string, salt: string): Promise<boolean> {
    try {
      return (await client.prelogin(email)).kdf.salt === salt;
    } catch {
      return false;
    }
  }

  return async function changePassword(input: PasswordChangeInput) {
    const ctx = deps.session.context();
    if (!ctx) throw new ProtocolError('locked', 'Unlock Cassaforte first.');
    // Our own copy: a lock during the slow steps below wipes the keyring's buffer in place.
    const vk = ctx.vk.slice();
    /** Until the change is sent, every step stops once the vault locked (issue 9). */
    const step = async <T>(work: Promise<T>): Promise<T> => {
      const value = await work;
      if (!deps.session.isCurrent(ctx)) {
        throw new ProtocolError('locked', 'Cassaforte locked before the change was sent.');
      }
      return value;
    };
    let current: AccountKeys | undefined;
    let next: AccountKeys | undefined;
    try {
      const account = await step(deps.store.getAccount());
      if (!account) throw new ProtocolError('not-signed-in', 'Sign in on this device first.');
      if (input.newPassword.length < MIN_PASSWORD_LENGTH) {
        throw new ProtocolError(
          'weak-password',
          `Choose at least ${MIN_PASSWORD_LENGTH} characters.`,
        );
      }
      if (!account.sessionToken) {
        // Unlocked offline, not signed in to the server yet: the change needs the server.
        throw new ProtocolError(
          'server-unreachable',
          'Connect to the server (sync) before changing the password.',
        );
      }
      current = await step(proveLocally(account, input.currentPassword));
      const kdf = createKdfParams(deps.kdf);
      next = await step(derive(input.newPassword, account.email, account.accountKey, kdf));
      const client = deps.api(account.serverUrl);
      const token = account.sessionToken;
      const wrappedVaultKey = await step(
        wrapVaultKey({
          kek: next.kek,
          vk,
          accountId: account.accountId,
          epoch: account.epoch,
          kdf,
        }),
      );
      const proof = opaqueProve(client, {
        email: account.email,
        authSecret: current.authSecret,
      }).catch((error: unknown) => {
        // This device's copy opened, but the server's record did not: changed elsewhere already.
        if (error instanceof ProtocolError && error.code === 'wrong-credentials') {
          throw new ProtocolError(
            'password-changed',
            'The password was already changed on another device.',
          );
        }
        throw error;
      });
      const currentLogin = await step(proof);
      const authSecret = next.authSecret;
      const registrationRecord = await step(
        opaqueRegister(authSecret, (registrationRequest) =>
          step(client.passwordStart(token, registrationRequest)),
        ),
      );
      // Keep the hint unless the page sent a new one ('' clears it).
      const hint = input.hint === undefined ? account.hint : input.hint.trim() || undefined;
      let revokedSessions = 0;
      try {
        ({ revokedSessions } = await client.changePassword(token, {
          currentLogin,
          registrationRecord,
          kdf: kdfParamsToWire(kdf),
          wrappedVaultKey,
          ...(hint ? { hint } : {}),
        }));
      } catch (error) {
        // The answer may be lost after the server committed: then the change is done, and this
        // device must keep the new key material, or only the "failed" new password would open it.
        if (!(await serverHas(client, account.email, kdfParamsToWire(kdf).salt))) throw error;
      }
      // If this write fails, the next unlock with the new password fetches the same key material
      // from the server (account.unlock → unlockFromServer): nothing is lost either way.
      await deps.store.updateAccount({ kdf: kdfParamsToWire(kdf), wrappedVaultKey, hint });
      return { revokedSessions };
    } finally {
      wipeBytes(vk);
      if (current) wipeBytes(current.authSecret, current.kek);
      if (next) wipeBytes(next.authSecret, next.kek);
    }
  };
}
