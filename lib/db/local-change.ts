/**
 * Writing a local change: the item record and its outbox entry together, inside the caller's
 * transaction, so an edit is never saved without being queued for the server or the other way
 * round (DESIGN §4: it must survive a killed service worker or a closed browser).
 */
import type { OutboxEntry, SeqMeta, ServerVersion, StoredItem } from './schema';
import { nextSeq, type VaultTx } from './tx';

/** An edit (the sealed item) or a delete; `revision` is the change's inner revision. */
export type LocalChange =
  { deleted: false; blob: string; revision?: number } | { deleted: true; revision?: number };

/** One edit of a bulk write; `fresh` for an item made with a new random id (never stored yet). */
export interface LocalEdit {
  id: string;
  blob: string;
  revision?: number;
  fresh?: boolean;
}

/** The stores a transaction writing a local change opens (quarantine: a change may settle one). */
export const CHANGE_STORES: ['items', 'outbox', 'meta', 'quarantine'] = [
  'items',
  'outbox',
  'meta',
  'quarantine',
];

type ChangeTx = VaultTx<typeof CHANGE_STORES, 'readwrite'>;

/** The server's copy a record holds, if it has ever been acknowledged. */
export function acknowledgedVersion(item: StoredItem | undefined): ServerVersion | undefined {
  if (!item || item.rev === 0) return undefined;
  return { rev: item.rev, deleted: item.deleted, blob: item.blob };
}

/**
 * Records `change` for item `id`.
 *
 * Coalescing: one outbox entry per item. A second edit before the push replaces the entry's blob
 * but keeps its `baseRev` and the item's `base`, because the server still holds that revision; it
 * gets a new `seq`, so an acknowledgement of the first push no longer matches it.
 *
 * `against` overrides the base: the merged result of a conflict is a change made against the
 * server's newer copy, not against what we last saw; null when the server has no such item (a
 * push conflict may say so), which makes the change a create again.
 */
export async function writeLocalChange(
  tx: ChangeTx,
  id: string,
  change: LocalChange,
  now: number,
  against?: ServerVersion | null,
): Promise<{ item: StoredItem | undefined; entry: OutboxEntry | undefined }> {
  return writeChange(tx, id, change, now, against, () => nextSeq(tx.objectStore('meta')));
}

/**
 * Many edits (an import) in the caller's one transaction. Their requests run side by side, since
 * awaiting 10,000 items one after another is seconds of round trips; the outbox sequence numbers
 * are handed out here and stored once, because `nextSeq`'s read-then-write would race with itself.
 */
export async function writeLocalEdits(
  tx: ChangeTx,
  edits: ReadonlyArray<LocalEdit>,
  now: number,
  onWritten?: (count: number) => void,
): Promise<void> {
  const meta = tx.objectStore('meta');
  let seq = ((await meta.get('seq')) as SeqMeta | undefined)?.value ?? 0;
  let written = 0;
  await Promise.all(
    edits.map(async ({ id, blob, revision, fresh }) => {
      if (fresh) await addFresh(tx, id, blob, revision, ++seq);
      else {
        await writeChange(tx, id, { deleted: false, blob, revision }, now, undefined, () =>
          Promise.resolve(++seq),
        );
      }
      onWritten?.(++written);
    }),
  );
  await meta.put({ key: 'seq', value: seq });
}

/**
 * A new item with an id made just now: nothing to read first (half the requests of an import).
 * `add`, not `put`: should the id exist after all, the transaction fails instead of overwriting.
 */
async function addFresh(
  tx: ChangeTx,
  id: string,
  blob: string,
  revision: number | undefined,
  seq: number,
) {
  const entry: OutboxEntry = { itemId: id, baseRev: 0, deleted: false, blob, seq };
  if (revision !== undefined) entry.revision = revision;
  await Promise.all([
    tx.objectStore('items').add({ id, rev: 0, deleted: false, blob }),
    tx.objectStore('outbox').add(entry),
  ]);
}

async function writeChange(
  tx: ChangeTx,
  id: string,
  change: LocalChange,
  now: number,
  against: ServerVersion | null | undefined,
  takeSeq: () => Promise<number>,
): Promise<{ item: StoredItem | undefined; entry: OutboxEntry | undefined }> {
  const items = tx.objectStore('items');
  const outbox = tx.objectStore('outbox');
  const [existing, pending] = await Promise.all([items.get(id), outbox.get(id)]);

  const base =
    against !== undefined
      ? (against ?? undefined)
      : pending
        ? existing?.base
        : acknowledgedVersion(existing);
  const baseRev =
    against !== undefined ? (against?.rev ?? 0) : (pending?.baseRev ?? existing?.rev ?? 0);

  // Blobs pushed without an answer stay known while the change builds on the same base; a
  // change made against the server's copy (a merge) no longer needs them.
  const sent = against === undefined ? pending?.sent : undefined;
  if (change.deleted && baseRev === 0 && !base && !sent?.length) {
    // Never reached the server: forget it here and tell the server nothing. If its create is
    // in flight right now, `ackPushed` notices the missing record and queues the delete. An
    // item uploaded again after "this device only" (lib/db/sync-mode.ts) has a base: other
    // devices hold it, so its delete must go out, or their upload would bring it back. One
    // whose create went out unanswered (`sent`) may be on the server too: its delete goes out.
    await Promise.all([items.delete(id), pending ? outbox.delete(id) : undefined]);
    return { item: undefined, entry: undefined };
  }

  const seq = await takeSeq();
  const item: StoredItem = change.deleted
    ? { id, rev: baseRev, deleted: true, blob: null, deletedAt: now }
    : { id, rev: baseRev, deleted: false, blob: change.blob };
  if (base) item.base = base;
  // A merge result is made against the server's copy: from now on that one counts as seen.
  const seen = Math.max(existing?.seen ?? 0, against?.revision ?? 0);
  if (seen > 0) item.seen = seen;
  // A delete settles a visible conflict; an edit keeps it until the user resolves it.
  if (!change.deleted && existing?.conflict) item.conflict = existing.conflict;

  const entry: OutboxEntry = {
    itemId: id,
    baseRev,
    deleted: change.deleted,
    blob: change.deleted ? null : change.blob,
    seq,
  };
  if (change.revision !== undefined) entry.revision = change.revision;
  if (sent?.length) entry.sent = sent;
  await Promise.all([items.put(item), outbox.put(entry)]);
  return { item, entry };
}
