/**
 * The steps the account flows share: derive this account's keys from a password, check what the
 * server sent about key derivation, unwrap the vault key, and turn parse errors into protocol
 * errors the popup can explain.
 */
import { AccountKeyError, SetupCodeError, parseAccountKey } from '@/lib/account-key';
import {
  CryptoError,
  deriveAccountKeys,
  kdfParamsFromWire,
  unwrapVaultKey,
  wipe as wipeBytes,
  type AccountKeys,
} from '@/lib/crypto';
import type { AccountRecord } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';

export type CheckedKdf = ReturnType<typeof checkedKdf>;

export async function derive(
  password: string,
  email: string,
  accountKeyText: string,
  kdf: CheckedKdf,
) {
  const accountKey = parseAccountKey(accountKeyText);
  try {
    return await deriveAccountKeys({ password, email, accountKey, kdf });
  } finally {
    wipeBytes(accountKey);
  }
}

/**
 * The password opens this device's copy of the vault key, or it is wrong ('wrong-password'). Local
 * only: a password change and showing the Emergency Kit again ask for it this way.
 */
export async function proveLocally(account: AccountRecord, password: string): Promise<AccountKeys> {
  const kdf = checkedKdf(account.kdf);
  const keys = await derive(password, account.email, account.accountKey, kdf);
  try {
    const vk = await unwrapVaultKey({
      kek: keys.kek,
      wrappedVk: account.wrappedVaultKey,
      accountId: account.accountId,
      epoch: account.epoch,
      kdf,
    });
    wipeBytes(vk);
    return keys;
  } catch (error) {
    wipeBytes(keys.authSecret, keys.kek);
    if (!(error instanceof CryptoError)) throw error;
    throw new ProtocolError('wrong-password', 'That is not the password of this account.');
  }
}

export async function unwrapOrTampered(
  keys: AccountKeys,
  wrappedVk: string,
  accountId: string,
  epoch: number,
  kdf: CheckedKdf,
) {
  try {
    return await unwrapVaultKey({ kek: keys.kek, wrappedVk, accountId, epoch, kdf });
  } catch {
    // OPAQUE accepted the password, so the key material the server sent is not what we wrapped.
    throw new ProtocolError('tampered', 'The server sent key material that does not verify.');
  }
}

export function checkedKdf(wire: unknown) {
  try {
    return kdfParamsFromWire(wire);
  } catch (error) {
    if (error instanceof CryptoError && error.code === 'kdf-too-weak') {
      throw new ProtocolError(
        'weak-kdf',
        'The server asked for key derivation weaker than Cassaforte allows.',
      );
    }
    throw new ProtocolError(
      'server-malformed',
      'The server sent key derivation settings Cassaforte does not accept.',
    );
  }
}

export function checked<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof AccountKeyError) throw new ProtocolError('bad-account-key', error.message);
    if (error instanceof SetupCodeError) {
      throw new ProtocolError(
        error.code === 'bad-email' ? 'bad-email' : 'bad-server-url',
        error.message,
      );
    }
    throw error;
  }
}
