/**
 * Cassaforte's plain CSV export (lib/export/plain.ts): Chrome's columns plus `totp`, and nothing
 * else. Logins only; a row with nothing of a login becomes a note, as in Chrome's reader.
 */
import { CSV_COLUMNS } from '../../export/format';
import type { CsvFormat } from '../csv-format';
import { loginOrNote, makeLogin } from '../fields';

const COLUMNS = new Set<string>(CSV_COLUMNS);

export const cassaforteCsv: CsvFormat = {
  format: 'cassaforte-csv',
  required: [...CSV_COLUMNS],
  columns: [...CSV_COLUMNS],
  accepts: (keys) => [...keys].every((key) => COLUMNS.has(key)),
  read: (row) =>
    loginOrNote(
      makeLogin({
        title: row.text('name'),
        urls: [row.text('url')],
        username: row.text('username'),
        password: row.raw('password'),
        notes: row.raw('note'),
        otp: row.text('totp'),
        extras: row.extras,
        source: row.source,
      }),
    ),
};
