/**
 * Chrome's and Edge's password export: `name,url,username,password` and, since Chrome 111, `note`.
 * (chrome://password-manager/settings → Export; Edge writes the same file.)
 */
import type { CsvFormat } from '../csv-format';
import { loginOrNote, makeLogin } from '../fields';

const COLUMNS = new Set(['name', 'url', 'username', 'password', 'note']);

export const chromeCsv: CsvFormat = {
  format: 'chrome-csv',
  required: ['name', 'url', 'username', 'password'],
  columns: [...COLUMNS],
  // Only these columns: a wider file with the same four (e.g. Proton Pass's) is another format.
  accepts: (keys) => [...keys].every((key) => COLUMNS.has(key)),
  read: (row) =>
    loginOrNote(
      makeLogin({
        title: row.text('name'),
        urls: [row.text('url')],
        username: row.text('username'),
        password: row.raw('password'),
        notes: row.raw('note'),
        extras: row.extras,
        source: row.source,
      }),
    ),
};
