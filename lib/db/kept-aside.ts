/**
 * Data kept aside by a sign-out the user did not ask for (issue 11, DESIGN §5): the account was
 * reset elsewhere, another device signed this one out, or the session reached its lifetime.
 * Nothing is thrown away blindly: the vault's items (unsent edits with them) and what opens them
 * move, in the one transaction that signs this device out, into the kept stores, where only the
 * user's own sign-out or 30 days delete them. A sign-in to the same account and epoch takes them
 * back as they were (the same vault key opens them); after a reset they are brought into the new
 * vault one batch at a time (`bringIn`), each batch in the transaction that queues its new items,
 * so a worker killed midway neither loses nor doubles any.
 */
import { SITE_PREFS_ID } from '../vault/item';
import { writeLocalChange, type LocalChange } from './local-change';
import {
  ACCOUNT_KEY,
  ALL_STORES,
  KEPT_STORES,
  type AccountRecord,
  type KeptItem,
  type KeptSet,
  type SeqMeta,
  type SyncMeta,
  type VaultDb,
  type VaultStoreName,
} from './schema';
import { nextSeq, runTx, type RepoOptions, type VaultTx } from './tx';

/** How long kept data stays, unless brought in or signed out of first. */
export const KEPT_ASIDE_DAYS = 30;
export const KEPT_ASIDE_MS = KEPT_ASIDE_DAYS * 24 * 60 * 60 * 1000;

export const keptSetKey = (accountId: string, epoch: number) => `${accountId}/${epoch}`;

/** Every item of one set: [set] sorts before [set, id] and an array after any string id. */
const wholeSet = (key: string) => IDBKeyRange.bound([key], [key, []]);

/** Why and when, as the session tells it. */
export interface KeepAsideReason {
  reason: string;
  keptAt: number;
  happenedAt?: number;
  by?: string;
}

/** A new item of the open vault made from a kept one: its id, sealed blob and inner revision. */
export interface BroughtIn {
  keptId: string;
  id: string;
  blob: string;
  revision: number;
}

export interface KeptAsideRepo {
  /**
   * Signs the device out keeping its data: the account (without its token), items, outbox and
   * cursor go into a kept set and the vault stores are cleared, in one transaction. Undefined when
   * no account was signed in. Keeping the same account and epoch again adds to its set.
   */
  keepAside(why: KeepAsideReason): Promise<KeptSet | undefined>;
  /** The kept sets, oldest first. */
  listKept(): Promise<KeptSet[]>;
  /** The live items of a set (with a blob), for bringing them in. */
  keptItems(key: string): Promise<KeptItem[]>;
  /**
   * Writes `items` as new local changes of the signed-in vault and removes the kept items they
   * came from, in one transaction; the set goes once no live item is left. Returns how many are
   * left. Refused (nothing written) when no account is signed in.
   */
  bringIn(key: string, items: readonly BroughtIn[]): Promise<{ remaining: number }>;
  /** Deletes one set, or with no key every set (the user's sign-out). */
  dropKept(key?: string): Promise<void>;
  /** Deletes the sets kept before `cutoff`; returns their keys. */
  dropKeptBefore(cutoff: number): Promise<string[]>;
}

type KeepTx = VaultTx<VaultStoreName[], 'readwrite'>;
type ChangeTx = Parameters<typeof writeLocalChange>[0];

/** Live = an item with content, not a tombstone: what the user would call "an item". */
const isLive = (kept: KeptItem) =>
  kept.item !== undefined && !kept.item.deleted && !!kept.item.blob;

async function recount(tx: KeepTx, set: KeptSet): Promise<KeptSet & { left: number }> {
  const all = (await tx.objectStore('keptItems').getAll(wholeSet(set.key))).filter(isLive);
  // The hidden site-preferences record (never lists) comes in with the items, but is not one of
  // the "N items kept"; the set stays while it is left.
  const live = all.filter((kept) => kept.id !== SITE_PREFS_ID);
  return {
    ...set,
    items: live.length,
    unsent: live.filter((k) => k.pending).length,
    left: all.length,
  };
}

/**
 * Inside saveAccount: a kept set of the account and epoch signing in holds this very vault (the
 * same vault key opens it), so it comes back as it was, unsent edits queued again. Returns how
 * many live items came back.
 */
export async function takeBackKept(tx: KeepTx, account: AccountRecord): Promise<number> {
  const key = keptSetKey(account.accountId, account.epoch);
  const sets = tx.objectStore('keptSets');
  const set = await sets.get(key);
  if (!set) return 0;
  const kept = tx.objectStore('keptItems');
  const items = tx.objectStore('items');
  const outbox = tx.objectStore('outbox');
  const meta = tx.objectStore('meta');
  for (const entry of await kept.getAll(wholeSet(key))) {
    const { item, pending } = entry;
    if (item && !(await items.get(item.id))) await items.put(item);
    if (pending && !(await outbox.get(pending.itemId))) {
      // A fresh seq: the one it had may have been handed out again since.
      await outbox.put({ ...pending, seq: await nextSeq(meta) });
    }
  }
  const sync = (await meta.get('sync')) as SyncMeta | undefined;
  if (sync && sync.cursor === 0) await meta.put({ ...sync, cursor: set.cursor });
  await kept.delete(wholeSet(key));
  await sets.delete(key);
  return set.items;
}

