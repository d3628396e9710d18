/**
 * What acknowledging a pushed batch must read (outbox.ts), in a few requests where it can. In
 * Chromium every IndexedDB request costs about a tenth of a millisecond, so reading and deleting
 * item by item was most of an import's push time (bench/import.ts: 500 items × 3 requests a
 * round). An import names its items in one run with a shared random prefix and a counter
 * (services/import.ts), so a batch of them is one contiguous key range: one `getAll` reads
 * their records and one `delete` clears their outbox entries. Items with unrelated ids fall
 * back to one request each, as the counts below tell.
 */
import type { AckResult } from './outbox';
import type { StoredItem } from './schema';
import type { VaultTx } from './tx';

export type AckTx = VaultTx<['account', 'items', 'outbox', 'meta', 'quarantine'], 'readwrite'>;

export interface AckReads {
  /** Pushed items whose outbox entry is still the one pushed (not written since). */
  untouched: Set<string>;
  /** The records of untouched items, read in one request; absent: read each. */
  items?: Map<string, StoredItem>;
  /** The untouched items' outbox entries are already deleted (one range delete). */
  outboxCleared: boolean;
}

/** Below this many, the counts cost more requests than they save. */
const RANGE_FROM = 8;

export async function readForAck(tx: AckTx, results: readonly AckResult[]): Promise<AckReads> {
  const untouched = await untouchedSince(tx, results);
  const ids = results.map((r) => r.itemId).filter((id) => untouched.has(id));
  if (ids.length < RANGE_FROM) return { untouched, outboxCleared: false };
  ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // IndexedDB's order for string keys
  const range = IDBKeyRange.bound(ids[0]!, ids.at(-1)!);
  const items = tx.objectStore('items');
  const outbox = tx.objectStore('outbox');
  const [itemCount, entryCount] = await Promise.all([items.count(range), outbox.count(range)]);
  // Nothing else lies between the first and the last id: the range is exactly these items.
  const records =
    itemCount === ids.length
      ? new Map((await items.getAll(range)).map((item) => [item.id, item]))
      : undefined;
  // Every entry in the range is an untouched one (they all are in it): all of them go.
  const outboxCleared = entryCount === ids.length;
  if (outboxCleared) await outbox.delete(range);
  return { untouched, items: records, outboxCleared };
}

/**
 * The pushed items whose outbox entry is still the one pushed, in one request instead of one
 * read per item. Every local write takes a sequence number above all earlier ones, so an entry
 * whose `seq` still lies within the pushed batch's range was not written since it was read.
 */
async function untouchedSince(tx: AckTx, results: readonly AckResult[]): Promise<Set<string>> {
  if (results.length === 0) return new Set();
  const seqs = results.map((r) => r.seq);
  const range = IDBKeyRange.bound(Math.min(...seqs), Math.max(...seqs));
  return new Set(await tx.objectStore('outbox').index('bySeq').getAllKeys(range));
}
