/**
 * The popup follows the background live (issue 9): it opens one port by this name, and the
 * background tells it, over that port, whenever what it shows may have changed (the vault's
 * content, lock state, sync state). The notice carries no data: the popup asks again through the
 * protocol, as for anything else, so every read still goes through the router's checks.
 */
export const LIVE_PORT = 'cassaforte-live';

export interface LiveNotice {
  type: 'changed';
  /** The vault's list revision (service `vault.revision()`): the list is stale if it differs. */
  vaultRevision: number;
}