export function createKeptAsideRepo(db: VaultDb, { now = Date.now }: RepoOptions = {}) {
  const everything: VaultStoreName[] = [...ALL_STORES, ...KEPT_STORES];

  const repo: KeptAsideRepo = {
    async keepAside(why) {
      return runTx(
        db,
        everything,
        'readwrite',
        'keepAside',
        async (tx) => {
          const record = await tx.objectStore('account').get(ACCOUNT_KEY);
          if (!record) return undefined;
          const { sessionToken: _ended, ...account } = record;
          const key = keptSetKey(account.accountId, account.epoch);
          const meta = tx.objectStore('meta');
          const [items, outbox, sync, seq] = await Promise.all([
            tx.objectStore('items').getAll(),
            tx.objectStore('outbox').getAll(),
            meta.get('sync') as Promise<SyncMeta | undefined>,
            meta.get('seq') as Promise<SeqMeta | undefined>,
          ]);
          const kept = tx.objectStore('keptItems');
          const pending = new Map(outbox.map((entry) => [entry.itemId, entry]));
          for (const item of items) {
            const entry: KeptItem = { set: key, id: item.id, item };
            const change = pending.get(item.id);
            if (change) entry.pending = change;
            pending.delete(item.id);
            await kept.put(entry);
          }
          for (const change of pending.values()) {
            await kept.put({ set: key, id: change.itemId, pending: change });
          }
          const earlier = await tx.objectStore('keptSets').get(key);
          const { left: _left, ...set } = await recount(tx, {
            key,
            account,
            cursor: sync?.cursor ?? 0,
            keptAt: earlier?.keptAt ?? why.keptAt,
            reason: why.reason,
            items: 0,
            unsent: 0,
            ...(why.happenedAt !== undefined && { happenedAt: why.happenedAt }),
            ...(why.by !== undefined && { by: why.by }),
          });
          await tx.objectStore('keptSets').put(set);
          await Promise.all(ALL_STORES.map((name) => tx.objectStore(name).clear()));
          // The outbox counter keeps climbing across the sign-out (see wipeAccount).
          if (seq) await meta.put(seq);
          return set;
        },
        { durability: 'strict' },
      );
    },

    async listKept() {
      const sets = await runTx(db, ['keptSets'], 'readonly', 'listKept', (tx) =>
        tx.objectStore('keptSets').getAll(),
      );
      return sets.sort((a, b) => a.keptAt - b.keptAt);
    },

    async keptItems(key) {
      const all = await runTx(db, ['keptItems'], 'readonly', 'keptItems', (tx) =>
        tx.objectStore('keptItems').getAll(wholeSet(key)),
      );
      return all.filter(isLive);
    },

    async bringIn(key, brought) {
      const outcome = await runTx(
        db,
        everything,
        'readwrite',
        'bringIn',
        async (tx) => {
          if (!(await tx.objectStore('account').get(ACCOUNT_KEY))) return undefined;
          const set = await tx.objectStore('keptSets').get(key);
          if (!set) return { remaining: 0 };
          const kept = tx.objectStore('keptItems');
          const at = now();
          for (const { keptId, id, blob, revision } of brought) {
            // Gone already: an earlier run brought this one in and was stopped before it knew.
            if (!(await kept.get([key, keptId]))) continue;
            const change: LocalChange = { deleted: false, blob, revision };
            // The transaction holds the change stores among others; idb types only exact lists.
            await writeLocalChange(tx as unknown as ChangeTx, id, change, at);
            await kept.delete([key, keptId]);
          }
          const { left, ...counted } = await recount(tx, set);
          if (left === 0) {
            await kept.delete(wholeSet(key));
            await tx.objectStore('keptSets').delete(key);
          } else {
            await tx.objectStore('keptSets').put(counted);
          }
          return { remaining: counted.items };
        },
        { durability: 'strict' },
      );
      if (!outcome) throw new Error('bringIn: no account is signed in');
      return outcome;
    },

    async dropKept(key) {
      await runTx(db, KEPT_STORES, 'readwrite', 'dropKept', async (tx) => {
        if (key === undefined) {
          await Promise.all(KEPT_STORES.map((name) => tx.objectStore(name).clear()));
          return;
        }
        await tx.objectStore('keptItems').delete(wholeSet(key));
        await tx.objectStore('keptSets').delete(key);
      });
    },

    async dropKeptBefore(cutoff) {
      return runTx(db, KEPT_STORES, 'readwrite', 'dropKeptBefore', async (tx) => {
        const old = (await tx.objectStore('keptSets').getAll()).filter((s) => s.keptAt < cutoff);
        for (const set of old) {
          await tx.objectStore('keptItems').delete(wholeSet(set.key));
          await tx.objectStore('keptSets').delete(set.key);
        }
        return old.map((set) => set.key);
      });
    },
  };
  return repo;
}
