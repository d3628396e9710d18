import { sql } from 'kysely';
import type { SyncChange, SyncItem, SyncPullResponse, SyncPushResponse } from '../../lib/api';
import { LIMITS } from '../../lib/api/limits';
import type { SyncMode, SyncModeResponse } from '../../lib/api/sync-mode';
import type { AppDeps, SessionContext } from '../deps';
import { ApiError } from '../http/errors';
import { staleEpoch } from './accounts';
import { choosePage, type ItemRow } from './sync-page';

const toItem = (r: ItemRow): SyncItem => ({
  id: r.id,
  rev: r.rev,
  deleted: r.deleted !== 0,
  blob: r.blob,
});

/** The account keeps its vault on its devices: no item comes in or goes out (DESIGN §5). */
const syncOff = () =>
  new ApiError(409, 'sync_off', 'sync is off: this account keeps its vault on its devices only');

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
      if (session.syncMode === 'local') throw syncOff();
      const upTo = session.rev;
      // A device whose cursor is older than the last emptying re-uploads what it holds.
      const wiped = session.wipedRev > 0 ? { wiped: session.wipedRev } : {};
      if (since >= upTo) {
        return { rev: upTo, epoch: session.epoch, items: [], more: false, ...wiped };
      }
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
        ...wiped,
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
          // Checked under the row lock: a push racing a switch to 'local' never lands after it.
          .where('sync_mode', '=', 'cloud')
          .returning('rev')
          .executeTakeFirst();
        if (bumped === undefined) {
          const account = await trx
            .selectFrom('accounts')
            .select(['epoch', 'sync_mode'])
            .where('id', '=', accountId)
            .executeTakeFirst();
          if (account?.epoch === epoch && account.sync_mode === 'local') throw syncOff();
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

    async mode(accountId: string): Promise<SyncModeResponse> {
      const row = await db
        .selectFrom('accounts')
        .select(['sync_mode', 'rev', 'wiped_rev'])
        .where('id', '=', accountId)
        .executeTakeFirstOrThrow();
      const mode = row.sync_mode === 'local' ? 'local' : 'cloud';
      return { mode, rev: row.rev, wiped: Number(row.wiped_rev) };
    },

    /**
     * Switches where the vault lives, in one transaction. To 'local': every item row of the
     * account goes (tombstones too: the ids and revisions say what the vault held), with the
     * revision bumped so that every device's next pull meets 409 sync_off and keeps its copy.
     * To 'cloud': devices may sync again; each uploads its copy (lib/sync/mode.ts). Either way
     * the live notice makes other devices check now rather than at their next alarm.
     */
    async setMode(accountId: string, mode: SyncMode): Promise<SyncModeResponse> {
      const { rev, wiped } = await db.transaction().execute(async (trx) => {
        const bumped = await trx
          .updateTable('accounts')
          .set((eb) => ({
            rev: eb('rev', '+', 1),
            sync_mode: mode,
            updated_at: deps.now(),
            ...(mode === 'local' ? { wiped_rev: eb('rev', '+', 1) } : {}),
          }))
          .where('id', '=', accountId)
          .returning(['rev', 'wiped_rev'])
          .executeTakeFirstOrThrow();
        if (mode === 'local') {
          await trx.deleteFrom('items').where('account_id', '=', accountId).execute();
        }
        return { rev: bumped.rev, wiped: Number(bumped.wiped_rev) };
      });
      if (mode === 'local' && deps.database.engine === 'sqlite') {
        // secure_delete (db/connect.ts) zeroed the rows in the pages written to the WAL; this
        // moves them into the database file and empties the WAL, so no copy of the blobs stays
        // in either file. Best effort: a reader holding an old snapshot delays it to the next.
        await sql`pragma wal_checkpoint(truncate)`.execute(db);
      }
      deps.live.publish({ type: 'rev', accountId, rev });
      return { mode, rev, wiped };
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
