/**
 * The names and version of Cassaforte's export files, with no crypto import, so the importer's
 * detection can recognise them without loading libsodium.
 */

/** The encrypted export (encrypted.ts). */
export const EXPORT_FORMAT = 'cassaforte-export';
/** The plain JSON export (plain.ts). */
export const PLAIN_JSON_FORMAT = 'cassaforte-export-plain';
/** Both files' format version; a reader refuses any other with 'unsupportedVersion'. */
export const EXPORT_VERSION = 1;

/** The plain CSV's columns, in order (plain.ts writes them, the importer reads them). */
export const CSV_COLUMNS = ['name', 'url', 'username', 'password', 'note', 'totp'] as const;
