/**
 * Unlock with a passkey (issue 15; DESIGN §2): Touch ID, Windows Hello or a security key, through
 * WebAuthn's PRF extension, which the popup runs (lib/messaging/passkey.ts). Setting it up needs
 * the vault open and the account password typed again; the vault key is then wrapped under a key
 * derived from the PRF output and kept on this device only (storage key `passkeyUnlock`), next to
 * the password-wrapped copy, never synced.
 *
 * The password always works too, and is asked instead of the passkey: after a browser restart
 * (unless the user turned that off), 14 days after it was last typed here, once the server ended
 * this device's session, and for good once the password-wrapped copy the wrap was made beside
 * changed (a password change here or elsewhere, a reset). A lock is a lock whichever way in.
 */
import {
  CryptoError,
  fromBase64Url,
  PRF_OUTPUT_BYTES,
  randomBytes,
  toBase64Url,
  unwrapWithPasskey,
  wipe,
  wrapWithPasskey,
} from '@/lib/crypto';
import type { AccountRecord, VaultStore } from '@/lib/db';
import { sha256Hex } from '@/lib/messaging/clipboard';
import { ProtocolError } from '@/lib/messaging/errors';
import type { PasskeyEnrolment, PasskeyPause, PasskeyStatus } from '@/lib/messaging/passkey';
import { getStored, removeStored, setStored } from '@/lib/storage/store';
import { proveLocally } from './account-keys';
import type { Session } from './session';

/** The password is asked again after this long without it. */
export const PASSWORD_EVERY_MS = 14 * 24 * 60 * 60 * 1000;
/** How long the typed password counts for setting up (the authenticator's prompt included). */
const ENROL_WINDOW_MS = 2 * 60 * 1000;

type Wrap = NonNullable<Awaited<ReturnType<typeof getStored<'passkeyUnlock'>>>>;

