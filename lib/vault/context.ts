/**
 * What sealing and opening an item needs (DESIGN §2: the AAD binds account, epoch and item id).
 * The session makes one per unlock: a unit of work holds the one it started with, and asks the
 * session whether it is still the current one after every await (issue 9), so work that
 * outlived a lock stops instead of acting for a vault that is gone.
 */
export interface VaultContext {
  readonly vk: Uint8Array;
  readonly accountId: string;
  readonly epoch: number;
}
