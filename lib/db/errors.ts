/**
 * One error type for every IndexedDB failure, so the background can tell the user what happened
 * ("the disk is full", "close the other Cassaforte window") instead of showing a DOMException name.
 *
 * A failed operation never leaves half a write behind: every repository operation runs in one
 * transaction (see `tx.ts`), and a failure aborts it before the error reaches the caller.
 */

export type DbErrorCode =
  /** The browser refused to store more data (QuotaExceededError): the disk or the profile is full. */
  | 'quota'
  /** The database could not be used: another connection holds an older version open, or the
   * browser closed our connection (a newer version of the extension, "clear site data"). */
  | 'blocked'
  /** The transaction was aborted before it committed; nothing of it was written. */
  | 'aborted'
  | 'unknown';

const messages: Record<DbErrorCode, string> = {
  quota: 'The browser has no more room to store the vault on this device (disk or profile full).',
  blocked:
    'The local vault database is unavailable: it is closed or held open by an older version of the extension.',
  aborted: 'The local vault change was cancelled before it was saved; nothing was written.',
  unknown: 'The local vault database failed.',
};

export class DbError extends Error {
  override readonly name = 'DbError';

  constructor(
    readonly code: DbErrorCode,
    /** What we were doing, e.g. "saveLocal": helps the bug report, never contains item data. */
    readonly operation: string,
    options?: { cause?: unknown; detail?: string },
  ) {
    super(`${messages[code]}${options?.detail ? ` (${options.detail})` : ''} [${operation}]`, {
      cause: options?.cause,
    });
  }
}

/** The DOMException (or Error) name, without relying on `instanceof DOMException`, which differs
 * between the service worker, Node and fake-indexeddb. */
function errorName(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'name' in error) {
    const { name } = error as { name: unknown };
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}

/** Maps anything an IDB call can throw to a `DbError`; an existing `DbError` passes through. */
export function toDbError(error: unknown, operation: string): DbError {
  if (error instanceof DbError) return error;
  const name = errorName(error);
  switch (name) {
    case 'QuotaExceededError':
      return new DbError('quota', operation, { cause: error });
    // InvalidStateError: "the database connection is closing" (we were closed for an upgrade or
    // by the browser). VersionError: an older extension build meets a newer schema.
    case 'InvalidStateError':
    case 'VersionError':
      return new DbError('blocked', operation, { cause: error, detail: name });
    case 'AbortError':
    case 'TransactionInactiveError':
      return new DbError('aborted', operation, { cause: error, detail: name });
    default:
      return new DbError('unknown', operation, { cause: error, detail: name });
  }
}
