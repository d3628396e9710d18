/**
 * The plain exports, for moving to another password manager: not encrypted, so the page shows
 * them only behind a warning that anyone who gets the file can read every password.
 *
 * - CSV: logins only, one row each, with the columns Chrome writes plus Bitwarden-style `totp`:
 *   `name,url,username,password,note,totp`. A login's first URL goes in `url`, its other URLs
 *   into the note as "URL: …" lines (the way our importers keep what has no column). Notes and
 *   every other type are left out: CSV_COLUMNS has no place for them, so the JSON export is
 *   the one that holds everything.
 * - JSON: every exported item as the vault holds it, indented, under a small header that our
 *   importer recognises (lib/import/formats/cassaforte.ts).
 */
import Papa from 'papaparse';
import { notesWithExtras } from '../import/fields';
import { CSV_COLUMNS, EXPORT_VERSION, PLAIN_JSON_FORMAT } from './format';
import { isExportRecord } from './payload';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function urlsOf(item: Record<string, unknown>): string[] {
  const urls = Array.isArray(item.urls) ? item.urls : [];
  return urls.map((entry: unknown) =>
    typeof entry === 'object' && entry !== null ? text((entry as { url?: unknown }).url) : '',
  );
}

/** The logins among `items` as CSV rows; how many rows were written. */
export function csvExport(items: readonly unknown[]): { text: string; rows: number } {
  const rows = items.filter(isExportRecord).filter((item) => item.type === 'login');
  const data = rows.map((item) => {
    const [first = '', ...others] = urlsOf(item).filter(Boolean);
    return [
      text(item.title),
      first,
      text(item.username),
      text(item.password),
      notesWithExtras(
        text(item.notes),
        others.map((url) => ['URL', url] as const),
      ),
      text(item.otp),
    ];
  });
  // CRLF as RFC 4180 says; every field quoted, so a note with commas or newlines stays one cell.
  const csv = Papa.unparse({ fields: [...CSV_COLUMNS], data }, { quotes: true, newline: '\r\n' });
  return { text: `${csv}\r\n`, rows: rows.length };
}

/** Every item, readable. */
export function jsonExport(items: readonly unknown[], now: number): string {
  const file = { format: PLAIN_JSON_FORMAT, version: EXPORT_VERSION, exportedAt: now, items };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** `cassaforte-export-YYYY-MM-DD.<ext>`, the date as the user's clock shows it. */
export function exportFileName(kind: 'cfx' | 'csv' | 'json', now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `cassaforte-export-${day}.${kind}`;
}
