/**
 * CSV through papaparse, never by hand: quoted fields with commas, quotes and newlines, CRLF or LF,
 * and the `;` that Italian and German spreadsheet programs write. The delimiter is not guessed
 * from the data (a password full of `;` would fool a guess): detect.ts tries each one on the
 * header row alone and keeps the one that gives a header we know.
 */
import Papa from 'papaparse';
import { ImportError } from './types';

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export interface CsvRow {
  /** As a spreadsheet numbers it: the header is row 1, so the first item is row 2. */
  row: number;
  /** Cell by normalised header key ('login_uri'); cells beyond the header are `column N`. */
  cells: Map<string, string>;
}

export interface CsvTable {
  /** The header cells as written, for labels in notes ("httpRealm: …"). */
  labels: string[];
  /** The same, trimmed and lower-cased: what formats match on. */
  keys: string[];
  rows: CsvRow[];
}

export function normalizeHeaderCell(cell: string): string {
  return cell.trim().toLowerCase();
}

/** The header row split with `delimiter`, normalised; empty for a file without one. */
export function readCsvHeader(text: string, delimiter: CsvDelimiter): string[] {
  const parsed = Papa.parse<string[]>(text, { delimiter, preview: 1, skipEmptyLines: 'greedy' });
  const first = parsed.data[0];
  return first ? first.map(normalizeHeaderCell) : [];
}

/** The whole table. An unclosed or stray quote refuses the file: reading on would merge rows. */
export function parseCsv(text: string, delimiter: CsvDelimiter): CsvTable {
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const quoteError = parsed.errors.find((error) => error.type === 'Quotes');
  if (quoteError) {
    throw new ImportError('malformed', { kind: 'row', at: (quoteError.row ?? 0) + 1 });
  }
  let headerIndex = parsed.data.findIndex((record) => !isBlank(record));
  if (headerIndex < 0) headerIndex = 0;
  const labels = (parsed.data[headerIndex] ?? []).map((cell) => cell.trim());
  const keys = labels.map(normalizeHeaderCell);
  const rows: CsvRow[] = [];
  for (let i = headerIndex + 1; i < parsed.data.length; i++) {
    const record = parsed.data[i];
    if (!record || isBlank(record)) continue;
    const cells = new Map<string, string>();
    record.forEach((value, column) => {
      const key = keys[column] || `column ${column + 1}`;
      // A repeated header keeps every value: the second one is not allowed to hide the first.
      const existing = cells.get(key);
      cells.set(key, existing ? `${existing}\n${value}` : value);
    });
    rows.push({ row: i + 1, cells });
  }
  return { labels, keys, rows };
}

function isBlank(record: string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}
