/**
 * What a forced sign-out kept aside on this device (issue 11, DESIGN §5; the data itself:
 * lib/db/kept-aside.ts): what the popup is told about it, bringing items from before a reset into
 * the new vault with the old password, deleting them on request, and after 30 days.
 *
 * Bringing in: the old password, the kept KDF settings and the kept account key derive the old
 * KEK, which unwraps the old vault key (a wrong password fails the unwrap: nothing changes). Each
 * item is opened under the old key and sealed as a new item of the open vault (new id, same
 * content), then written as a local edit, so it syncs up like any other. A batch is written in
 * the transaction that removes its kept items: a worker stopped midway loses nothing and, on the
 * next try, brings in only the rest. The old vault key lives only for that work and is wiped.
 *
 * The old vault's hidden site-preferences record is no item: under a new id it would be an
 * orphan no list shows, and its "never for this site" lists lost. Its sites join the open
 * vault's record instead (a union, so bringing it in twice after a stopped worker is harmless),
 * and it is not counted as brought in.
 */
import {
  CryptoError,
  openJson,
  randomId,
  sealJson,
  unwrapVaultKey,
  wipe as wipeBytes,
} from '@/lib/crypto';
import { KEPT_ASIDE_MS, type AccountRecord, type KeptSet, type VaultStore } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import type { KeptAsideStatus } from '@/lib/messaging/protocol';
import type { Opened } from '@/lib/sync/types';
import type { VaultContext } from '@/lib/vault/context';
import { isHiddenItem, safeNormalizeItem, type SitePrefsItem } from '@/lib/vault/item';
import { readSealed } from '@/lib/vault/sealed';
import { checkedKdf, derive } from './account-keys';
import type { Session } from './session';
import type { SitePrefsService } from './site-prefs';
import type { VaultService } from './vault';

/** Items sealed and written per transaction while bringing them in. */
const BRING_IN_BATCH = 50;

/** A kept item sealed anew for the open vault, and what the vault in memory shows of it. */
interface Resealed {
  id: string;
  blob: string;
  revision: number;
  opened: Opened;
}

/** The kept set the account key of which still signs in to `email` at `serverUrl`, if any. */
export async function keptAccountKey(
  store: Pick<VaultStore, 'listKept'>,
  email: string,
  serverUrl: string,
): Promise<string | undefined> {
  const sets = await store.listKept();
  const fitting = sets.filter(
    (set) =>
      set.account.email === email &&
      set.account.serverUrl === serverUrl &&
      set.reason !== 'account-reset',
  );
  return fitting.at(-1)?.account.accountKey;
}

