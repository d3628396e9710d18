/**
 * The one way repositories touch the database: a transaction that either commits whole or is
 * aborted, with every failure turned into a `DbError`.
 *
 * The body may only await IndexedDB requests of its own transaction: awaiting anything else (a
 * fetch, a timer, crypto) lets the transaction auto-commit in between, and the next request then
 * throws TransactionInactiveError. Crypto happens in the background before a repository is called.
 */
import type { IDBPObjectStore, IDBPTransaction } from 'idb';
import { toDbError } from './errors';
import type { SeqMeta, VaultDb, VaultSchema, VaultStoreName } from './schema';

export type VaultTx<S extends VaultStoreName[], M extends IDBTransactionMode> = IDBPTransaction<
  VaultSchema,
  S,
  M
>;

export interface RepoOptions {
  /** Clock for tombstone times; tests pin it. */
  now?: () => number;
}

export interface TxOptions {
  /**
   * 'strict' for writes that hold data found nowhere else yet (a local edit and its outbox
   * entry): Chrome's default 'relaxed' may lose the last commits on an OS crash or power cut.
   */
  durability?: 'strict' | 'relaxed' | 'default';
}

export async function runTx<const S extends VaultStoreName[], M extends IDBTransactionMode, R>(
  db: VaultDb,
  stores: S,
  mode: M,
  operation: string,
  body: (tx: VaultTx<S, M>) => Promise<R>,
  options: TxOptions = {},
): Promise<R> {
  let tx: VaultTx<S, M>;
  try {
    // Throws InvalidStateError synchronously if the connection was closed.
    tx = db.transaction(stores, mode, { durability: options.durability ?? 'default' });
  } catch (error) {
    throw toDbError(error, operation);
  }
  const done = tx.done;
  // Observed below; this only keeps an early body failure from also reporting an unhandled
  // rejection of `done`.
  done.catch(() => undefined);
  try {
    const result = await body(tx);
    await done;
    return result;
  } catch (error) {
    abortQuietly(tx);
    // When the browser aborts a transaction (quota), requests reject with AbortError while the
    // transaction's own `error` names the real cause.
    const cause = isAbortError(error) && tx.error ? tx.error : error;
    throw toDbError(cause, operation);
  }
}

/** Aborts so that nothing of a failed body is committed; a no-op if it already ended. */
function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already aborted or finished: the browser has rolled it back (or it never wrote).
  }
}

function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'AbortError'
  );
}

type MetaStore = IDBPObjectStore<VaultSchema, VaultStoreName[], 'meta', 'readwrite'>;

/** Hands out the next outbox sequence number inside the caller's transaction. */
export async function nextSeq(meta: MetaStore): Promise<number> {
  const current = (await meta.get('seq')) as SeqMeta | undefined;
  const value = (current?.value ?? 0) + 1;
  await meta.put({ key: 'seq', value });
  return value;
}
