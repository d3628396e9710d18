/**
 * KeePassXC's CSV export: `Group,Title,Username,Password,URL,Notes,TOTP,Icon,Last Modified,Created`
 * (older versions stop after Notes). Group is the path from the root group ("Root/Lavoro").
 */
import type { CsvFormat } from '../csv-format';
import { loginOrNote, makeLogin, parseTime, pathTag } from '../fields';

export const keepassxcCsv: CsvFormat = {
  format: 'keepassxc-csv',
  required: ['group', 'title', 'username', 'password', 'url', 'notes'],
  columns: [
    'group',
    'title',
    'username',
    'password',
    'url',
    'notes',
    'totp',
    'created',
    'last modified',
  ],
  // An icon number of KeePass's own icon set.
  ignored: ['icon'],
  read: (row) =>
    loginOrNote(
      makeLogin({
        title: row.text('title'),
        // Every path starts with the database's root group: as a tag it would say nothing.
        tags: [pathTag(row.text('group'), true)],
        urls: [row.text('url')],
        username: row.text('username'),
        password: row.raw('password'),
        otp: row.text('totp'),
        notes: row.raw('notes'),
        createdAt: parseTime(row.text('created')),
        updatedAt: parseTime(row.text('last modified')),
        extras: row.extras,
        source: row.source,
      }),
    ),
};
