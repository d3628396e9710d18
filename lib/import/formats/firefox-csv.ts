/**
 * Firefox's export (about:logins → Export): `url,username,password,httpRealm,formActionOrigin,
 * guid,timeCreated,timeLastUsed,timePasswordChanged`, times in milliseconds.
 */
import type { CsvFormat } from '../csv-format';
import { hostOf, loginOrNote, makeLogin, parseTime } from '../fields';

export const firefoxCsv: CsvFormat = {
  format: 'firefox-csv',
  required: ['url', 'username', 'password', 'httprealm', 'formactionorigin'],
  columns: [
    'url',
    'username',
    'password',
    'formactionorigin',
    'timecreated',
    'timepasswordchanged',
  ],
  // Firefox's own record id and last use mean nothing in another vault.
  ignored: ['guid', 'timelastused'],
  read(row) {
    const url = row.text('url');
    const formOrigin = row.text('formactionorigin');
    const extras = row.extras;
    // The form's origin is almost always the page's own; only a different one is worth keeping.
    if (formOrigin && hostOf(formOrigin) !== hostOf(url)) {
      extras.push(['formActionOrigin', formOrigin]);
    }
    return loginOrNote(
      makeLogin({
        urls: [url],
        username: row.text('username'),
        password: row.raw('password'),
        createdAt: parseTime(row.text('timecreated')),
        updatedAt: parseTime(row.text('timepasswordchanged')),
        extras,
        source: row.source,
      }),
    );
  },
};
