/**
 * Unlock on a signed-in device with the password only (DESIGN §5). Local first, so it works with
 * the network down; if this device's copy of the key material no longer opens with the password
 * typed, the password may have been changed elsewhere, and the server has the new material.
 */
import {
  CryptoError,
  kdfParamsToWire,
  unwrapVaultKey,
  wipe as wipeBytes,
  type AccountKeys,
} from '@/lib/crypto';
import type { AccountRecord } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import { SIGNED_OUT_BY_SERVER } from '@/lib/sync/engine';
import { checkedKdf, derive, unwrapOrTampered } from './account-keys';
import { opaqueLogin } from './opaque';
import type { AccountFlowDeps } from './sign-in';

export function createUnlock(deps: Omit<AccountFlowDeps, 'deviceName' | 'kdf'>) {
  const { store, session, api } = deps;

  /** The password may have been changed on another device: the server has new key material. */
  async function unlockFromServer(account: AccountRecord, password: string) {
    const client = api(account.serverUrl);
    if (account.sessionToken) {
      // A reset elsewhere replaced the account key: no password can open this copy any more.
      // That, or signed out from another device: signed out here, the data kept aside.
      await client.account(account.sessionToken).catch(async (error: unknown) => {
        if (error instanceof ProtocolError && SIGNED_OUT_BY_SERVER.includes(error.code)) {
          await session.signedOutByServer(error);
          throw error;
        }
      });
    }
    const { kdf: wire } = await client.prelogin(account.email);
    if (wire.salt === account.kdf.salt) return undefined; // same salt: the password is just wrong
    const kdf = checkedKdf(wire);
    const keys = await derive(password, account.email, account.accountKey, kdf);
    try {
      const login = await opaqueLogin(client, {
        email: account.email,
        authSecret: keys.authSecret,
        deviceName: account.deviceName,
      });
      const loginKdf = checkedKdf(login.kdf);
      const vk = await unwrapOrTampered(
        keys,
        login.wrappedVaultKey,
        login.accountId,
        login.epoch,
        loginKdf,
      );
      const updated = await store
        .updateAccount({
          kdf: kdfParamsToWire(loginKdf),
          wrappedVaultKey: login.wrappedVaultKey,
          sessionToken: login.token,
          hint: login.hint ?? undefined,
        })
        .catch((error: unknown) => {
          wipeBytes(vk);
          throw error;
        });
      return { vk, account: updated };
    } catch (error) {
      if (error instanceof ProtocolError && error.code === 'wrong-credentials') return undefined;
      throw error;
    } finally {
      wipeBytes(keys.authSecret, keys.kek);
    }
  }

  /** The server dropped this device's session (password changed elsewhere, or expiry): sign in
   * again with the secret we have right now. The old password is refused if it was changed. */
  async function renewSession(account: AccountRecord, keys: AccountKeys): Promise<AccountRecord> {
    try {
      const login = await opaqueLogin(api(account.serverUrl), {
        email: account.email,
        authSecret: keys.authSecret,
        deviceName: account.deviceName,
      });
      return await store.updateAccount({ sessionToken: login.token });
    } catch (error) {
      if (error instanceof ProtocolError && error.code === 'wrong-credentials') {
        throw new ProtocolError(
          'password-changed',
          'The password was changed on another device. Enter the new one.',
        );
      }
      return account; // offline: unlock anyway, sync signs in later
    }
  }

  return async function unlock(password: string) {
    const account = await store.getAccount();
    if (!account) throw new ProtocolError('not-signed-in', 'Sign in on this device first.');
    if (session.isUnlocked()) return;
    const kdf = checkedKdf(account.kdf);
    const keys = await derive(password, account.email, account.accountKey, kdf);
    try {
      let vk: Uint8Array | undefined;
      let current = account;
      try {
        vk = await unwrapVaultKey({
          kek: keys.kek,
          wrappedVk: account.wrappedVaultKey,
          accountId: account.accountId,
          epoch: account.epoch,
          kdf,
        });
      } catch (error) {
        if (!(error instanceof CryptoError)) throw error;
        const fromServer = await unlockFromServer(account, password).catch((e: unknown) => {
          if (e instanceof ProtocolError && e.code === 'server-unreachable') return undefined;
          throw e;
        });
        if (!fromServer) {
          session.noteFailedUnlock(true);
          throw new ProtocolError('wrong-password', 'That is not the password of this account.');
        }
        ({ vk, account: current } = fromServer);
      }
      try {
        if (!current.sessionToken) current = await renewSession(current, keys);
      } catch (error) {
        wipeBytes(vk); // refused: the key that opened this device's copy goes too
        throw error;
      }
      await session.open(current, vk);
    } finally {
      wipeBytes(keys.authSecret, keys.kek);
    }
  };
}
