/**
 * The account on this device: create, sign in, unlock, lock, sign out (DESIGN §5). The one owner
 * of the lock state: every way to lock goes through `lock()`, which wipes every secret.
 */
import {
  encodeSetupCode,
  formatAccountKey,
  parseAccountKey,
  parseEmail,
  parseServerUrl,
} from '@/lib/account-key';
import {
  CryptoError,
  createKdfParams,
  deriveAccountKeys,
  generateAccountKey,
  generateVaultKey,
  kdfParamsToWire,
  randomId,
  unwrapVaultKey,
  wipe as wipeBytes,
  wrapVaultKey,
  type AccountKeys,
} from '@/lib/crypto';
import type { AccountRecord, VaultStore } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import { MIN_PASSWORD_LENGTH } from '@/lib/messaging/limits';
import type { EmergencyKit, LockReason } from '@/lib/messaging/protocol';
import { getStored, setStored, wipe } from '@/lib/storage/store';
import { checked, checkedKdf, derive, describeDevice, unwrapOrTampered } from './account-keys';
import { createApiClient, type ApiClient } from './api';
import type { Keyring } from './keyring';
import { opaqueLogin, opaqueRegister } from './opaque';
import { createPasswordChange, type PasswordChangeInput } from './password';

export interface AccountServiceDeps {
  store: VaultStore;
  keyring: Keyring;
  /** Starts the auto-lock timer; returns the deadline. */
  armAutoLock: () => Promise<number>;
  disarmAutoLock: () => Promise<void>;
  /** After unlock: decrypt the vault into memory and sync. */
  onUnlocked: (account: AccountRecord, vk: Uint8Array) => Promise<void>;
  /** After lock or sign-out: drop the decrypted vault. */
  onLocked: () => void;
  api?: (serverUrl: string) => ApiClient;
  deviceName?: () => string;
  now?: () => number;
  /** Argon2id cost for new accounts; tests lower it to the floor to stay fast. */
  kdf?: { ops: number; memBytes: number };
}

