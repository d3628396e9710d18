import { sql, type Kysely } from 'kysely';
import { planSchema, type SessionInfo } from '../../lib/api';
import type { AppDeps, SessionContext } from '../deps';
import type { Schema } from '../db/schema';
import { hashToken, randomToken } from './tokens';

interface AuthRow {
  sessionId: string;
  lastSeenAt: number;
  createdAt: number;
  accountId: string;
  email: string;
  plan: string;
  rev: number;
  epoch: number;
  syncMode: string;
  wipedRev: number | string;
}

const DAY = 24 * 60 * 60 * 1000;
/** A session lives 30 days past its last use… */
export const SESSION_IDLE_MS = 30 * DAY;
/** …and a year at most: then the device asks for the password once more (session_expired). */
export const SESSION_LIFETIME_MS = 365 * DAY;
/**
 * How long a device that was signed out (or whose session ran out) is told why when it comes
 * back. Ended sessions and notices are kept this long, then cleaned up.
 */
export const SESSION_NOTICE_MS = 90 * DAY;
/** last_seen is written at most this often, so reads stay reads (the sync budget is reads). */
const TOUCH_EVERY_MS = 60_000;

/** Why a token no longer works, as requireSession tells the device. */
export type SessionEnd =
  | { reason: 'reset'; at: number }
  | { reason: 'revoked'; at: number; by: string | null }
  | { reason: 'expired'; at: number }
  | null;

/** The idle expiry after a use at `t`, capped by the absolute lifetime. */
export const expiryAfterUse = (createdAt: number, t: number) =>
  Math.min(t + SESSION_IDLE_MS, createdAt + SESSION_LIFETIME_MS);

