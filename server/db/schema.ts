import type { Generated } from 'kysely';

/**
 * Table shapes as Kysely sees them. Times are Unix milliseconds (bigint), booleans are 0/1
 * integers: the same columns on SQLite and PostgreSQL, so one migration and one query text serve
 * both engines.
 */
export interface AccountsTable {
  id: string;
  email: string;
  plan: string;
  /** KDF parameters as JSON text, returned verbatim at prelogin. */
  kdf: string;
  wrapped_vk: string;
  opaque_record: string;
  hint: string | null;
  rev: number;
  epoch: number;
  created_at: number;
  updated_at: number;
}

export interface ItemsTable {
  account_id: string;
  id: string;
  rev: number;
  deleted: number;
  blob: string | null;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  account_id: string;
  device_name: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface LoginStatesTable {
  id: string;
  /** Null for an unknown email: the attempt looks the same but can never finish. */
  account_id: string | null;
  state: string;
  expires_at: number;
}

export interface ResetTokensTable {
  token_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
}

export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: Generated<number>;
}

/** Sessions a reset revoked: a device that comes back with one learns why (409 stale_epoch). */
export interface ResetNoticesTable {
  token_hash: string;
  account_id: string;
  epoch: number;
  expires_at: number;
}

/** Tickets for the live-events socket (POST /v1/events/ticket): single use, 30 s. */
export interface EventTicketsTable {
  ticket_hash: string;
  session_id: string;
  account_id: string;
  expires_at: number;
}

export interface Schema {
  accounts: AccountsTable;
  items: ItemsTable;
  sessions: SessionsTable;
  login_states: LoginStatesTable;
  reset_tokens: ResetTokensTable;
  rate_limits: RateLimitsTable;
  reset_notices: ResetNoticesTable;
  event_tickets: EventTicketsTable;
}
