import { sql, type Kysely } from 'kysely';
// kysely 0.29 moved the migrator to its own entry point.
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';

/**
 * Migrations run on every start, in order, on both engines (Kysely's migrator takes a lock, so
 * several instances starting together against PostgreSQL are safe). Only portable column types.
 * Never edit a shipped migration: add the next one.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('kdf', 'text', (c) => c.notNull())
        .addColumn('wrapped_vk', 'text', (c) => c.notNull())
        .addColumn('opaque_record', 'text', (c) => c.notNull())
        .addColumn('hint', 'text')
        .addColumn('rev', 'bigint', (c) => c.notNull())
        .addColumn('epoch', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('items')
        .addColumn('account_id', 'text', (c) =>
          c.notNull().references('accounts.id').onDelete('cascade'),
        )
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('rev', 'bigint', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addColumn('blob', 'text')
        .addPrimaryKeyConstraint('items_pk', ['account_id', 'id'])
        .execute();
      await db.schema
        .createIndex('items_account_rev')
        .on('items')
        .columns(['account_id', 'rev'])
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', (c) =>
          c.notNull().references('accounts.id').onDelete('cascade'),
        )
        .addColumn('device_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

      await db.schema
        .createTable('login_states')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('reset_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) =>
          c.notNull().references('accounts.id').onDelete('cascade'),
        )
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('reset_tokens_account')
        .on('reset_tokens')
        .column('account_id')
        .execute();

      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull().defaultTo(sql`1`))
        .execute();
    },
  },
  '0002_reset_notices': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reset_notices')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) =>
          c.notNull().references('accounts.id').onDelete('cascade'),
        )
        .addColumn('epoch', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0003_event_tickets': {
    async up(db: Kysely<unknown>) {
      // Single-use tickets for the /v1/events WebSocket, in the database so that whichever
      // instance the socket lands on can redeem the ticket another instance issued.
      await db.schema
        .createTable('event_tickets')
        .addColumn('ticket_hash', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('sessions.id').onDelete('cascade'),
        )
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      // PostgreSQL does not index a foreign key by itself; deleting a session would scan.
      await db.schema
        .createIndex('event_tickets_session')
        .on('event_tickets')
        .column('session_id')
        .execute();
    },
  },
  '0004_account_recovery': {
    async up(db: Kysely<unknown>) {
      // 409 stale_epoch says when the account was reset, whichever request meets the new epoch.
      await db.schema.alterTable('accounts').addColumn('reset_at', 'bigint').execute();
      // The first sign-in of an account sends no "new sign-in" email; every later one does.
      await db.schema.alterTable('accounts').addColumn('last_sign_in_at', 'bigint').execute();
      // The last unlock each device reported (reset guidance, Settings → Devices).
      await db.schema.alterTable('sessions').addColumn('last_unlocked_at', 'bigint').execute();

      // A reset email carries a link (token) and a short code that works only with the handle
      // the requesting device kept; `requester` (a keyed hash of its address) caps how many links
      // one requester keeps alive, so nobody else's requests push the owner's link out.
      await db.schema.alterTable('reset_tokens').addColumn('handle_hash', 'text').execute();
      await db.schema.alterTable('reset_tokens').addColumn('code_hash', 'text').execute();
      await db.schema.alterTable('reset_tokens').addColumn('requester', 'text').execute();
      await db.schema
        .createIndex('reset_tokens_handle')
        .on('reset_tokens')
        .column('handle_hash')
        .unique()
        .execute();

      // Why a session ended, for the device that comes back with its token: a reset (409
      // stale_epoch) or another device signing it out (401 session_revoked, with that device's
      // name). Replaces reset_notices, whose rows move over (they were written 90 days before
      // they expire, which gives their `at`).
      await db.schema
        .createTable('session_notices')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) =>
          c.notNull().references('accounts.id').onDelete('cascade'),
        )
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('by_device', 'text')
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('session_notices_account')
        .on('session_notices')
        .column('account_id')
        .execute();
      await sql`insert into session_notices (token_hash, account_id, reason, at, by_device, expires_at)
        select token_hash, account_id, 'reset', expires_at - ${sql.lit(90 * 24 * 60 * 60_000)}, null, expires_at
        from reset_notices`.execute(db);
      await db.schema.dropTable('reset_notices').execute();

      // Email verification before an account is created: a code for a new address; for a taken
      // one the row has no code (the owner got a notice), so no code can ever finish it.
      await db.schema
        .createTable('email_verifications')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();

      // License codes, stored as keyed hashes; single use.
      await db.schema
        .createTable('license_codes')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('redeemed_at', 'bigint')
        .addColumn('redeemed_by', 'text')
        .execute();
    },
  },
  '0005_sync_mode': {
    async up(db: Kysely<unknown>) {
      // Where the vault lives (DESIGN §5): 'cloud' or 'local' (no item on the server).
      await db.schema
        .alterTable('accounts')
        .addColumn('sync_mode', 'text', (c) => c.notNull().defaultTo('cloud'))
        .execute();
    },
  },
  '0006_wiped_rev': {
    async up(db: Kysely<unknown>) {
      // The revision at which "this device only" last emptied the account (0: never). A device
      // whose data is older re-uploads it once the account syncs again (lib/sync/exchange.ts).
      await db.schema
        .alterTable('accounts')
        .addColumn('wiped_rev', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) };

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}`, {
      cause: error,
    });
  }
}