export function createSessionService(deps: AppDeps) {
  const { db } = deps.database;
  return {
    /** `on`: a transaction to run in (sign-in checks the plan's limit in the same one). */
    async create(accountId: string, deviceName: string, on: Kysely<Schema> = db) {
      const t = deps.now();
      const token = randomToken(32);
      const session = {
        id: randomToken(16),
        token_hash: hashToken(token),
        account_id: accountId,
        device_name: deviceName,
        created_at: t,
        last_seen_at: t,
        expires_at: expiryAfterUse(t, t),
      };
      await on.insertInto('sessions').values(session).execute();
      return { token, sessionId: session.id, expiresAt: session.expires_at };
    },

    /** The caller behind a bearer token, with the account's current rev and epoch, or null. */
    async authenticate(token: string): Promise<SessionContext | null> {
      const t = deps.now();
      // Raw SQL on purpose: this runs on every authenticated request (the sync budget of
      // DESIGN §7), and skipping the query builder is a measurable part of its cost.
      const { rows } = await sql<AuthRow>`
        select s.id as "sessionId", s.last_seen_at as "lastSeenAt", s.created_at as "createdAt",
               a.id as "accountId", a.email as "email", a.plan as "plan", a.rev as "rev",
               a.epoch as "epoch", a.sync_mode as "syncMode", a.wiped_rev as "wipedRev"
        from sessions s join accounts a on a.id = s.account_id
        where s.token_hash = ${hashToken(token)} and s.expires_at > ${t}
          and s.created_at > ${t - SESSION_LIFETIME_MS}`.execute(db);
      const row = rows[0];
      if (row === undefined) return null;
      if (t - row.lastSeenAt >= TOUCH_EVERY_MS) {
        await db
          .updateTable('sessions')
          .set({ last_seen_at: t, expires_at: expiryAfterUse(row.createdAt, t) })
          .where('id', '=', row.sessionId)
          .execute();
      }
      const plan = planSchema.safeParse(row.plan);
      return {
        sessionId: row.sessionId,
        accountId: row.accountId,
        email: row.email,
        plan: plan.success ? plan.data : 'free',
        rev: row.rev,
        epoch: row.epoch,
        // The column only ever holds the two values (services/sync.ts writes it).
        syncMode: row.syncMode === 'local' ? 'local' : 'cloud',
        wipedRev: Number(row.wipedRev),
      };
    },

    /**
     * Why a token that did not authenticate stopped working, when the server knows: the account
     * was reset, another device signed it out, or its year ran out. Null for anything else (a
     * logout, a password change, idle expiry, an unknown token): "sign in again".
     */
    async whyEnded(token: string): Promise<SessionEnd> {
      const t = deps.now();
      const tokenHash = hashToken(token);
      const notice = await db
        .selectFrom('session_notices')
        .select(['reason', 'at', 'by_device'])
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', t)
        .executeTakeFirst();
      if (notice !== undefined) {
        return notice.reason === 'reset'
          ? { reason: 'reset', at: notice.at }
          : { reason: 'revoked', at: notice.at, by: notice.by_device };
      }
      const session = await db
        .selectFrom('sessions')
        .select(['created_at', 'expires_at'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      const end = session === undefined ? undefined : session.created_at + SESSION_LIFETIME_MS;
      // Used until its year ran out (not left idle for 30 days first).
      if (session !== undefined && end! <= t && session.expires_at >= end!) {
        return { reason: 'expired', at: end! };
      }
      return null;
    },

    /** The account's signed-in devices, oldest first. */
    async list(
      accountId: string,
      currentId: string | null,
      on: Kysely<Schema> = db,
    ): Promise<SessionInfo[]> {
      const t = deps.now();
      const rows = await on
        .selectFrom('sessions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('expires_at', '>', t)
        .where('created_at', '>', t - SESSION_LIFETIME_MS)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        deviceName: r.device_name,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        lastUnlockedAt: r.last_unlocked_at,
        expiresAt: Math.min(r.expires_at, r.created_at + SESSION_LIFETIME_MS),
        current: r.id === currentId,
      }));
    },

    /** Keeps the latest unlock a device reported, never later than now. */
    async reportUnlock(sessionId: string, unlockedAt: number): Promise<void> {
      const at = Math.min(unlockedAt, deps.now());
      await db
        .updateTable('sessions')
        .set({ last_unlocked_at: at })
        .where('id', '=', sessionId)
        .where((eb) => eb.or([eb('last_unlocked_at', 'is', null), eb('last_unlocked_at', '<', at)]))
        .execute();
    },

    /**
     * Ends sessions of this account for the devices that hold them: each one learns at its next
     * request that `by` signed it out (401 session_revoked). Ids of other accounts are ignored.
     * Returns the ids that ended.
     */
    async revokeWithNotice(
      accountId: string,
      sessionIds: 'all-but' | readonly string[],
      by: { deviceName: string; keep?: string },
    ): Promise<string[]> {
      if (sessionIds !== 'all-but' && sessionIds.length === 0) return [];
      const t = deps.now();
      return db.transaction().execute(async (trx) => {
        let chosen = trx.selectFrom('sessions').where('account_id', '=', accountId);
        if (sessionIds === 'all-but') {
          if (by.keep !== undefined) chosen = chosen.where('id', '!=', by.keep);
        } else {
          chosen = chosen.where('id', 'in', sessionIds);
        }
        const rows = await chosen.select(['id', 'token_hash']).execute();
        if (rows.length === 0) return [];
        await trx
          .insertInto('session_notices')
          .values(
            rows.map((r) => ({
              token_hash: r.token_hash,
              account_id: accountId,
              reason: 'revoked' as const,
              at: t,
              by_device: by.deviceName,
              expires_at: t + SESSION_NOTICE_MS,
            })),
          )
          .onConflict((oc) => oc.column('token_hash').doNothing())
          .execute();
        const ids = rows.map((r) => r.id);
        await trx
          .deleteFrom('sessions')
          .where('account_id', '=', accountId)
          .where('id', 'in', ids)
          .execute();
        return ids;
      });
    },

    /** True when a session of this account was revoked (the caller's own: a logout). */
    async revoke(accountId: string, sessionId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('sessions')
        .where('account_id', '=', accountId)
        .where('id', '=', sessionId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    /** The device name of a session (the one that signs others out). */
    async deviceName(sessionId: string): Promise<string> {
      const row = await db
        .selectFrom('sessions')
        .select('device_name')
        .where('id', '=', sessionId)
        .executeTakeFirst();
      return row?.device_name ?? '';
    },
  };
}

/** Revokes every session of the account except `keep`; returns how many went. */
export async function revokeOtherSessions(
  db: Kysely<Schema>,
  accountId: string,
  keep: string | null,
) {
  let query = db.deleteFrom('sessions').where('account_id', '=', accountId);
  if (keep !== null) query = query.where('id', '!=', keep);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export type SessionService = ReturnType<typeof createSessionService>;
