/**
 * The push side of sync (DESIGN §4): read pending local changes in batches, and record what the
 * server accepted.
 */
import {
  ACCOUNT_KEY,
  type OutboxEntry,
  type ServerVersion,
  type StoredItem,
  type SyncMeta,
  type VaultDb,
} from './schema';
import { readForAck, type AckReads, type AckTx } from './ack-reads';
import { nextSeq, runTx, type RepoOptions } from './tx';

/**
 * What the server applied for one pushed change: the entry as it was pushed (`pendingBatch`
 * gives it) plus the revision the server assigned (`applied[].rev` of POST /v1/sync). Conflicts
 * go to `resolveMerge` / `acceptRemote` instead. The pushed blob is needed when the item was
 * edited again meanwhile: it becomes the base of that newer edit.
 */
export type AckResult = Pick<OutboxEntry, 'itemId' | 'seq' | 'deleted' | 'blob' | 'revision'> & {
  newRev: number;
};

export interface AckOutcome {
  /** Items now in sync: their outbox entry is gone. */
  done: string[];
  /** Items that still have a change to push (edited again during the push): push again. */
  stillPending: string[];
}

export interface OutboxRepo {
  /**
   * The oldest pending changes first (by `seq`), at most `limit`, only those after `afterSeq`
   * if given (the next batch while the last one is still being acknowledged). Read-only.
   */
  pendingBatch(limit: number, afterSeq?: number): Promise<OutboxEntry[]>;
  pendingCount(): Promise<number>;
  /**
   * Records acknowledged pushes in one transaction; see `ackOne` for the seq guard. `pushedRev`
   * is the revision the push created: when the pull cursor stands right before it, no other
   * device wrote in between, so the cursor moves past these changes and the next pull does not
   * fetch them back (10,000 own items after an import).
   */
  ackPushed(results: readonly AckResult[], pushedRev?: number): Promise<AckOutcome>;
  /**
   * A push whose answer never came (the network dropped it, a timeout): the server may have
   * applied it. Each entry still as it was pushed (same seq) remembers the blob it sent.
   */
  markUnanswered(
    pushed: ReadonlyArray<Pick<OutboxEntry, 'itemId' | 'seq' | 'blob'>>,
  ): Promise<void>;
}

/** How many unanswered blobs an entry keeps: more means pushes failing for a long while. */
const MAX_SENT = 4;

/** `entry` remembering that `blob` may have reached the server. */
function withSent(entry: OutboxEntry, blob: string): OutboxEntry {
  const sent = [...(entry.sent ?? []).filter((b) => b !== blob), blob].slice(-MAX_SENT);
  return { ...entry, sent };
}

export function createOutboxRepo(db: VaultDb, { now = Date.now }: RepoOptions = {}): OutboxRepo {
  return {
    async markUnanswered(pushed) {
      const edits = pushed.filter((p) => p.blob);
      if (edits.length === 0) return;
      await runTx(db, ['outbox'], 'readwrite', 'markUnanswered', async (tx) => {
        const outbox = tx.objectStore('outbox');
        const entries = await Promise.all(edits.map((p) => outbox.get(p.itemId)));
        await Promise.all(
          edits.map((p, i) => {
            const entry = entries[i];
            return entry?.seq === p.seq ? outbox.put(withSent(entry, p.blob!)) : undefined;
          }),
        );
      });
    },

    async pendingBatch(limit, afterSeq) {
      if (!Number.isInteger(limit) || limit < 1) {
        throw new RangeError('pendingBatch needs a positive integer limit');
      }
      const after = afterSeq === undefined ? undefined : IDBKeyRange.lowerBound(afterSeq, true);
      return runTx(db, ['outbox'], 'readonly', 'pendingBatch', (tx) =>
        tx.objectStore('outbox').index('bySeq').getAll(after, limit),
      );
    },

    async pendingCount() {
      return runTx(db, ['outbox'], 'readonly', 'pendingCount', (tx) =>
        tx.objectStore('outbox').count(),
      );
    },

    async ackPushed(results, pushedRev) {
      return runTx(
        db,
        ['account', 'items', 'outbox', 'meta', 'quarantine'],
        'readwrite',
        'ackPushed',
        async (tx) => {
          const outcome: AckOutcome = { done: [], stillPending: [] };
          // An ack arriving after sign-out or a wipe belongs to data that no longer exists here.
          if (!(await tx.objectStore('account').get(ACCOUNT_KEY))) return outcome;
          // The items (distinct ids) side by side: one after another, a 500-item batch was
          // 500 × four round trips, most of an import's push time (bench/import.ts). The rare
          // sequence numbers are still taken one at a time, as nextSeq reads, then writes.
          let seqs: Promise<number> = Promise.resolve(0);
          const takeSeq = () => (seqs = seqs.then(() => nextSeq(tx.objectStore('meta'))));
          const at = now();
          // Usually empty: one read here instead of one per item.
          const quarantined = new Set(await tx.objectStore('quarantine').getAllKeys());
          const reads = await readForAck(tx, results);
          const states = await Promise.all(
            results.map((r) => ackOne(tx, r, at, takeSeq, quarantined.has(r.itemId), reads)),
          );
          if (pushedRev !== undefined) await passOwnRevision(tx, pushedRev);
          results.forEach((result, i) => {
            if (states[i] === 'done') outcome.done.push(result.itemId);
            else if (states[i] === 'pending') outcome.stillPending.push(result.itemId);
          });
          return outcome;
        },
      );
    },
  };
}