export function createPasskeyService(deps: {
  store: Pick<VaultStore, 'getAccount'>;
  session: Pick<Session, 'open' | 'isUnlocked' | 'unlocked'>;
  now: () => number;
}) {
  const { store, session, now } = deps;
  /** Set up after the password was typed again: what was handed out, until when. */
  let pending: { salt: string; until: number; accountId: string } | undefined;

  /** The wrap, if it still belongs to this account's current password-wrapped copy. */
  async function current(account: AccountRecord | undefined): Promise<Wrap | undefined> {
    const wrap = await getStored('passkeyUnlock');
    if (!wrap) return undefined;
    const fits =
      account !== undefined &&
      wrap.accountId === account.accountId &&
      wrap.epoch === account.epoch &&
      wrap.besides === (await sha256Hex(account.wrappedVaultKey));
    if (fits) return wrap;
    await removeStored('passkeyUnlock'); // a password change or a reset: it no longer counts
    return undefined;
  }

  async function pauseOf(wrap: Wrap, account: AccountRecord): Promise<PasskeyPause | undefined> {
    if (!account.sessionToken) return 'session';
    if (now() - wrap.passwordAt > PASSWORD_EVERY_MS) return 'stale';
    if (wrap.askAfterRestart && (await getStored('passwordThisRun')) !== true) return 'restart';
    return undefined;
  }

  async function status(): Promise<PasskeyStatus> {
    const account = await store.getAccount();
    const wrap = await current(account);
    if (!wrap || !account) return { enrolled: false, usable: false, askAfterRestart: true };
    const pause = await pauseOf(wrap, account);
    return {
      enrolled: true,
      usable: pause === undefined,
      ...(pause ? { pause } : {}),
      credentialId: wrap.credentialId,
      salt: wrap.salt,
      enrolledAt: wrap.enrolledAt,
      askAfterRestart: wrap.askAfterRestart,
    };
  }

  function prfBytes(prf: string): Uint8Array {
    const bytes = fromBase64Url(prf);
    if (bytes.length !== PRF_OUTPUT_BYTES) {
      throw new ProtocolError('passkey-failed', 'The passkey gave no 32-byte PRF output.');
    }
    return bytes;
  }

  return {
    status,

    /** The password was typed on this device (unlock, sign-in, account creation). */
    async passwordUsed(): Promise<void> {
      await setStored('passwordThisRun', true);
      // A wrap made beside key material the password just replaced goes (current()).
      const wrap = await current(await store.getAccount());
      if (wrap) await setStored('passkeyUnlock', { ...wrap, passwordAt: now() });
    },

    /** The browser started: a passkey that waits for the password after a restart waits. */
    async browserStarted(): Promise<void> {
      await removeStored('passwordThisRun');
    },

    async begin(password: string): Promise<PasskeyEnrolment> {
      const ctx = await session.unlocked();
      const account = await store.getAccount();
      if (!account) throw new ProtocolError('not-signed-in', 'Sign in on this device first.');
      const keys = await proveLocally(account, password);
      wipe(keys.authSecret, keys.kek);
      const salt = toBase64Url(randomBytes(32));
      pending = { salt, until: now() + ENROL_WINDOW_MS, accountId: ctx.accountId };
      return { userId: toBase64Url(randomBytes(16)), salt, email: account.email };
    },

    async enrol(input: { credentialId: string; prf: string }): Promise<PasskeyStatus> {
      const ctx = await session.unlocked();
      const account = await store.getAccount();
      const started = pending;
      pending = undefined;
      if (!account || !started || started.until < now() || started.accountId !== ctx.accountId) {
        throw new ProtocolError('passkey-expired', 'Type the account password again to set up.');
      }
      const prf = prfBytes(input.prf);
      try {
        const place = {
          accountId: ctx.accountId,
          epoch: ctx.epoch,
          credentialId: input.credentialId,
        };
        const wrapped = await wrapWithPasskey({ ...place, vk: ctx.vk, prf });
        await setStored('passkeyUnlock', {
          ...place,
          salt: started.salt,
          wrapped,
          besides: await sha256Hex(account.wrappedVaultKey),
          enrolledAt: now(),
          passwordAt: now(),
          askAfterRestart: (await getStored('passkeyUnlock'))?.askAfterRestart ?? true,
        });
      } finally {
        wipe(prf);
      }
      await setStored('passwordThisRun', true);
      return status();
    },

    async unlock(input: { credentialId: string; prf: string }): Promise<void> {
      if (session.isUnlocked()) return;
      const account = await store.getAccount();
      if (!account) throw new ProtocolError('not-signed-in', 'Sign in on this device first.');
      const wrap = await current(account);
      if (!wrap) throw new ProtocolError('passkey-not-set-up', 'Unlock with your password.');
      const pause = await pauseOf(wrap, account);
      if (pause) {
        throw new ProtocolError(
          'passkey-paused',
          `Type the account password this time (${pause}).`,
        );
      }
      if (input.credentialId !== wrap.credentialId) {
        throw new ProtocolError('passkey-failed', 'That passkey does not unlock this vault.');
      }
      const prf = prfBytes(input.prf);
      let vk: Uint8Array;
      try {
        vk = await unwrapWithPasskey({ ...wrap, prf });
      } catch (error) {
        if (!(error instanceof CryptoError)) throw error;
        throw new ProtocolError('passkey-failed', 'That passkey does not unlock this vault.');
      } finally {
        wipe(prf);
      }
      await session.open(account, vk);
    },

    async setAskAfterRestart(on: boolean): Promise<PasskeyStatus> {
      await session.unlocked();
      const wrap = await current(await store.getAccount());
      if (wrap) await setStored('passkeyUnlock', { ...wrap, askAfterRestart: on });
      return status();
    },

    /** The user removed it, or the password changed here: the wrap leaves this device. */
    async remove(): Promise<PasskeyStatus> {
      pending = undefined;
      await removeStored('passkeyUnlock');
      return status();
    },
  };
}

export type PasskeyService = ReturnType<typeof createPasskeyService>;
