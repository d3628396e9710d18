/**
 * A new account on this device, or an existing one signed in on a new device (DESIGN §5). Both
 * end with the vault open; the keys they derive are wiped before they return.
 */
import {
  encodeSetupCode,
  formatAccountKey,
  parseAccountKey,
  parseEmail,
  parseServerUrl,
  parseShortCode,
} from '@/lib/account-key';
import { deriveAccountKeys, kdfParamsToWire, wipe as wipeBytes } from '@/lib/crypto';
import type { AccountRecord, VaultStore } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import type { EmergencyKit } from '@/lib/messaging/protocol';
import type { ApiClient } from '@/lib/sync/client';
import { checked, checkedKdf, unwrapOrTampered } from './account-keys';
import { materialOf, type EmailVerification } from './email-verification';
import { keptAccountKey } from './kept-aside';
import { openNewVault } from './new-vault';
import { opaqueLogin } from './opaque';
import type { Session } from './session';

export interface AccountFlowDeps {
  store: VaultStore;
  session: Session;
  api: (serverUrl: string) => ApiClient;
  now: () => number;
  deviceName: () => string;
  /** The form of a new account, kept while its email code is on its way. */
  verification: EmailVerification;
  /** Argon2id cost for new accounts; tests lower it to the floor to stay fast. */
  kdf?: { ops: number; memBytes: number };
}

export function kitOf(account: AccountRecord, createdAt: number): EmergencyKit {
  const accountKey = parseAccountKey(account.accountKey);
  return {
    email: account.email,
    serverUrl: account.serverUrl,
    accountKey: account.accountKey,
    setupCode: encodeSetupCode({ email: account.email, serverUrl: account.serverUrl, accountKey }),
    createdAt,
  };
}

export function createSignIn(deps: AccountFlowDeps) {
  const { store, session, api, deviceName, verification } = deps;

  async function notSignedIn() {
    if (await store.getAccount()) {
      throw new ProtocolError('already-signed-in', 'This device is already signed in.');
    }
  }

  return {
    /**
     * Creates the account the form waiting in `verification` describes, with the emailed `code`.
     * A wrong or expired code ('invalid-code') keeps the form, so the user just types it again.
     */
    async create(input: { code: string }) {
      await notSignedIn();
      const code = parseShortCode(input.code);
      const pending = await verification.current();
      if (code === null || !pending) {
        throw new ProtocolError('invalid-code', 'Type the code from the newest email.');
      }
      const { email, serverUrl, accountId, wrappedVaultKey, hint } = pending;
      const material = materialOf(pending);
      try {
        const client = api(serverUrl);
        const registered = await client.registerFinish({
          accountId,
          email,
          registrationRecord: pending.registrationRecord,
          kdf: kdfParamsToWire(material.kdf),
          wrappedVaultKey,
          hint: hint || undefined,
          verification: { id: pending.verificationId, code },
        });
        if (registered.accountId !== accountId || registered.epoch !== 1) {
          throw new ProtocolError('server-malformed', 'The server registered another account.');
        }
        const kit = await openNewVault(deps, client, {
          accountId,
          email,
          serverUrl,
          epoch: 1,
          wrappedVaultKey,
          hint,
          material,
        });
        await verification.forget();
        return kit;
      } finally {
        material.wipe();
      }
    },

    /**
     * Signs in on this device. On a plan that allows no more devices the server refuses with the
     * devices signed in ('device-limit' and its details); `signOutSessions` then ends those first,
     * authorised by this very sign-in's proof.
     */
    async signIn(input: {
      email: string;
      password: string;
      accountKey: string;
      serverUrl: string;
      signOutSessions?: string[];
    }) {
      await notSignedIn();
      const email = checked(() => parseEmail(input.email));
      const serverUrl = checked(() => parseServerUrl(input.serverUrl));
      // Signed out by the server but not reset: this device kept the account key (kept-aside.ts).
      const keyText = input.accountKey.trim() || (await keptAccountKey(store, email, serverUrl));
      const accountKey = checked(() => parseAccountKey(keyText ?? ''));
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
          signOutSessions: input.signOutSessions,
        });
        const kdf = checkedKdf(login.kdf);
        const vk = await unwrapOrTampered(
          keys,
          login.wrappedVaultKey,
          login.accountId,
          login.epoch,
          kdf,
        );
        const account: AccountRecord = {
          accountId: login.accountId,
          email,
          serverUrl,
          kdf: kdfParamsToWire(kdf),
          wrappedVaultKey: login.wrappedVaultKey,
          epoch: login.epoch,
          accountKey: formatAccountKey(accountKey),
          hint: login.hint ?? undefined,
          deviceName: deviceName(),
          sessionToken: login.token,
        };
        await store.saveAccount(account);
        await verification.forget();
        await session.open(account, vk);
      } finally {
        wipeBytes(keys.authSecret, keys.kek, accountKey);
      }
    },
  };
}