async function passOwnRevision(tx: AckTx, pushedRev: number): Promise<void> {
  const meta = tx.objectStore('meta');
  const sync = (await meta.get('sync')) as SyncMeta | undefined;
  if (sync && sync.cursor === pushedRev - 1) await meta.put({ ...sync, cursor: pushedRev });
}

/**
 * The seq guard: the entry is removed only if it is still the change that was pushed. If the user
 * edited the item during the push, the newer entry stays, now based on the revision the server
 * just assigned (otherwise its next push would conflict with our own previous write).
 */
async function ackOne(
  tx: AckTx,
  result: AckResult,
  at: number,
  takeSeq: () => Promise<number>,
  quarantined: boolean,
  reads: AckReads,
): Promise<'done' | 'pending' | 'ignored'> {
  const items = tx.objectStore('items');
  const outbox = tx.objectStore('outbox');
  const { itemId: id, newRev } = result;
  const untouched = reads.untouched.has(id);
  const [entry, item] = await Promise.all([
    untouched ? undefined : outbox.get(id),
    reads.items?.has(id) ? reads.items.get(id) : items.get(id),
  ]);
  const pushed: ServerVersion = {
    rev: newRev,
    deleted: result.deleted,
    blob: result.deleted ? null : result.blob,
  };
  if (result.revision !== undefined) pushed.revision = result.revision;
  // Our own version is now the server's: it counts as seen, and whatever the server held before
  // (a version kept aside by the integrity checks) is overwritten.
  const seen = Math.max(item?.seen ?? 0, result.revision ?? 0);
  const withSeen = (record: StoredItem): StoredItem => (seen > 0 ? { ...record, seen } : record);
  const quarantine = tx.objectStore('quarantine');
  const keptAside = quarantined ? await quarantine.get(id) : undefined;
  if (keptAside && keptAside.rev <= newRev) await quarantine.delete(id);

  if (untouched || entry?.seq === result.seq) {
    if (!(untouched && reads.outboxCleared)) await outbox.delete(id);
    if (result.deleted) {
      // Kept as a record without a blob, so the item remembers the revision it was deleted at.
      await items.put(
        withSeen({ id, rev: newRev, deleted: true, blob: null, deletedAt: item?.deletedAt ?? at }),
      );
    } else if (item) {
      const { base: _settled, ...rest } = item;
      await items.put(withSeen({ ...rest, rev: Math.max(item.rev, newRev) }));
    }
    return 'done';
  }

  if (entry) {
    // Edited again during the push. Guard against an ack older than what the entry builds on.
    if (newRev <= entry.baseRev) return 'pending';
    await outbox.put({ ...entry, baseRev: newRev });
    if (item) await items.put(withSeen({ ...item, rev: newRev, base: pushed }));
    return 'pending';
  }

  if (!item && !result.deleted) {
    // The user deleted a never-synced item while its create was in flight (`writeLocalChange`
    // forgot it): the server has it now, so queue its delete, sealed one revision later.
    const seq = await takeSeq();
    const revision = (result.revision ?? 0) + 1;
    await items.put(
      withSeen({ id, rev: newRev, deleted: true, blob: null, deletedAt: at, base: pushed }),
    );
    await outbox.put({ itemId: id, baseRev: newRev, deleted: true, blob: null, seq, revision });
    return 'pending';
  }

  // A repeated acknowledgement: already applied.
  return 'ignored';
}
