import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { SESSION_NOTICE_MS } from './sessions';

const DAY = 24 * 60 * 60_000;

/**
 * Drops rows that can no longer be used. Correctness never depends on it (every read checks
 * expiry); it only keeps the tables small. Safe to run from several instances at once. Ended
 * sessions stay a while, so a device coming back late still hears why (session_expired).
 */
export async function deleteExpired(db: Kysely<Schema>, now: number): Promise<void> {
  await db.deleteFrom('login_states').where('expires_at', '<=', now).execute();
  await db.deleteFrom('reset_tokens').where('expires_at', '<=', now).execute();
  await db.deleteFrom('email_verifications').where('expires_at', '<=', now).execute();
  await db
    .deleteFrom('sessions')
    .where('expires_at', '<=', now - SESSION_NOTICE_MS)
    .execute();
  await db.deleteFrom('session_notices').where('expires_at', '<=', now).execute();
  await db.deleteFrom('event_tickets').where('expires_at', '<=', now).execute();
  await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', now - DAY)
    .execute();
}
