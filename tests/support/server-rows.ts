/**
 * What the real server's SQLite database holds for an account, read straight from its file (the
 * background harness and the browser suite both run SQLite in a data directory): how a test
 * checks that "nothing stays on the server" without trusting the server's own answers.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

function withDb<T>(dataDir: string, read: (db: BetterSqlite3.Database) => T, readonly = true): T {
  const db = new BetterSqlite3(join(dataDir, 'cassaforte.sqlite'), { readonly });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The `items` rows of the account with this email (tombstones included). */
export function itemRowsOf(
  dataDir: string,
  email: string,
): { id: string; rev: number; deleted: number; blob: string | null }[] {
  return withDb(
    dataDir,
    (db) =>
      db
        .prepare(
          `select i.id, i.rev, i.deleted, i.blob from items i
         join accounts a on a.id = i.account_id where a.email = ? order by i.id`,
        )
        .all(email.toLowerCase()) as {
        id: string;
        rev: number;
        deleted: number;
        blob: string | null;
      }[],
  );
}

/**
 * Sets the account's sync mode in its row, behind the server's back: what a hostile server (or
 * whoever holds its database) can answer without any device having asked for it.
 */
export function forceSyncModeRow(dataDir: string, email: string, mode: 'cloud' | 'local'): void {
  withDb(
    dataDir,
    (db) =>
      db
        .prepare('update accounts set sync_mode = ? where email = ?')
        .run(mode, email.toLowerCase()),
    false,
  );
}

/** Every row of every table, as one text: where a blob must not be found. */
export function everyRowText(dataDir: string): string {
  return withDb(dataDir, (db) => {
    const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as {
      name: string;
    }[];
    return JSON.stringify(tables.map(({ name }) => db.prepare(`select * from "${name}"`).all()));
  });
}

/** Whether any file of the SQLite database (main file, WAL) holds `text` byte for byte. */
export async function databaseFilesHold(dataDir: string, text: string): Promise<boolean> {
  const names = (await readdir(dataDir)).filter((n) => n.startsWith('cassaforte.sqlite'));
  const files = await Promise.all(names.map((n) => readFile(join(dataDir, n))));
  return files.some((bytes) => bytes.includes(text));
}
