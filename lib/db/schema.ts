/**
 * The extension's IndexedDB schema (DESIGN.md §2, §4): the signed-in account, ciphertext items with
 * their server revision, sync metadata and the outbox of local changes.
 *
 * Nothing here is secret in the clear: item blobs are XChaCha20-Poly1305 ciphertext, the vault key
 * is stored only wrapped. The one exception DESIGN §2 allows is this device's copy of the account
 * key, which alone opens nothing (the password is needed too).
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { KdfParams } from '@/lib/api/kdf';

/** KDF parameters in their wire form (lib/api), as the server sent them and the client checked them. */
export type StoredKdf = KdfParams;

export interface AccountRecord {
  accountId: string;
  email: string;
  serverUrl: string;
  kdf: StoredKdf;
  /** The vault key wrapped by the KEK (ciphertext). */
  wrappedVaultKey: string;
  epoch: number;
  /** This device's copy of the account key, as its display text (`CF1-…`): DESIGN §2. */
  accountKey: string;
  hint?: string;
  deviceName: string;
  /**
   * The bearer token of this device's session. It lives here rather than in `storage.local`
   * because content scripts can read `storage.local` but never the extension's IndexedDB, and
   * because it then disappears in the same transaction as the data it gives access to
   * (sign-out, stale epoch). It opens ciphertext only.
   */
  sessionToken?: string;
}

/**
 * One version of an item as the server knows it. `blob` is the sealed content: the item, or a
 * sealed tombstone; null only for a plain tombstone (written before deletes were sealed).
 */
export interface ServerVersion {
  rev: number;
  deleted: boolean;
  blob: string | null;
  /** The inner revision sealed in the blob, when the background opened it (DESIGN §4). */
  revision?: number;
}

/** A conflict the sync engine could not merge: the other copy is kept until the user chooses. */
export interface ItemConflict {
  /** When it was found (ms since epoch). */
  at: number;
  /** The server's copy that could not be merged into the local one. */
  remote: ServerVersion;
}

export interface StoredItem {
  id: string;
  /** Server revision of the version this record is based on; 0 = never acknowledged. */
  rev: number;
  /** A tombstone: a deleted item, kept so that it remembers `seen` (and its pending delete). */
  deleted: boolean;
  /** Ciphertext; null for a tombstone. */
  blob: string | null;
  /** Set only on tombstones, so the sparse `tombstones` index counts them without a scan. */
  deletedAt?: number;
  /**
   * The highest inner revision of a server version this device accepted for the item (its own
   * acknowledged pushes included). The server can never make it take a lower one: that would be
   * a rollback (DESIGN §4). Absent = 0, as for everything stored before revisions existed.
   * Tombstones stay as records so a deleted item remembers it too.
   */
  seen?: number;
  /** The last server-acknowledged version, kept while a local change is pending (3-way merge). */
  base?: ServerVersion;
  conflict?: ItemConflict;
}

/** A pending local change; one per item (later edits coalesce into it). */
export interface OutboxEntry {
  itemId: string;
  /** The server revision the change was made against: compare-and-swap on push (DESIGN §4). */
  baseRev: number;
  deleted: boolean;
  blob: string | null;
  /** Increases on every local write; an acknowledgement only removes the entry if it matches. */
  seq: number;
  /** The inner revision of the change; for a delete, the one its sealed tombstone will carry. */
  revision?: number;
  /**
   * Blobs of this change pushed in a request whose answer never came (lib/db/outbox.ts
   * `markUnanswered`): the server may hold one. A server copy carrying one is our own version,
   * not another device's edit (lib/sync/resolve.ts). Newest last, a few at most.
   */
  sent?: string[];
}

/** Why a version the server sent was not taken (kept aside, the local copy untouched). */
export type RefusalReason =
  /** It does not open under the vault key: damaged, forged, or moved from another item/account. */
  | 'unreadable'
  /** It opens, but is older than a version this device already accepted: a rollback. */
  | 'rollback'
  /** A delete that is not sealed, for an item this device knows a sealed revision of. */
  | 'unauthenticated-delete';

/** A server version kept aside, until a good one replaces it or this device's push overwrites it. */
export interface QuarantineEntry {
  id: string;
  rev: number;
  deleted: boolean;
  blob: string | null;
  reason: RefusalReason;
  at: number;
}

export interface SyncResult {
  at: number;
  ok: boolean;
  /** A short, non-secret reason shown to the user, e.g. "offline". */
  error?: string;
}

export interface SyncMeta {
  key: 'sync';
  /** The last server revision fully pulled (`GET /v1/sync?since=`). */
  cursor: number;
  /** The account epoch the local items belong to; null before the first sign-in. */
  epoch: number | null;
  lastResult?: SyncResult;
  /**
   * When a sync last succeeded, kept through failed runs and locks: right after an unlock the
   * engine knows nothing yet, and Settings said "Not synced yet." of a vault that had (issue 13).
   */
  lastSyncedAt?: number;
  /**
   * The account keeps its vault on its devices only (DESIGN §5): the server refuses sync, and
   * edits wait in the outbox (lib/db/sync-mode.ts). Absent: synced through the server.
   */
  localOnly?: true;
  /**
   * The server's emptying ("this device only") this vault was last uploaded again for: a pull
   * that names a later one finds this device's data older than it, and uploads it again.
   */
  wipedSeen?: number;
}

