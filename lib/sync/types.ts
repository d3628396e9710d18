/** What the sync engine needs from the rest of the background, kept narrow on purpose. */
import type { Item } from '@/lib/vault/item';
import type { VaultContext } from '@/lib/vault/context';
import type { Sealed } from '@/lib/vault/sealed';
import type { ApiClient } from './client';

/** A unit of work found that the session it belonged to ended (a lock): it stops, quietly. */
export class SessionEnded extends Error {
  override readonly name = 'SessionEnded';
  constructor() {
    super('The vault locked while this work was running.');
  }
}

export type SyncApi = Pick<
  ApiClient,
  'pull' | 'push' | 'reportUnlock' | 'syncMode' | 'setSyncMode'
>;

/** One unlocked session, as a run sees it from start to end. */
export interface SyncSession {
  ctx: VaultContext;
  token: string;
  api: SyncApi;
  /** False once the vault locked (or locked and opened again): the run stops at its next step. */
  alive(): boolean;
}

/** How a blob opened: its sealed content, or not at all (damaged, forged, moved). */
export type Opened = Sealed | { kind: 'unreadable' };

/** The vault as the engine uses it: crypto and the decrypted copy in memory. */
export interface SyncVault {
  /** Opens a blob sealed for item `id`. Throws CryptoError 'key-wiped' once the vault locked. */
  open(ctx: VaultContext, id: string, blob: string): Promise<Opened>;
  seal(ctx: VaultContext, item: Item): Promise<string>;
  sealTombstone(ctx: VaultContext, id: string, revision: number): Promise<string>;
  /**
   * Server versions the store took (after it wrote them): into memory and the search index.
   * Ignored when `ctx` is no longer the open vault, so nothing decrypted comes back after a lock.
   */
  took(ctx: VaultContext, taken: ReadonlyArray<{ id: string; opened: Opened }>): void;
  /** Large pages update the search index once, here, instead of item by item. */
  flushIndex(ctx: VaultContext): void;
}