export function createKeptAsideService(deps: {
  store: VaultStore;
  session: Pick<Session, 'unlocked' | 'account' | 'isCurrent'>;
  vault: Pick<VaultService, 'took' | 'flushIndex'>;
  sitePrefs: Pick<SitePrefsService, 'mergeIn'>;
  now: () => number;
  /** Items were brought in: sync pushes them. */
  onLocalChange: () => void;
}) {
  const { store, session, vault, now } = deps;

  /** Sets kept less than 30 days ago (older ones go at the next start or alarm). */
  const current = async () =>
    (await store.listKept()).filter((set) => set.keptAt + KEPT_ASIDE_MS > now());

  /** Sets of the open account from before a reset: what its old password brings in. */
  const offersFor = (sets: KeptSet[], open: AccountRecord) =>
    sets.filter(
      (set) => set.account.accountId === open.accountId && set.account.epoch < open.epoch,
    );

  /**
   * Opens one kept item under the old key and seals it as a new item of the open vault; a hidden
   * record comes back open, for its owner to merge.
   */
  async function reseal(
    ctx: VaultContext,
    old: VaultContext,
    keptId: string,
    blob: string,
  ): Promise<Resealed | { hidden: SitePrefsItem } | undefined> {
    let value: unknown;
    try {
      value = await openJson({ ...old, itemId: keptId, blob });
    } catch (error) {
      if (error instanceof CryptoError && error.code === 'key-wiped') throw error;
      return undefined; // damaged: it never opened here either
    }
    const sealed = readSealed(value, keptId);
    if (!sealed || sealed.kind === 'tombstone') return undefined;
    if (sealed.kind === 'item' && isHiddenItem(sealed.item)) return { hidden: sealed.item };
    const id = randomId();
    // One of the conflict copies would point at an id the new vault does not have.
    const { conflictOf: _old, ...content } = value as Record<string, unknown>;
    const item =
      sealed.kind === 'item' ? safeNormalizeItem({ ...content, id, revision: 1 }) : undefined;
    // A type a newer version wrote is carried over untouched but for its id.
    const fresh = item ?? { ...content, id };
    const opened: Opened = item
      ? { kind: 'item', item, revision: 1 }
      : { kind: 'newer', title: sealed.kind === 'newer' ? sealed.title : '' };
    const newBlob = await sealJson({ ...ctx, itemId: id, value: fresh });
    return { id, blob: newBlob, revision: 1, opened };
  }

  return {
    async status(account: AccountRecord | undefined): Promise<KeptAsideStatus | undefined> {
      const sets = await current();
      if (sets.length === 0) return undefined;
      const status: KeptAsideStatus = {
        items: sets.reduce((sum, set) => sum + set.items, 0),
        deleteAt: Math.min(...sets.map((set) => set.keptAt)) + KEPT_ASIDE_MS,
      };
      if (account) {
        const offers = offersFor(sets, account).map((set) => ({
          key: set.key,
          items: set.items,
          unsent: set.unsent,
          keptAt: set.keptAt,
          deleteAt: set.keptAt + KEPT_ASIDE_MS,
        }));
        if (offers.length > 0) status.offers = offers;
      } else {
        const latest = sets.at(-1)!;
        status.signInAs = {
          email: latest.account.email,
          serverUrl: latest.account.serverUrl,
          accountKeyKept: latest.reason !== 'account-reset',
        };
      }
      return status;
    },

    /** Brings the items of kept set `key` into the open vault with the old password. */
    async bringIn(key: string, password: string) {
      const ctx = await session.unlocked();
      const open = session.account()!;
      const set = offersFor(await current(), open).find((candidate) => candidate.key === key);
      if (!set) {
        throw new ProtocolError('not-found', 'Nothing from before the reset is kept here.');
      }
      const old = set.account;
      const kdf = checkedKdf(old.kdf);
      const keys = await derive(password, old.email, old.accountKey, kdf);
      let oldVk: Uint8Array;
      try {
        oldVk = await unwrapVaultKey({
          kek: keys.kek,
          wrappedVk: old.wrappedVaultKey,
          accountId: old.accountId,
          epoch: old.epoch,
          kdf,
        });
      } catch (error) {
        if (!(error instanceof CryptoError)) throw error;
        throw new ProtocolError('wrong-password', 'That is not the old password.');
      } finally {
        wipeBytes(keys.authSecret, keys.kek);
      }
      const oldCtx: VaultContext = { vk: oldVk, accountId: old.accountId, epoch: old.epoch };
      const stillOpen = () => {
        if (!session.isCurrent(ctx)) throw new ProtocolError('locked', 'Unlock Cassaforte first.');
      };
      let broughtIn = 0;
      let notReadable = 0;
      try {
        const kept = await store.keptItems(key);
        for (let start = 0; start < kept.length; start += BRING_IN_BATCH) {
          const batch = [];
          const opened = [];
          for (const { id: keptId, item } of kept.slice(start, start + BRING_IN_BATCH)) {
            const made = await reseal(ctx, oldCtx, keptId, item!.blob!);
            stillOpen();
            if (!made) {
              notReadable += 1;
              continue;
            }
            if ('hidden' in made) {
              await deps.sitePrefs.mergeIn(made.hidden);
              stillOpen();
              continue;
            }
            batch.push({ keptId, id: made.id, blob: made.blob, revision: made.revision });
            opened.push({ id: made.id, opened: made.opened });
          }
          await store.bringIn(key, batch);
          stillOpen();
          vault.took(ctx, opened);
          broughtIn += batch.length;
        }
        // What did not open under the old key never opened anywhere: it goes with the rest.
        await store.dropKept(key);
      } finally {
        wipeBytes(oldVk);
        vault.flushIndex(ctx);
        if (broughtIn > 0) deps.onLocalChange();
      }
      return { broughtIn, notReadable };
    },

    /** Deletes kept set `key`, or every one. */
    async remove(key?: string) {
      await store.dropKept(key);
    },

    /** Deletes what was kept 30 days ago or more; returns when the next set falls due. */
    async expire(): Promise<number | undefined> {
      await store.dropKeptBefore(now() - KEPT_ASIDE_MS);
      const oldest = (await store.listKept())[0];
      return oldest && oldest.keptAt + KEPT_ASIDE_MS;
    },
  };
}

export type KeptAsideService = ReturnType<typeof createKeptAsideService>;
