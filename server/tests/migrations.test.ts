import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateToLatest } from '../db/migrations';
import { createDatabase, ENGINES, usePostgres } from './harness';

usePostgres();

const DAY = 24 * 60 * 60_000;

describe.each(ENGINES)('migration 0004 on %s', (engine) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const done of cleanup.reverse()) await done();
  });

  async function open(): Promise<Kysely<unknown>> {
    if (engine === 'sqlite') {
      const dir = await mkdtemp(join(tmpdir(), 'cassaforte-migrate-'));
      cleanup.push(() => rm(dir, { recursive: true, force: true }));
      const db = new Kysely<unknown>({
        dialect: new SqliteDialect({ database: new BetterSqlite3(join(dir, 'db.sqlite')) }),
      });
      cleanup.push(() => db.destroy());
      return db;
    }
    const database = await createDatabase();
    cleanup.push(() => database.drop());
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url }) }),
    });
    cleanup.push(() => db.destroy());
    return db;
  }

  it('moves the reset notices of a server that ran 0003, with when the reset happened', async () => {
    const db = await open();
    const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0004'));
    const { error } = await new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(before) },
    }).migrateToLatest();
    expect(error).toBeUndefined();
    const resetAt = 1_790_000_000_000;
    await sql`insert into accounts (id, email, plan, kdf, wrapped_vk, opaque_record, hint, rev, epoch, created_at, updated_at)
      values ('acct', 'a@example.test', 'pro', '{}', 'w', 'o', null, 3, 2, 1, 1)`.execute(db);
    await sql`insert into reset_notices (token_hash, account_id, epoch, expires_at)
      values ('th', 'acct', 1, ${resetAt + 90 * DAY})`.execute(db);

    await migrateToLatest(db);
    const { rows } = await sql<Record<string, unknown>>`
      select token_hash, account_id, reason, at, by_device, expires_at from session_notices`.execute(
      db,
    );
    expect(rows).toEqual([
      {
        token_hash: 'th',
        account_id: 'acct',
        reason: 'reset',
        at: resetAt,
        by_device: null,
        expires_at: resetAt + 90 * DAY,
      },
    ]);
    await expect(sql`select * from reset_notices`.execute(db)).rejects.toThrow();
    const account = await sql<Record<string, unknown>>`
      select plan, reset_at, last_sign_in_at from accounts`.execute(db);
    expect(account.rows).toEqual([{ plan: 'pro', reset_at: null, last_sign_in_at: null }]);
  });
});
