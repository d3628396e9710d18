/**
 * The unlocked vault key: in this module's memory and in `storage.session` (memory-backed, trusted
 * contexts only), so a service worker that the browser stopped comes back unlocked until the
 * auto-lock deadline (DESIGN §5). Never in storage.local, IndexedDB or a log.
 */
import { fromBase64Url, toBase64Url, wipe as wipeBytes } from '@/lib/crypto';
import { getStored, setStored, wipe } from '@/lib/storage/store';

export interface Keyring {
  /** The vault key while unlocked. */
  key(): Uint8Array | undefined;
  unlock(vk: Uint8Array, lockAt: number): Promise<void>;
  /** Moves the deadline (activity, a changed setting). */
  setDeadline(lockAt: number): Promise<void>;
  deadline(): number | undefined;
  /** After the worker restarted: takes the key back from storage.session if its time is not up. */
  restore(now: number): Promise<boolean>;
  /** Wipes the key from memory and storage.session (with everything else cleared on lock). */
  lock(): Promise<void>;
}

export function createKeyring(): Keyring {
  let vk: Uint8Array | undefined;
  let lockAt: number | undefined;

  return {
    key: () => vk,
    deadline: () => lockAt,
    async unlock(key, deadline) {
      vk = key;
      lockAt = deadline;
      await setStored('lockDeadline', deadline);
      await setStored('vaultKey', toBase64Url(key));
    },
    async setDeadline(deadline) {
      lockAt = deadline;
      await setStored('lockDeadline', deadline);
    },
    async restore(now) {
      if (vk) return true;
      const [stored, deadline] = await Promise.all([
        getStored('vaultKey'),
        getStored('lockDeadline'),
      ]);
      if (!stored || deadline === undefined || deadline <= now) return false;
      vk = fromBase64Url(stored);
      lockAt = deadline;
      return true;
    },
    async lock() {
      wipeBytes(vk);
      vk = undefined;
      lockAt = undefined;
      await wipe('lock');
    },
  };
}
