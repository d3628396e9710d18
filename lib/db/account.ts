/**
 * The signed-in account record, and the wipe that forgets everything of it on this device.
 */
import { z } from 'zod';
import { kdfParamsSchema } from '@/lib/api/kdf';
import { takeBackKept } from './kept-aside';
import { emptySyncMeta } from './remote';
import {
  ACCOUNT_KEY,
  ALL_STORES,
  KEPT_STORES,
  type AccountRecord,
  type SeqMeta,
  type SyncMeta,
  type VaultDb,
} from './schema';
import { runTx } from './tx';

/** Fields a signed-in device may change: not the identity of the account or its epoch. */
export type AccountPatch = Partial<Omit<AccountRecord, 'accountId' | 'epoch'>>;

export interface AccountRepo {
  /** The account, or undefined when signed out (or when the record is unreadable). */
  getAccount(): Promise<AccountRecord | undefined>;
  /**
   * Stores the account after sign-in. If the device holds data of another account or of an older
   * epoch (a reset elsewhere), that data is dropped in the same transaction: items of two epochs
   * never mix. `wiped` says whether that happened. Data of this same account and epoch that a
   * forced sign-out kept aside (kept-aside.ts) comes back in the same transaction: `restored`
   * live items.
   */
  saveAccount(record: AccountRecord): Promise<{ wiped: boolean; restored?: number }>;
  /** Changes some fields (a new session token, a re-wrapped vault key); an undefined value removes
   * an optional field. Throws if signed out. */
  updateAccount(patch: AccountPatch): Promise<AccountRecord>;
  /**
   * Sign-out: clears the account's stores in one transaction. What a forced sign-out kept aside
   * stays, unless `keptAside` (the user's own sign-out deletes it too, in the same transaction).
   */
  wipeAccount(options?: { keptAside?: boolean }): Promise<void>;
}

// Read-side check only: a record written by an older build or damaged on disk reads as
// "signed out" (the user signs in again) instead of crashing the background.
const accountRecordSchema = z.object({
  accountId: z.string().min(1),
  email: z.string().min(1),
  serverUrl: z.string().min(1),
  // The client's refusal rule applies to what is on disk too: weak parameters read as signed out.
  kdf: kdfParamsSchema,
  wrappedVaultKey: z.string().min(1),
  epoch: z.number().int().nonnegative(),
  accountKey: z.string().min(1),
  hint: z.string().optional(),
  deviceName: z.string(),
  sessionToken: z.string().optional(),
});

export function createAccountRepo(db: VaultDb): AccountRepo {
  return {
    async getAccount() {
      const raw = await runTx(db, ['account'], 'readonly', 'getAccount', (tx) =>
        tx.objectStore('account').get(ACCOUNT_KEY),
      );
      const parsed = accountRecordSchema.safeParse(raw);
      return parsed.success ? (parsed.data as AccountRecord) : undefined;
    },

    async saveAccount(record) {
      const checked = accountRecordSchema.parse(record) as AccountRecord;
      const stores = [...ALL_STORES, ...KEPT_STORES];
      return runTx(db, stores, 'readwrite', 'saveAccount', async (tx) => {
        const meta = tx.objectStore('meta');
        const [existing, stored] = await Promise.all([
          tx.objectStore('account').get(ACCOUNT_KEY),
          meta.get('sync') as Promise<SyncMeta | undefined>,
        ]);
        const sync = stored ?? emptySyncMeta();
        const otherAccount = existing !== undefined && existing.accountId !== checked.accountId;
        const otherEpoch = sync.epoch !== null && sync.epoch !== checked.epoch;
        const wiped = otherAccount || otherEpoch;
        if (wiped) {
          await Promise.all([tx.objectStore('items').clear(), tx.objectStore('outbox').clear()]);
        }
        await tx.objectStore('account').put(checked, ACCOUNT_KEY);
        await meta.put(
          wiped ? { ...emptySyncMeta(), epoch: checked.epoch } : { ...sync, epoch: checked.epoch },
        );
        const restored = await takeBackKept(tx, checked);
        return restored > 0 ? { wiped, restored } : { wiped };
      });
    },

    async updateAccount(patch) {
      // Errors of our own are thrown outside the transaction so they are not reported as
      // database failures; returning early from the body commits nothing.
      const outcome = await runTx(db, ['account'], 'readwrite', 'updateAccount', async (tx) => {
        const store = tx.objectStore('account');
        const existing = await store.get(ACCOUNT_KEY);
        if (!existing) return { ok: false as const, reason: 'no account is signed in' };
        const updated: Record<string, unknown> = { ...existing };
        for (const [field, value] of Object.entries(patch)) {
          if (value === undefined) delete updated[field];
          else updated[field] = value;
        }
        const parsed = accountRecordSchema.safeParse(updated);
        if (!parsed.success) return { ok: false as const, reason: 'the patch is invalid' };
        await store.put(parsed.data as AccountRecord, ACCOUNT_KEY);
        return { ok: true as const, record: parsed.data as AccountRecord };
      });
      if (!outcome.ok) throw new Error(`updateAccount: ${outcome.reason}`);
      return outcome.record;
    },

    async wipeAccount({ keptAside = false } = {}) {
      const stores = keptAside ? [...ALL_STORES, ...KEPT_STORES] : ALL_STORES;
      await runTx(db, stores, 'readwrite', 'wipeAccount', async (tx) => {
        const meta = tx.objectStore('meta');
        const seq = (await meta.get('seq')) as SeqMeta | undefined;
        await Promise.all(stores.map((name) => tx.objectStore(name).clear()));
        // Keep the outbox counter climbing across a wipe, so an acknowledgement of a push made
        // before it can never match an entry made after it.
        if (seq) await meta.put(seq);
      });
    },
  };
}