export function createAccountService(deps: AccountServiceDeps) {
  const api = deps.api ?? ((url: string) => createApiClient(url));
  const now = deps.now ?? Date.now;
  const deviceName = deps.deviceName ?? describeDevice;
  let failedUnlock = false;
  const change = createPasswordChange({
    store: deps.store,
    keyring: deps.keyring,
    api,
    kdf: deps.kdf,
  });

  async function requireAccount(): Promise<AccountRecord> {
    const account = await deps.store.getAccount();
    if (!account) throw new ProtocolError('not-signed-in', 'Sign in on this device first.');
    return account;
  }

  async function open(account: AccountRecord, vk: Uint8Array) {
    await deps.keyring.unlock(vk, now() + 60_000);
    await deps.armAutoLock();
    failedUnlock = false;
    await deps.onUnlocked(account, vk);
  }

  async function lock(reason: LockReason) {
    deps.onLocked();
    await deps.keyring.lock();
    await deps.disarmAutoLock();
    await setStored('lastLock', { reason, at: now() });
  }

  async function forget(reason: LockReason) {
    deps.onLocked();
    await deps.keyring.lock();
    await deps.disarmAutoLock();
    await wipe('logout', { wipeDatabase: () => deps.store.wipeAccount() });
    await setStored('lastLock', { reason, at: now() });
  }

  async function kitOf(account: AccountRecord): Promise<EmergencyKit> {
    const accountKey = parseAccountKey(account.accountKey);
    return {
      email: account.email,
      serverUrl: account.serverUrl,
      accountKey: account.accountKey,
      setupCode: encodeSetupCode({
        email: account.email,
        serverUrl: account.serverUrl,
        accountKey,
      }),
      createdAt: now(),
    };
  }

  /** The password may have been changed on another device: the server has new key material. */
  async function unlockFromServer(account: AccountRecord, password: string) {
    const client = api(account.serverUrl);
    if (account.sessionToken) {
      // A reset elsewhere replaced the account key: no password can open this copy any more.
      await client.account(account.sessionToken).catch(async (error: unknown) => {
        if (error instanceof ProtocolError && error.code === 'account-reset') {
          await forget('account-reset');
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
      const vk = await unwrapOrTampered(
        keys,
        login.wrappedVaultKey,
        login.accountId,
        login.epoch,
        checkedKdf(login.kdf),
      );
      const updated = await deps.store
        .updateAccount({
          kdf: login.kdf,
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

  return {
    lock,
    forget,

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
          await deps.store.updateAccount({ sessionToken: undefined });
          await lock('password-changed');
          throw new ProtocolError(
            'password-changed',
            'The password was changed on another device. Unlock with the new one.',
          );
        }
        if (error instanceof ProtocolError && error.code === 'account-reset') {
          await forget('account-reset');
        }
        throw error;
      }
    },

    async create(input: { email: string; password: string; hint: string; serverUrl: string }) {
      if (await deps.store.getAccount()) {
        throw new ProtocolError('already-signed-in', 'This device is already signed in.');
      }
      const email = checked(() => parseEmail(input.email));
      const serverUrl = checked(() => parseServerUrl(input.serverUrl));
      if (input.password.length < MIN_PASSWORD_LENGTH) {
        throw new ProtocolError(
          'weak-password',
          `Choose at least ${MIN_PASSWORD_LENGTH} characters.`,
        );
      }
      const accountKey = generateAccountKey();
      const kdf = createKdfParams(deps.kdf);
      const keys = await deriveAccountKeys({ password: input.password, email, accountKey, kdf });
      const accountId = randomId();
      const vk = generateVaultKey();
      try {
        const wrappedVaultKey = await wrapVaultKey({ kek: keys.kek, vk, accountId, epoch: 1, kdf });
        const client = api(serverUrl);
        const registrationRecord = await opaqueRegister(keys.authSecret, (registrationRequest) =>
          client.registerStart({ email, registrationRequest }),
        );
        const registered = await client.registerFinish({
          accountId,
          email,
          registrationRecord,
          kdf: kdfParamsToWire(kdf),
          wrappedVaultKey,
          hint: input.hint || undefined,
        });
        if (registered.accountId !== accountId || registered.epoch !== 1) {
          throw new ProtocolError('server-malformed', 'The server registered another account.');
        }
        const login = await opaqueLogin(client, {
          email,
          authSecret: keys.authSecret,
          deviceName: deviceName(),
        });
        const account: AccountRecord = {
          accountId,
          email,
          serverUrl,
          kdf: kdfParamsToWire(kdf),
          wrappedVaultKey,
          epoch: 1,
          accountKey: formatAccountKey(accountKey),
          hint: input.hint || undefined,
          deviceName: deviceName(),
          sessionToken: login.token,
        };
        await deps.store.saveAccount(account);
        await setStored('kitPending', true);
        await open(account, vk);
        return kitOf(account);
      } finally {
        wipeBytes(keys.authSecret, keys.kek, accountKey);
      }
    },

    async signIn(input: {
      email: string;
      password: string;
      accountKey: string;
      serverUrl: string;
    }) {
      if (await deps.store.getAccount()) {
        throw new ProtocolError('already-signed-in', 'This device is already signed in.');
      }
      const email = checked(() => parseEmail(input.email));
      const serverUrl = checked(() => parseServerUrl(input.serverUrl));
      const accountKey = checked(() => parseAccountKey(input.accountKey));
      const client = api(serverUrl);
      const { kdf: wire } = await client.prelogin(email);
      const keys = await deriveAccountKeys({
        password: input.password,
        email,
        accountKey,
        kdf: checkedKdf(wire),
      });
      try {
        const login = await opaqueLogin(client, {
          email,
          authSecret: keys.authSecret,
          deviceName: deviceName(),
        });
        const vk = await unwrapOrTampered(
          keys,
          login.wrappedVaultKey,
          login.accountId,
          login.epoch,
          checkedKdf(login.kdf),
        );
        const account: AccountRecord = {
          accountId: login.accountId,
          email,
          serverUrl,
          kdf: login.kdf,
          wrappedVaultKey: login.wrappedVaultKey,
          epoch: login.epoch,
          accountKey: formatAccountKey(accountKey),
          hint: login.hint ?? undefined,
          deviceName: deviceName(),
          sessionToken: login.token,
        };
        await deps.store.saveAccount(account);
        await open(account, vk);
      } finally {
        wipeBytes(keys.authSecret, keys.kek, accountKey);
      }
    },

    /** Local only: works with the network down. */
    async unlock(password: string) {
      const account = await requireAccount();
      if (deps.keyring.key()) return;
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
            failedUnlock = true;
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
        await open(current, vk);
      } finally {
        wipeBytes(keys.authSecret, keys.kek);
      }
    },

    async signOut() {
      const account = await deps.store.getAccount();
      if (account?.sessionToken) {
        await api(account.serverUrl)
          .logout(account.sessionToken)
          .catch(() => {});
      }
      await forget('signed-out');
    },

    async kit() {
      if (!deps.keyring.key()) throw new ProtocolError('locked', 'Unlock Cassaforte first.');
      return kitOf(await requireAccount());
    },

    async kitSaved() {
      await setStored('kitPending', false);
    },

    async info() {
      const account = await requireAccount();
      if (!deps.keyring.key()) throw new ProtocolError('locked', 'Unlock Cassaforte first.');
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

    async requestReset(input: { email: string; serverUrl: string }) {
      const email = checked(() => parseEmail(input.email));
      await api(checked(() => parseServerUrl(input.serverUrl))).requestReset(email);
      return { sent: true as const };
    },

    /** Facts for app.status. */
    async facts() {
      const account = await deps.store.getAccount();
      const [lastLock, kitPending] = await Promise.all([
        getStored('lastLock'),
        getStored('kitPending'),
      ]);
      return {
        account,
        lastLock,
        kitPending: account ? kitPending === true : false,
        hint: failedUnlock ? account?.hint : undefined,
      };
    },
  };

  /** The server dropped this device's session (password changed elsewhere, or expiry): sign in
   * again with the secret we have right now. The old password is refused if it was changed. */
  async function renewSession(account: AccountRecord, keys: AccountKeys): Promise<AccountRecord> {
    try {
      const login = await opaqueLogin(api(account.serverUrl), {
        email: account.email,
        authSecret: keys.authSecret,
        deviceName: account.deviceName,
      });
      return await deps.store.updateAccount({ sessionToken: login.token });
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
}

export type AccountService = ReturnType<typeof createAccountService>;