export interface SeqMeta {
  key: 'seq';
  /** The last outbox `seq` handed out. Survives a wipe, so a stale ack can never match. */
  value: number;
}

export type MetaRecord = SyncMeta | SeqMeta;

/**
 * What a sign-out the user did not ask for kept aside (issue 11): the server said the account
 * was reset, or another device signed this one out, or the session reached its lifetime. One set
 * per account and epoch, with everything that opens it again with the old password: the wrapped
 * vault key, the KDF settings and salt, this device's copy of the account key (DESIGN §2 allows
 * it here), the account id and epoch. Never the vault key itself, never plaintext.
 */
export interface KeptSet {
  /** `accountId/epoch` (keptSetKey). */
  key: string;
  /** The account as it was, without its session token (the server ended that session). */
  account: Omit<AccountRecord, 'sessionToken'>;
  /** The sync cursor then, so a sign-in to the same epoch pulls on from there. */
  cursor: number;
  /** When this device kept it aside; it is deleted 30 days later (KEPT_ASIDE_DAYS). */
  keptAt: number;
  /** Why: 'account-reset', 'signed-out-elsewhere' or 'session-ended' (a LockReason). */
  reason: string;
  /** When the server says it happened (the reset, the sign-out), if it said. */
  happenedAt?: number;
  /** The device that signed this one out, if the server named it. */
  by?: string;
  /** Live items kept (tombstones not counted): what bringing them in would add. */
  items: number;
  /** Of those, the ones with a change that never reached the server. */
  unsent: number;
}

/** One item of a kept set, exactly as the vault held it, with its unsent change if any. */
export interface KeptItem {
  set: string;
  id: string;
  item?: StoredItem;
  pending?: OutboxEntry;
}

export const ACCOUNT_KEY = 'current';

export interface VaultSchema extends DBSchema {
  /** One record under the key `ACCOUNT_KEY`: the signed-in account. */
  account: { key: string; value: AccountRecord };
  items: { key: string; value: StoredItem; indexes: { tombstones: number } };
  meta: { key: MetaRecord['key']; value: MetaRecord };
  outbox: { key: string; value: OutboxEntry; indexes: { bySeq: number } };
  quarantine: { key: string; value: QuarantineEntry };
  keptSets: { key: string; value: KeptSet };
  keptItems: { key: [string, string]; value: KeptItem };
}

export type VaultDb = IDBPDatabase<VaultSchema>;
export type VaultStoreName = StoreNames<VaultSchema>;
/** The signed-in account's stores: what every sign-out clears. */
export const ALL_STORES: VaultStoreName[] = ['account', 'items', 'meta', 'outbox', 'quarantine'];
/** What a forced sign-out kept aside: cleared only by the user's own sign-out or after 30 days. */
export const KEPT_STORES: ['keptSets', 'keptItems'] = ['keptSets', 'keptItems'];

type UpgradeTx = IDBPTransaction<VaultSchema, VaultStoreName[], 'versionchange'>;
type Migration = (db: VaultDb, tx: UpgradeTx) => void;

/**
 * Migrations, index i upgrades from version i to i + 1. Append, never edit a shipped one: a browser
 * may hold any older version, and the upgrade runs every step from there in one transaction.
 */
const migrations: readonly Migration[] = [
  // v1: the first schema.
  (db) => {
    db.createObjectStore('account');
    const items = db.createObjectStore('items', { keyPath: 'id' });
    // Sparse: only tombstones carry `deletedAt` (booleans are not valid IndexedDB keys).
    items.createIndex('tombstones', 'deletedAt');
    db.createObjectStore('meta', { keyPath: 'key' });
    const outbox = db.createObjectStore('outbox', { keyPath: 'itemId' });
    outbox.createIndex('bySeq', 'seq', { unique: true });
  },
  // v2: server versions refused by the integrity checks (issue 9), kept aside and reported.
  (db) => {
    db.createObjectStore('quarantine', { keyPath: 'id' });
  },
  // v3: data a forced sign-out kept aside (issue 11), by set (account and epoch) and item id.
  (db) => {
    db.createObjectStore('keptSets', { keyPath: 'key' });
    db.createObjectStore('keptItems', { keyPath: ['set', 'id'] });
  },
];

export const DB_VERSION = migrations.length;
export const DEFAULT_DB_NAME = 'cassaforte-vault';

export function upgradeVaultDb(db: VaultDb, oldVersion: number, tx: UpgradeTx): void {
  for (let version = oldVersion; version < migrations.length; version++) {
    migrations[version]?.(db, tx);
  }
}
