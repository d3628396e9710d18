/**
 * A new vault, made on this device (DESIGN §2, §5): account creation and a reset both generate the
 * account key, the salt and the vault key here, register the new password with the server, and end
 * signed in with the new Emergency Kit waiting to be saved. Key generation never runs in code the
 * server serves.
 */
import { formatAccountKey } from '@/lib/account-key';
import {
  createKdfParams,
  deriveAccountKeys,
  generateAccountKey,
  generateVaultKey,
  kdfParamsToWire,
  wipe as wipeBytes,
  type AccountKeys,
  type KdfParams,
} from '@/lib/crypto';
import type { AccountRecord } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import { MIN_PASSWORD_LENGTH } from '@/lib/messaging/limits';
import type { EmergencyKit } from '@/lib/messaging/protocol';
import { setStored } from '@/lib/storage/store';
import type { ApiClient } from '@/lib/sync/client';
import { opaqueLogin } from './opaque';
import type { AccountFlowDeps } from './sign-in';
import { kitOf } from './sign-in';

export interface NewVaultKeys {
  accountKey: Uint8Array;
  kdf: KdfParams;
  keys: AccountKeys;
  /** The new vault key; the session keeps it once the vault opens. */
  vk: Uint8Array;
  /** The vault opened with `vk`: from now on the session owns it, and `wipe` leaves it alone. */
  handOver(): void;
  /** Wipes what only the setup needed, and the vault key too unless the session took it. */
  wipe(): void;
}

/** Generates the key material of a new vault for `email` and the chosen password. */
export async function newVaultKeys(input: {
  email: string;
  password: string;
  /** Argon2id cost; tests lower it to the floor. */
  cost?: { ops: number; memBytes: number };
}): Promise<NewVaultKeys> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new ProtocolError('weak-password', `Choose at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const accountKey = generateAccountKey();
  const kdf = createKdfParams(input.cost);
  const keys = await deriveAccountKeys({
    password: input.password,
    email: input.email,
    accountKey,
    kdf,
  });
  const vk = generateVaultKey();
  let handedOver = false;
  return {
    accountKey,
    kdf,
    keys,
    vk,
    handOver: () => (handedOver = true),
    wipe: () => {
      wipeBytes(keys.authSecret, keys.kek, accountKey);
      if (!handedOver) wipeBytes(vk);
    },
  };
}

/**
 * Signs this device in to the vault the server just registered, stores the account, opens the
 * vault and returns the new Emergency Kit, which the popup shows until it is acknowledged.
 */
export async function openNewVault(
  deps: Pick<AccountFlowDeps, 'store' | 'session' | 'now' | 'deviceName'>,
  client: ApiClient,
  input: {
    accountId: string;
    email: string;
    serverUrl: string;
    epoch: number;
    wrappedVaultKey: string;
    hint?: string;
    material: NewVaultKeys;
  },
): Promise<EmergencyKit> {
  const { material } = input;
  const deviceName = deps.deviceName();
  const login = await opaqueLogin(client, {
    email: input.email,
    authSecret: material.keys.authSecret,
    deviceName,
  });
  if (login.accountId !== input.accountId || login.epoch !== input.epoch) {
    throw new ProtocolError('server-malformed', 'The server signed in to another account.');
  }
  const account: AccountRecord = {
    accountId: input.accountId,
    email: input.email,
    serverUrl: input.serverUrl,
    kdf: kdfParamsToWire(material.kdf),
    wrappedVaultKey: input.wrappedVaultKey,
    epoch: input.epoch,
    accountKey: formatAccountKey(material.accountKey),
    hint: input.hint || undefined,
    deviceName,
    sessionToken: login.token,
  };
  await deps.store.saveAccount(account);
  await setStored('kitPending', true);
  material.handOver();
  await deps.session.open(account, material.vk);
  return kitOf(account, deps.now());
}
