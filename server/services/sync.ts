import type { SyncChange, SyncItem, SyncPullResponse, SyncPushResponse } from '../../lib/api';
import { LIMITS } from '../../lib/api/limits';
import type { AppDeps, SessionContext } from '../deps';
import { staleEpoch } from './accounts';
import { choosePage, type ItemRow } from './sync-page';

const toItem = (r: ItemRow): SyncItem => ({
  id: r.id,
  rev: r.rev,
  deleted: r.deleted !== 0,
  blob: r.blob,
});

/** Rows per INSERT, well under SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 200;

/** Delta sync of DESIGN §4: a per-account revision counter, never wall-clock time. */
export function createSyncService(deps: AppDeps) {
  const { db } = deps.database;

  return {
    /**
     * `session.rev` was read with the session; a writer commits its items and its revision
     * together, so every item with rev ≤ that revision is already visible, and later ones are
     * left for the next pull.
     */
    async pull(session: SessionContext, since: number, limit: number): Promise<SyncPullResponse> {
      const upTo = session.rev;
      if (since >= upTo) return { rev: upTo, epoch: session.epoch, items: [], more: false };
      const base = db
        .selectFrom('items')
        .select(['id', 'rev', 'deleted', 'blob'])
        .where('account_id', '=', session.accountId);
      const rows = await base
        .where('rev', '>', since)
        .where('rev', '<=', upTo)
        .orderBy('rev')
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      const page = await choosePage(rows, limit, LIMITS.pageChars, (rev) =>
        base.where('rev', '=', rev).orderBy('id').execute(),
      );
      const last = page.items.at(-1);
      return {
        rev: page.complete || last === undefined ? upTo : last.rev,
        epoch: session.epoch,
        items: page.items.map(toItem),
        more: !page.complete,
      };
    },

    /**
     * One transaction. The first statement bumps the account's revision only if the epoch still
     * matches: it takes the account row's lock, so concurrent pushes to one account run one
     * after the other and every change is a compare-and-swap against a stable state.
     */
    async push(accountId: string, epoch: number, changes: SyncChange[]): Promise<SyncPushResponse> {
      const result = await db.transaction().execute(async (trx) => {
        const bumped = await trx
          .updateTable('accounts')
          .set((eb) => ({ rev: eb('rev', '+', 1), updated_at: deps.now() }))
          .where('id', '=', accountId)
          .where('epoch', '=', epoch)
          .returning('rev')
          .executeTakeFirst();
        if (bumped === undefined) {
          throw await staleEpoch(trx, accountId);
        }
        const rev = bumped.rev;
        const current = new Map<string, ItemRow>();
        const existing = await trx
          .selectFrom('items')
          .select(['id', 'rev', 'deleted', 'blob'])
          .where('account_id', '=', accountId)
          .where(
            'id',
            'in',
            changes.map((c) => c.id),
          )
          .execute();
        for (const row of existing) current.set(row.id, row);

        const writes: {
          account_id: string;
          id: string;
          rev: number;
          deleted: number;
          blob: string | null;
        }[] = [];
        const applied: SyncPushResponse['applied'] = [];
        const conflicts: SyncPushResponse['conflicts'] = [];
        for (const change of changes) {
          const server = current.get(change.id);
          const matches =
            server === undefined ? change.baseRev === 0 : server.rev === change.baseRev;
          if (!matches) {
            conflicts.push({ id: change.id, server: server === undefined ? null : toItem(server) });
            continue;
          }
          const deleted = change.deleted === true;
          writes.push({
            account_id: accountId,
            id: change.id,
            rev,
            deleted: deleted ? 1 : 0,
            // A delete keeps the client's sealed tombstone (DESIGN §4), never the old content.
            blob: change.blob ?? null,
          });
          applied.push({ id: change.id, rev });
        }
        for (let i = 0; i < writes.length; i += INSERT_CHUNK) {
          await trx
            .insertInto('items')
            .values(writes.slice(i, i + INSERT_CHUNK))
            .onConflict((oc) =>
              oc.columns(['account_id', 'id']).doUpdateSet((eb) => ({
                rev: eb.ref('excluded.rev'),
                deleted: eb.ref('excluded.deleted'),
                blob: eb.ref('excluded.blob'),
              })),
            )
            .execute();
        }
        return { rev, applied, conflicts };
      });
      // After the commit: a device told about a revision must find it when it pulls.
      deps.live.publish({ type: 'rev', accountId, rev: result.rev });
      return result;
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
