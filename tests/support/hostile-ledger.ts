/**
 * What the hostile proxy (hostile-server.ts) learned from the traffic it carried: which account a
 * session token belongs to, every item blob per account and item id with the revision the server
 * gave it, and the cursors the proxy itself invented. Bookkeeping only: no sockets, no rules.
 *
 * Tokens are kept as SHA-256 digests, never as they travel, so nothing here (or in a test's
 * failure output) can be replayed against the server.
 */
import { createHash } from 'node:crypto';

/** One version of an item's blob as the proxy saw it pass. */
export interface SeenBlob {
  /** Account id (learned at login-finish or GET /v1/account), else `token:<digest prefix>`. */
  account: string;
  itemId: string;
  /** The server revision of this version; null for a pushed blob the server has not applied. */
  rev: number | null;
  epoch: number | null;
  deleted: boolean;
  blob: string | null;
  /** Where the proxy saw it first. */
  source: 'push' | 'pull' | 'conflict';
  /** The request (`LoggedRequest.seq`) that carried it first. */
  seq: number;
}

/** Which older version `replay-older-blob` sends. */
export type OlderPick = 'previous' | 'oldest' | { rev: number };

export type Ledger = ReturnType<typeof createLedger>;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export function createLedger() {
  const accountOfToken = new Map<string, string>();
  const byItem = new Map<string, SeenBlob[]>();
  /** Per session (token digest): a rev the proxy reported → the server's real rev at that time. */
  const forgedCursors = new Map<string, Map<number, number>>();
  const itemKey = (account: string, itemId: string) => `${account}\0${itemId}`;

  function versionsOf(account: string, itemId: string): SeenBlob[] {
    const key = itemKey(account, itemId);
    let list = byItem.get(key);
    if (!list) byItem.set(key, (list = []));
    return list;
  }

  /** The live versions with a known revision older than the newest known one, oldest first. */
  function olderLive(account: string, itemId: string): SeenBlob[] {
    const known = versionsOf(account, itemId).filter((v) => v.rev !== null);
    const newest = Math.max(...known.map((v) => v.rev!));
    return known.filter((v) => !v.deleted && v.rev! < newest).sort((a, b) => a.rev! - b.rev!);
  }

  return {
    /** A stable, non-secret name for a session. */
    sessionKey: (token: string) => digest(token),

    accountOf(token: string | undefined): string | undefined {
      if (token === undefined) return undefined;
      const key = digest(token);
      return accountOfToken.get(key) ?? `token:${key.slice(0, 12)}`;
    },

    learnToken(token: string, accountId: string): void {
      accountOfToken.set(digest(token), accountId);
    },

    /**
     * Records a version unless the same blob (or, for a tombstone, the same rev) is already
     * known; a pushed blob seen again with its revision gets that revision.
     */
    record(version: SeenBlob): void {
      const list = versionsOf(version.account, version.itemId);
      const same = list.find((v) =>
        version.blob === null
          ? v.blob === null && (v.rev === version.rev || v.rev === null)
          : v.blob === version.blob,
      );
      if (!same) list.push({ ...version });
      else if (same.rev === null) same.rev = version.rev;
    },

    versions(itemId: string, account?: string): SeenBlob[] {
      const all: SeenBlob[] = [];
      for (const list of byItem.values()) {
        for (const v of list) {
          if (v.itemId === itemId && (account === undefined || v.account === account)) {
            all.push({ ...v });
          }
        }
      }
      return all;
    },

    /** The newest live blob the server gave this item (or a push it applied). */
    latestLive(account: string, itemId: string): SeenBlob | undefined {
      const known = versionsOf(account, itemId).filter((v) => v.rev !== null);
      const newest = known.reduce<SeenBlob | undefined>(
        (best, v) => (best === undefined || v.rev! > best.rev! ? v : best),
        undefined,
      );
      return newest && !newest.deleted ? newest : undefined;
    },

    older(account: string, itemId: string, pick: OlderPick): SeenBlob | undefined {
      if (typeof pick === 'object') {
        return versionsOf(account, itemId).find((v) => v.rev === pick.rev && !v.deleted);
      }
      const older = olderLive(account, itemId);
      return pick === 'oldest' ? older[0] : older.at(-1);
    },

    forgeCursor(session: string, reported: number, real: number): void {
      let map = forgedCursors.get(session);
      if (!map) forgedCursors.set(session, (map = new Map()));
      map.set(reported, real);
    },

    /** The real cursor behind one the proxy reported to this session, if it invented it. */
    realSince(session: string, since: number): number | undefined {
      return forgedCursors.get(session)?.get(since);
    },

    /** A pull answer reached `rev` for this session: invented cursors at or below it are spent. */
    cursorReached(session: string, rev: number): void {
      const map = forgedCursors.get(session);
      for (const reported of map?.keys() ?? []) if (reported <= rev) map!.delete(reported);
    },
  };
}
