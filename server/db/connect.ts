import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations';
import type { Schema } from './schema';

export type Engine = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<Schema>;
  readonly engine: Engine;
  /** Where the data lives, for logs: a file path or the PostgreSQL URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` or `postgresql://…` selects PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL pool size per instance (pgbouncer in front for many instances). */
  poolSize?: number;
}

// bigint (OID 20) arrives as a string by default; every bigint here (revisions, epochs,
// milliseconds) stays far below 2^53, so numbers are exact.
pg.types.setTypeParser(20, Number);

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

/** Opens the configured engine and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const database = isPostgresUrl(options.databaseUrl)
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openSqlite(options.dataDir);
  try {
    await migrateToLatest(database.db as Kysely<unknown>);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function openSqlite(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'cassaforte.sqlite');
  // Created owner-only before SQLite opens it (SQLite would use the umask).
  closeSync(openSync(file, 'a', 0o600));
  const sqlite = new BetterSqlite3(file);
  // WAL lets readers (backups, the admin CLI) run beside the writer; busy_timeout makes another
  // process wait for the lock instead of failing. synchronous stays FULL: an acknowledged push
  // must survive a power cut. Inside this process Kysely's SQLite driver holds one connection
  // behind a mutex, so a transaction's statements never interleave with another request's.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Deleted rows are overwritten, not left in free pages: a switch to "this device only" or a
  // reset promises that no item of the account stays on the server (DESIGN §5).
  sqlite.pragma('secure_delete = ON');
  const db = new Kysely<Schema>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { db, engine: 'sqlite', location: file, close: () => db.destroy() };
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing is a good part of a cheap request's
 * cost (the empty-delta sync budget of DESIGN §7). Statements are reusable, and the query texts
 * come from a small fixed set, so they are kept by SQL text (bounded, in case of `in (…)` lists of
 * every length).
 */
function withStatementCache(sqlite: BetterSqlite3.Database): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property !== 'prepare') {
        const value = Reflect.get(target, property, receiver) as unknown;
        // Native methods must run on the real object, not on the proxy.
        return typeof value === 'function'
          ? (value as (...a: unknown[]) => unknown).bind(target)
          : value;
      }
      return (source: string) => {
        let statement = cache.get(source);
        if (statement === undefined) {
          statement = prepare(source);
          if (cache.size >= 500) cache.delete(cache.keys().next().value!);
          cache.set(source, statement);
        }
        return statement;
      };
    },
  });
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its connection emits 'error'; without a listener that kills the
  // process. The pool replaces the client on the next checkout.
  pool.on('error', () => undefined);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const location = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return { db, engine: 'postgres', location, close: () => db.destroy() };
}
