/**
 * LastPass's CSV export: `url,username,password,totp,extra,name,grouping,fav` (older files lack
 * `totp`). A secure note has the URL `http://sn`; a typed one starts its text with
 * "NoteType:Credit Card" or "NoteType:Address" followed by "Label:value" lines, which become a
 * card or an identity (lastpass-notes.ts). Groupings use `\` between levels.
 */
import type { CsvFormat } from '../csv-format';
import { isTruthyFlag, loginOrNote, makeLogin, makeNote, pathTag } from '../fields';
import { readLastPassTypedNote } from './lastpass-notes';

const SECURE_NOTE_URL = 'http://sn';

export const lastPassCsv: CsvFormat = {
  format: 'lastpass-csv',
  required: ['url', 'username', 'password', 'extra', 'name', 'grouping'],
  columns: ['url', 'username', 'password', 'totp', 'extra', 'name', 'grouping', 'fav'],
  read(row) {
    const common = {
      title: row.text('name'),
      tags: [pathTag(row.text('grouping'))],
      favorite: isTruthyFlag(row.text('fav')),
      source: row.source,
    };
    if (row.text('url') === SECURE_NOTE_URL) {
      const extra = row.raw('extra');
      const typed = readLastPassTypedNote(extra, { ...common, extras: row.extras });
      if (typed) return typed;
      const loginCells: Array<[string, string]> = [
        ['username', row.text('username')],
        ['password', row.raw('password')],
        ['totp', row.text('totp')],
      ];
      return makeNote({ ...common, notes: extra, extras: [...loginCells, ...row.extras] });
    }
    return loginOrNote(
      makeLogin({
        ...common,
        urls: [row.text('url')],
        username: row.text('username'),
        password: row.raw('password'),
        otp: row.text('totp'),
        notes: row.raw('extra'),
        extras: row.extras,
      }),
    );
  },
};
