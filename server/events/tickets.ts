import { sql, type Kysely } from 'kysely';
import { EVENTS_TICKET_SECONDS } from '../../lib/api/events';
import type { Schema } from '../db/schema';
import { hashToken, randomToken } from '../services/tokens';

export interface TicketOwner {
  sessionId: string;
  accountId: string;
}

/**
 * Tickets let a WebSocket authenticate without a token in its URL (URLs end up in proxy and
 * access logs) and without a long-lived credential in a message: 32 random bytes, single use,
 * 30 s, stored as SHA-256 with their session (deleted with it). In the database, so the ticket
 * one instance issued can be redeemed on whichever instance the socket lands.
 */
export function createEventTicketStore(db: Kysely<Schema>, now: () => number) {
  return {
    async issue(owner: TicketOwner): Promise<string> {
      const ticket = randomToken(32);
      await db
        .insertInto('event_tickets')
        .values({
          ticket_hash: hashToken(ticket),
          session_id: owner.sessionId,
          account_id: owner.accountId,
          expires_at: now() + EVENTS_TICKET_SECONDS * 1000,
        })
        .execute();
      return ticket;
    },

    /** Uses the ticket up, even a late one (a retry cannot win a race); its owner, or null. */
    async redeem(ticket: string): Promise<TicketOwner | null> {
      const row = await db
        .deleteFrom('event_tickets')
        .where('ticket_hash', '=', hashToken(ticket))
        .returning(['session_id', 'account_id', 'expires_at'])
        .executeTakeFirst();
      if (row === undefined || row.expires_at <= now()) return null;
      return { sessionId: row.session_id, accountId: row.account_id };
    },

    /** The account's revision and epoch, if the session is still signed in; else null. */
    async accountState(owner: TicketOwner): Promise<{ rev: number; epoch: number } | null> {
      const { rows } = await sql<{ rev: number; epoch: number }>`
        select a.rev as "rev", a.epoch as "epoch"
        from sessions s join accounts a on a.id = s.account_id
        where s.id = ${owner.sessionId} and s.account_id = ${owner.accountId}
          and s.expires_at > ${now()}`.execute(db);
      return rows[0] ?? null;
    },
  };
}

export type EventTicketStore = ReturnType<typeof createEventTicketStore>;
