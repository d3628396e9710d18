/**
 * The background's local storage layer: IndexedDB holding ciphertext and non-secret metadata
 * only. Open once with `openVaultDb`, then use the repositories from `createVaultStore`.
 */
import { createAccountRepo, type AccountRepo } from './account';
import { createItemRepo, type ItemRepo } from './items';
import { createKeptAsideRepo, type KeptAsideRepo } from './kept-aside';
import { createOutboxRepo, type OutboxRepo } from './outbox';
import { createRemoteRepo, type RemoteRepo } from './remote';
import type { VaultDb } from './schema';
import { createSyncModeRepo, type SyncModeRepo } from './sync-mode';
import type { RepoOptions } from './tx';

export type VaultStore = AccountRepo &
  ItemRepo &
  OutboxRepo &
  RemoteRepo &
  KeptAsideRepo &
  SyncModeRepo;

/** Every repository over one connection, as one object the background services share. */
export function createVaultStore(db: VaultDb, options: RepoOptions = {}): VaultStore {
  return {
    ...createAccountRepo(db),
    ...createItemRepo(db, options),
    ...createOutboxRepo(db, options),
    ...createRemoteRepo(db, options),
    ...createKeptAsideRepo(db, options),
    ...createSyncModeRepo(db),
  };
}

export { DbError, toDbError, type DbErrorCode } from './errors';
export { openVaultDb, type OpenVaultDbOptions } from './open';
export type { LocalChange } from './local-change';
export type { AccountPatch, AccountRepo } from './account';
export type { ItemRepo } from './items';
export type { SyncModeRepo } from './sync-mode';
export {
  KEPT_ASIDE_DAYS,
  KEPT_ASIDE_MS,
  keptSetKey,
  type BroughtIn,
  type KeepAsideReason,
  type KeptAsideRepo,
} from './kept-aside';
export type { AckOutcome, AckResult, OutboxRepo } from './outbox';
export type {
  ApplyOutcome,
  MergeCandidate,
  MergeResolution,
  RemoteItem,
  RemoteRepo,
} from './remote';
export { createAccountRepo, createItemRepo, createOutboxRepo, createRemoteRepo };
export { refusalOf } from './remote';
export {
  DB_VERSION,
  DEFAULT_DB_NAME,
  type AccountRecord,
  type ItemConflict,
  type KeptItem,
  type KeptSet,
  type OutboxEntry,
  type ServerVersion,
  type StoredItem,
  type StoredKdf,
  type SyncMeta,
  type SyncResult,
  type VaultDb,
} from './schema';
export type { RepoOptions } from './tx';
