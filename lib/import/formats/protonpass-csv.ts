/**
 * Proton Pass's CSV export: `type,name,url,email,username,password,note,totp,createTime,
 * modifyTime,vault`, times in seconds. Logins and aliases become logins; notes stay notes; other
 * types (cards, identities) are written flat in this file, so they become notes that keep every cell.
 */
import type { CsvFormat } from '../csv-format';
import { loginOrNote, makeLogin, makeNote, parseTime, type Extra } from '../fields';

/** Read into a login; for any other type they are kept in the notes instead. */
const LOGIN_COLUMNS = ['url', 'email', 'username', 'password', 'totp'];

export const protonPassCsv: CsvFormat = {
  format: 'protonpass-csv',
  required: ['type', 'name', 'url', 'username', 'password', 'note', 'vault'],
  columns: [...LOGIN_COLUMNS, 'type', 'name', 'note', 'createtime', 'modifytime', 'vault'],
  read(row) {
    const type = row.text('type');
    const common = {
      title: row.text('name'),
      notes: row.raw('note'),
      tags: [row.text('vault')],
      createdAt: parseTime(row.text('createtime')),
      updatedAt: parseTime(row.text('modifytime')),
      source: row.source,
    };
    if (type === 'login' || type === 'alias') {
      const username = row.text('username');
      const email = row.text('email');
      const extras = row.extras;
      // Proton keeps e-mail and username apart; the one not used as username is kept in the notes.
      if (username && email && email !== username) extras.unshift(['email', email]);
      return loginOrNote(
        makeLogin({
          ...common,
          username: username || email,
          password: row.raw('password'),
          urls: row.text('url').split(/,(?=\s*[a-z][a-z0-9+.-]*:)/i),
          otp: row.text('totp'),
          extras,
        }),
      );
    }
    if (type === '') return 'unknownType';
    const extras: Extra[] = LOGIN_COLUMNS.map((key) => [key, row.raw(key)]);
    if (type !== 'note') extras.unshift(['type', type]);
    return makeNote({ ...common, extras: [...extras, ...row.extras] });
  },
};
