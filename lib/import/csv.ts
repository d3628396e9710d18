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
  /**
   * The line of the file (from 1) each record starts on, by record: the record of row N is at
   * N − 1. A quoted cell with line breaks makes its record span several lines.
   */
  recordLines: number[];
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
  return { labels, keys, rows, recordLines: recordLines(parsed.data) };
}

/**
 * Counted as text.ts counts them: every record ends with one line break (the last one may not),
 * and a break inside a quoted cell, LF, CRLF or CR, starts a new line too.
 */
function recordLines(records: string[][]): number[] {
  const lines: number[] = [];
  let line = 1;
  for (const record of records) {
    lines.push(line);
    line += 1 + record.reduce((sum, cell) => sum + (cell.match(LINE_BREAK)?.length ?? 0), 0);
  }
  return lines;
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** The rows (in order, each once) that the given lines of the file belong to. */
export function rowsOfLines(table: CsvTable, lines: readonly number[]): number[] {
  const starts = table.recordLines;
  const rows: number[] = [];
  let record = 0;
  // One walk down both lists, in order: a 10,000-row file read mostly as Windows-1252 stays fast.
  for (const line of [...lines].sort((a, b) => a - b)) {
    while (record + 1 < starts.length && starts[record + 1]! <= line) record++;
    if (rows.at(-1) !== record + 1) rows.push(record + 1);
  }
  return rows;
}

function isBlank(record: string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}
