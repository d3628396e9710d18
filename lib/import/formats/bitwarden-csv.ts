/**
 * Bitwarden's CSV (personal: `folder,favorite,type,name,notes,fields,reprompt,login_uri,
 * login_username,login_password,login_totp`; organisation: `collections` instead of `folder`).
 * It holds only logins and notes; `fields` is already "name: value" lines, `login_uri` the URIs
 * joined with commas.
 */
import type { CsvFormat } from '../csv-format';
import { isTruthyFlag, loginOrNote, makeLogin, makeNote, pathTag } from '../fields';

export const bitwardenCsv: CsvFormat = {
  format: 'bitwarden-csv',
  required: ['type', 'name', 'login_uri', 'login_username', 'login_password'],
  columns: [
    'folder',
    'collections',
    'favorite',
    'type',
    'name',
    'notes',
    'fields',
    'login_uri',
    'login_username',
    'login_password',
    'login_totp',
  ],
  // Bitwarden's "ask for the master password again" flag has no counterpart here.
  ignored: ['reprompt'],
  read(row) {
    const type = row.text('type').toLowerCase();
    const fields = row.raw('fields').trim();
    const notes = [row.raw('notes'), fields].filter((part) => part.trim() !== '').join('\n\n');
    const tags = [
      pathTag(row.text('folder')),
      ...row
        .text('collections')
        .split(',')
        .map((name) => pathTag(name)),
    ];
    const common = {
      title: row.text('name'),
      notes,
      tags,
      favorite: isTruthyFlag(row.text('favorite')),
      source: row.source,
    };
    if (type === 'note') {
      // A note row's login columns are empty; read them so anything there still reaches the notes.
      const loginCells: Array<[string, string]> = [
        ['login_uri', row.text('login_uri')],
        ['login_username', row.text('login_username')],
        ['login_password', row.raw('login_password')],
        ['login_totp', row.text('login_totp')],
      ];
      return makeNote({ ...common, extras: [...loginCells, ...row.extras] });
    }
    if (type !== 'login' && type !== '') return 'unknownType';
    return loginOrNote(
      makeLogin({
        ...common,
        // Split only where a comma is followed by a new scheme: a comma inside a URL stays.
        urls: row.text('login_uri').split(/,(?=\s*[a-z][a-z0-9+.-]*:)/i),
        username: row.text('login_username'),
        password: row.raw('login_password'),
        otp: row.text('login_totp'),
        extras: row.extras,
      }),
    );
  },
};
