/**
 * 1Password 8's CSV export: `Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes`.
 * (It exports logins and passwords only; 1PUX carries everything else.)
 */
import type { CsvFormat } from '../csv-format';
import { isTruthyFlag, loginOrNote, makeLogin } from '../fields';

export const onePasswordCsv: CsvFormat = {
  format: 'onepassword-csv',
  required: ['title', 'url', 'username', 'password', 'otpauth', 'favorite', 'archived'],
  columns: [
    'title',
    'url',
    'username',
    'password',
    'otpauth',
    'favorite',
    'archived',
    'tags',
    'notes',
  ],
  read(row) {
    const extras = row.extras;
    if (isTruthyFlag(row.text('archived'))) extras.push(['Archived', row.text('archived')]);
    return loginOrNote(
      makeLogin({
        title: row.text('title'),
        urls: [row.text('url')],
        username: row.text('username'),
        password: row.raw('password'),
        otp: row.text('otpauth'),
        favorite: isTruthyFlag(row.text('favorite')),
        tags: row.text('tags').split(/[,;]/),
        notes: row.raw('notes'),
        extras,
        source: row.source,
      }),
    );
  },
};
