/**
 * The first step of a new account (DESIGN §5): the server emails a code to the address, and the
 * account is created only with it. Between the two the popup may close (the user goes to read the
 * email), so what the account will be made of waits here, in memory-only storage, for at most an
 * hour.
 *
 * The password itself is not kept (DESIGN §2: it lives in the user's head). The new vault's key
 * material is made at once, on the device, while the email travels: the account key, the salt,
 * the wrapped vault key and the OPAQUE registration record, with the two values the last step
 * needs (the OPAQUE input, to sign in, and the vault key, to open the vault): no more than an
 * unlocked session keeps in the same storage.
 *
 * The server answers the same whether or not the address already has an account (its owner gets a
 * notice instead of a code), and so does everything here: no step tells the two apart.
 */
import { formatAccountKey, parseAccountKey, parseEmail, parseServerUrl } from '@/lib/account-key';
import {
  fromBase64Url,
  kdfParamsToWire,
  randomId,
  toBase64Url,
  wipe as wipeBytes,
  wrapVaultKey,
} from '@/lib/crypto';
import { ProtocolError } from '@/lib/messaging/errors';
import { MIN_PASSWORD_LENGTH } from '@/lib/messaging/limits';
import type { PendingAccount } from '@/lib/messaging/protocol';
import type { StoredValue } from '@/lib/storage/keys';
import { getStored, removeStored, setStored } from '@/lib/storage/store';
import type { ApiClient } from '@/lib/sync/client';
import { checked, checkedKdf } from './account-keys';
import { newVaultKeys, type NewVaultKeys } from './new-vault';
import { opaqueRegister } from './opaque';

/** After this the prepared account is dropped: its keys should not linger in memory. */
export const PENDING_ACCOUNT_MS = 60 * 60_000;

export interface NewAccountForm {
  email: string;
  password: string;
  hint: string;
  serverUrl: string;
}

type Pending = StoredValue<'pendingAccount'>;

/** The checks of a new account's form, before any email is sent. */
export function checkNewAccount(input: NewAccountForm): NewAccountForm {
  const email = checked(() => parseEmail(input.email));
  const serverUrl = checked(() => parseServerUrl(input.serverUrl));
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new ProtocolError('weak-password', `Choose at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  return { email, serverUrl, password: input.password, hint: input.hint.trim() };
}

/** The kept material as the vault opener takes it; `wipe` clears the bytes read back. */
export function materialOf(pending: Pending): NewVaultKeys {
  const accountKey = parseAccountKey(pending.accountKey);
  const authSecret = fromBase64Url(pending.authSecret);
  const vk = fromBase64Url(pending.vaultKey);
  let handedOver = false;
  return {
    accountKey,
    kdf: checkedKdf(pending.kdf),
    keys: { authSecret, kek: new Uint8Array(32) },
    vk,
    handOver: () => (handedOver = true),
    wipe: () => {
      wipeBytes(authSecret, accountKey);
      if (!handedOver) wipeBytes(vk);
    },
  };
}

export function createEmailVerification(deps: {
  api: (serverUrl: string) => ApiClient;
  now: () => number;
  /** Argon2id cost for new accounts; tests lower it to the floor to stay fast. */
  kdf?: { ops: number; memBytes: number };
}) {
  const { api, now } = deps;

  /** The account's key material, made on this device before the code arrives. */
  async function prepare(form: NewAccountForm) {
    const material = await newVaultKeys({
      email: form.email,
      password: form.password,
      cost: deps.kdf,
    });
    try {
      const accountId = randomId();
      const { keys, kdf, vk } = material;
      const wrappedVaultKey = await wrapVaultKey({ kek: keys.kek, vk, accountId, epoch: 1, kdf });
      const client = api(form.serverUrl);
      const registrationRecord = await opaqueRegister(keys.authSecret, (registrationRequest) =>
        client.registerStart({ email: form.email, registrationRequest }),
      );
      return {
        accountId,
        accountKey: formatAccountKey(material.accountKey),
        kdf: kdfParamsToWire(kdf),
        wrappedVaultKey,
        registrationRecord,
        authSecret: toBase64Url(keys.authSecret),
        vaultKey: toBase64Url(vk),
      };
    } finally {
      material.wipe();
    }
  }

  async function current(): Promise<Pending | undefined> {
    const pending = await getStored('pendingAccount');
    if (pending && now() - pending.sentAt > PENDING_ACCOUNT_MS) {
      await removeStored('pendingAccount');
      return undefined;
    }
    return pending;
  }

  return {
    /**
     * Checks the form, asks the server to email a code, and makes the account's key material
     * while the email travels; the password is not kept.
     */
    async start(input: NewAccountForm): Promise<PendingAccount> {
      const form = checkNewAccount(input);
      await removeStored('pendingAccount');
      const { verificationId } = await api(form.serverUrl).verifyEmail(form.email);
      const prepared = await prepare(form);
      const pending: Pending = {
        email: form.email,
        serverUrl: form.serverUrl,
        hint: form.hint,
        verificationId,
        sentAt: now(),
        ...prepared,
      };
      await setStored('pendingAccount', pending);
      return publicPart(pending);
    },

    /** A new code for the same account (the newest one counts). */
    async resend(): Promise<PendingAccount> {
      const pending = await current();
      if (!pending) throw new ProtocolError('invalid-code', 'Start again: the form has expired.');
      const { verificationId } = await api(pending.serverUrl).verifyEmail(pending.email);
      const next: Pending = { ...pending, verificationId, sentAt: now() };
      await setStored('pendingAccount', next);
      return publicPart(next);
    },

    /** The account waiting for its code, for the popup to show again (never its secrets). */
    async pending(): Promise<PendingAccount | undefined> {
      const pending = await current();
      return pending && publicPart(pending);
    },

    /** What the account is created from. */
    current,

    forget: () => removeStored('pendingAccount'),
  };
}

function publicPart(pending: Pending): PendingAccount {
  return {
    email: pending.email,
    serverUrl: pending.serverUrl,
    hint: pending.hint,
    sentAt: pending.sentAt,
  };
}

export type EmailVerification = ReturnType<typeof createEmailVerification>;
