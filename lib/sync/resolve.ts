/**
 * One item changed on the server while this device has a change pending (a pull saw it, or a
 * push was refused by the compare-and-swap): merge field by field, keep both as a visible
 * conflict, or, when the server's copy cannot be taken, overwrite it with ours (DESIGN §4).
 * Never silently drops either side.
 */
import { randomId } from '@/lib/crypto';
import {
  refusalOf,
  type LocalChange,
  type OutboxEntry,
  type ServerVersion,
  type VaultStore,
} from '@/lib/db';
import { jsonEqual } from '@/lib/vault/json-equal';
import { keepBoth, makeConflictCopy, mergeItems } from '@/lib/vault/merge';
import type { Item } from '@/lib/vault/item';
import type { Opened, SyncSession, SyncVault } from './types';

export interface Candidate {
  id: string;
  pending: OutboxEntry;
  /** The last version both sides agreed on; absent for an item created here. */
  base: ServerVersion | undefined;
  /** The highest inner revision this device accepted for the item (lib/db StoredItem.seen). */
  seen: number;
  /** The server's copy; null when a push conflict says the server has no such item. */
  remote: ServerVersion | null;
  /** How the server's blob opened (absent when there is no server copy). */
  remoteOpened: Opened | undefined;
}

export interface ResolveEnv {
  store: VaultStore;
  vault: SyncVault;
  session: SyncSession;
  now: () => number;
  /** Awaits, then stops the run if the session ended (engine.ts). */
  step: <T>(work: Promise<T>) => Promise<T>;
}

export async function resolveCandidate(env: ResolveEnv, candidate: Candidate): Promise<void> {
  const { store, vault, step } = env;
  const { ctx } = env.session;
  const { id, pending, remote, remoteOpened: opened } = candidate;
  const openLocal = async (blob: string | null) => {
    if (!blob) return null;
    const local = await vault.open(ctx, id, blob);
    return local.kind === 'item' ? local.item : undefined;
  };
  const [local, base] = await step(
    Promise.all([
      pending.deleted ? null : openLocal(pending.blob),
      candidate.base?.deleted === false ? openLocal(candidate.base.blob) : null,
    ]),
  );
  if (local === undefined) return; // our own blob does not open: leave it for a retry

  const resolution = { id, seq: pending.seq, remote: remote && withRevision(remote, opened) };
  const unreadable = opened?.kind === 'unreadable';

  if (remote?.blob && (remote.blob === pending.blob || pending.sent?.includes(remote.blob))) {
    // Our own version: a push the server applied but whose answer was lost. Nothing to merge:
    // the same change is simply acknowledged; a later one is now made against it.
    if (remote.blob === pending.blob) {
      if (await step(store.acceptRemote(resolution))) vault.took(ctx, [{ id, opened: opened! }]);
    } else {
      await step(store.resolveMerge(resolution, changeOf(pending)));
    }
    return;
  }

  if (resolution.remote && refusalOf(resolution.remote, unreadable, candidate.seen)) {
    // Unreadable, older than what we saw, or an unsealed delete: never taken (a pull keeps it
    // aside and reports it, lib/db/remote.ts); ours, the last good copy, replaces it on the next push.
    const against = {
      ...(candidate.base ?? { deleted: true, blob: null }),
      rev: resolution.remote.rev,
    };
    await step(store.resolveMerge({ ...resolution, remote: against }, changeOf(pending)));
    return;
  }
  /** Both sides stay: `keep` (or the server's copy untouched) at the id, ours as `copy`. */
  const keepBothSides = async (keep: Item | 'remote', copy: Item) => {
    const [copyBlob, keepBlob] = await step(
      Promise.all([vault.seal(ctx, copy), keep === 'remote' ? null : vault.seal(ctx, keep)]),
    );
    const kept: LocalChange | 'remote' =
      keep === 'remote' || !keepBlob
        ? 'remote'
        : { deleted: false, blob: keepBlob, revision: keep.revision };
    const taken = await step(
      store.keepBoth(resolution, kept, { id: copy.id, blob: copyBlob, revision: copy.revision }),
    );
    if (!taken) return;
    const atId: Opened =
      keep === 'remote'
        ? (opened ?? { kind: 'tombstone', revision: 0 })
        : { kind: 'item', item: keep, revision: keep.revision };
    vault.took(ctx, [
      { id, opened: atId },
      { id: copy.id, opened: { kind: 'item', item: copy, revision: copy.revision } },
    ]);
  };

  if (opened?.kind === 'newer') {
    // Written by a newer version: taken untouched; our side becomes a copy beside it.
    if (local) await keepBothSides('remote', makeConflictCopy(local, randomId(), env.now()));
    else if (await step(store.acceptRemote(resolution))) vault.took(ctx, [{ id, opened }]);
    return;
  }

  const remoteItem = opened?.kind === 'item' ? opened.item : null;
  const higher = Math.max(
    candidate.seen,
    pending.revision ?? local?.revision ?? 0,
    opened && opened.kind !== 'unreadable' ? (opened.revision ?? 0) : 0,
  );

  /** Seals `item` one revision above everything seen and stores it as our change. */
  const storeMerged = async (item: Item) => {
    const merged = { ...item, revision: higher + 1 };
    const blob = await step(vault.seal(ctx, merged));
    const taken = await step(
      store.resolveMerge(resolution, { deleted: false, blob, revision: merged.revision }),
    );
    if (taken)
      vault.took(ctx, [{ id, opened: { kind: 'item', item: merged, revision: merged.revision } }]);
    return taken;
  };
  const takeRemote = async () => {
    const taken = await step(store.acceptRemote(resolution));
    if (taken) vault.took(ctx, [{ id, opened: opened ?? { kind: 'tombstone', revision: 0 } }]);
    return taken;
  };

  const result = mergeItems(base ?? undefined, local, remoteItem);
  if (result.conflict) {
    // The server's version stays at the id (no other device sees its item change under it), with
    // what merged cleanly; this device's version becomes the copy.
    const { keep, copy } = keepBoth(result, randomId(), env.now());
    await keepBothSides(
      sameContent(keep, remoteItem) ? 'remote' : { ...keep, revision: higher + 1 },
      copy,
    );
    return;
  }
  const merged = result.merged;
  if (merged === null) {
    if (!remoteItem) {
      await takeRemote();
      return;
    }
    const change = { deleted: true as const, revision: higher + 1 };
    if (await step(store.resolveMerge(resolution, change))) {
      vault.took(ctx, [{ id, opened: { kind: 'tombstone', revision: change.revision } }]);
    }
  } else if (sameContent(merged, remoteItem)) {
    await takeRemote();
  } else {
    await storeMerged(merged);
  }
}

function withRevision(remote: ServerVersion, opened: Opened | undefined): ServerVersion {
  if (!opened || opened.kind === 'unreadable' || opened.revision === undefined) return remote;
  return { ...remote, deleted: opened.kind === 'tombstone', revision: opened.revision };
}

function changeOf(pending: OutboxEntry): LocalChange {
  return pending.deleted
    ? { deleted: true, revision: pending.revision }
    : { deleted: false, blob: pending.blob ?? '', revision: pending.revision };
}

/** The same content, whatever the revisions and edit times say. */
function sameContent(a: Item, b: Item | null): boolean {
  if (!b) return false;
  const strip = ({ revision: _r, updatedAt: _u, ...rest }: Item) => rest;
  return jsonEqual(strip(a), strip(b));
}
