import { sql, type Kysely } from 'kysely';
import { planSchema, type SessionInfo } from '../../lib/api';
import type { AppDeps, SessionContext } from '../deps';
import type { Schema } from '../db/schema';
import { hashToken, randomToken } from './tokens';

interface AuthRow {
  sessionId: string;
  lastSeenAt: number;
  accountId: string;
  email: string;
  plan: string;
  rev: number;
  epoch: number;
}

/** A session lives 30 days past its last use. */
export const SESSION_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
/** last_seen is written at most this often, so reads stay reads (the sync budget is reads). */
const TOUCH_EVERY_MS = 60_000;

export function createSessionService(deps: AppDeps) {
  const { db } = deps.database;

  return {
    async create(accountId: string, deviceName: string) {
      const t = deps.now();
      const token = randomToken(32);
      const session = {
        id: randomToken(16),
        token_hash: hashToken(token),
        account_id: accountId,
        device_name: deviceName,
        created_at: t,
        last_seen_at: t,
        expires_at: t + SESSION_IDLE_MS,
      };
      await db.insertInto('sessions').values(session).execute();
      return { token, sessionId: session.id, expiresAt: session.expires_at };
    },

    /** The caller behind a bearer token, with the account's current rev and epoch, or null. */
    async authenticate(token: string): Promise<SessionContext | null> {
      const t = deps.now();
      // Raw SQL on purpose: this runs on every authenticated request (the sync budget of
      // DESIGN §7), and skipping the query builder is a measurable part of its cost.
      const { rows } = await sql<AuthRow>`
        select s.id as "sessionId", s.last_seen_at as "lastSeenAt", a.id as "accountId",
               a.email as "email", a.plan as "plan", a.rev as "rev", a.epoch as "epoch"
        from sessions s join accounts a on a.id = s.account_id
        where s.token_hash = ${hashToken(token)} and s.expires_at > ${t}`.execute(db);
      const row = rows[0];
      if (row === undefined) return null;
      if (t - row.lastSeenAt >= TOUCH_EVERY_MS) {
        await db
          .updateTable('sessions')
          .set({ last_seen_at: t, expires_at: t + SESSION_IDLE_MS })
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
      };
    },

    /** True when this token's session was ended by an account reset (see reset_notices). */
    async endedByReset(token: string): Promise<boolean> {
      const row = await db
        .selectFrom('reset_notices')
        .select('account_id')
        .where('token_hash', '=', hashToken(token))
        .where('expires_at', '>', deps.now())
        .executeTakeFirst();
      return row !== undefined;
    },

    async list(accountId: string, currentId: string): Promise<SessionInfo[]> {
      const rows = await db
        .selectFrom('sessions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('expires_at', '>', deps.now())
        .orderBy('created_at')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        deviceName: r.device_name,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
        current: r.id === currentId,
      }));
    },

    /** True when a session of this account was revoked. */
    async revoke(accountId: string, sessionId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('sessions')
        .where('account_id', '=', accountId)
        .where('id', '=', sessionId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
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
