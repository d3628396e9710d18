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
  /** When the last reset happened (null: never reset). */
  reset_at: Generated<number | null>;
  /** The latest sign-in (null: never signed in). */
  last_sign_in_at: Generated<number | null>;
  /** Where the vault lives: 'cloud' (synced here) or 'local' (no item on the server). */
  sync_mode: Generated<string>;
  wiped_rev: Generated<number>;
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
  /** Idle expiry, never past created_at + SESSION_LIFETIME_MS. */
  expires_at: number;
  /** The latest unlock the device reported, never later than the server's clock. */
  last_unlocked_at: Generated<number | null>;
}

export interface LoginStatesTable {
  id: string;
  /** Null for an unknown email: the attempt looks the same but can never finish. */
  account_id: string | null;
  state: string;
  expires_at: number;
}

/** Reset links and codes: several may be valid at once; a completed reset deletes them all. */
export interface ResetTokensTable {
  token_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
  /** SHA-256 of the handle the requesting device kept (null on rows older than short codes). */
  handle_hash: string | null;
  /** Keyed hash of the short code (null on rows older than short codes). */
  code_hash: string | null;
  /** Keyed hash of the requesting address: one requester keeps only a few links alive. */
  requester: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: Generated<number>;
}

/**
 * Sessions that were ended for the device, not by it: one that comes back with its token learns
 * why (409 stale_epoch after a reset, 401 session_revoked when another device signed it out).
 */
export interface SessionNoticesTable {
  token_hash: string;
  account_id: string;
  reason: 'reset' | 'revoked';
  at: number;
  /** The device name of the session that signed this one out. */
  by_device: string | null;
  expires_at: number;
}

/** The first step of account creation: the code mailed to a new address (DESIGN §5). */
export interface EmailVerificationsTable {
  id_hash: string;
  email: string;
  /** Keyed hash of the code; null when the address had an account (its owner got a notice). */
  code_hash: string | null;
  created_at: number;
  expires_at: number;
}

/** License codes issued by the admin CLI, stored as keyed hashes; each works once. */
export interface LicenseCodesTable {
  code_hash: string;
  plan: string;
  created_at: number;
  redeemed_at: number | null;
  redeemed_by: string | null;
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
  session_notices: SessionNoticesTable;
  email_verifications: EmailVerificationsTable;
  license_codes: LicenseCodesTable;
  event_tickets: EventTicketsTable;
}
