/**
 * What every CSV format shares: a header we recognise, one candidate per row, and every cell of a
 * column the format does not declare carried into the notes, so a column the source adds next
 * year reaches the user instead of vanishing.
 */
import { parseCsv, rowsOfLines, type CsvDelimiter, type CsvTable } from './csv';
import type { Extra } from './fields';
import type {
  ImportCandidate,
  ImportFormat,
  ImportPosition,
  ImportProblem,
  ImportProblemReason,
  TextPosition,
} from './types';

export interface CsvRowReader {
  /** The cell as written ('' when the column is absent). */
  raw(key: string): string;
  /** The same, trimmed. */
  text(key: string): string;
  /** Cells of columns the format neither reads nor ignores, with their header labels. */
  readonly extras: Extra[];
  readonly source: ImportPosition;
}

export interface CsvFormat {
  format: ImportFormat;
  /** Normalised header keys that must all be present. */
  required: readonly string[];
  /** Every column `read` uses (normalised); the rest go to the notes. */
  columns: readonly string[];
  /** A further test on the whole header (e.g. "nothing but these columns"). */
  accepts?: (keys: ReadonlySet<string>) => boolean;
  /** Columns that mean nothing outside the source (ids, icons, last-used times). */
  ignored?: readonly string[];
  read(row: CsvRowReader): ImportCandidate | ImportProblemReason | null;
}

export function csvFormatMatches(format: CsvFormat, header: readonly string[]): boolean {
  const keys = new Set(header);
  return format.required.every((key) => keys.has(key)) && (format.accepts?.(keys) ?? true);
}

export interface CsvImport {
  candidates: ImportCandidate[];
  problems: ImportProblem[];
  /** The rows that `windows1252Lines` fall in: the user finds a row, not a line, in the preview. */
  readAsWindows1252: TextPosition[];
}

export function readCsvFormat(
  text: string,
  delimiter: CsvDelimiter,
  format: CsvFormat,
  windows1252Lines: readonly number[] = [],
): CsvImport {
  const table = parseCsv(text, delimiter);
  const rows = rowsOfLines(table, windows1252Lines);
  const readAsWindows1252 = rows.map((at): TextPosition => ({ kind: 'row', at }));
  const known = new Set([...format.columns, ...(format.ignored ?? [])]);
  const candidates: ImportCandidate[] = [];
  const problems: ImportProblem[] = [];
  for (const row of table.rows) {
    const source: ImportPosition = { kind: 'row', at: row.row };
    const reader: CsvRowReader = {
      raw: (key) => row.cells.get(key) ?? '',
      text: (key) => (row.cells.get(key) ?? '').trim(),
      extras: extrasOf(table, row.cells, known),
      source,
    };
    const result = format.read(reader);
    if (result === null) continue;
    if (typeof result === 'string') problems.push({ ...source, reason: result });
    else candidates.push(result);
  }
  return { candidates, problems, readAsWindows1252 };
}

function extrasOf(
  table: CsvTable,
  cells: ReadonlyMap<string, string>,
  known: ReadonlySet<string>,
): Extra[] {
  const extras: Extra[] = [];
  for (const [key, value] of cells) {
    if (known.has(key) || value.trim() === '') continue;
    const index = table.keys.indexOf(key);
    extras.push([index >= 0 && table.labels[index] ? table.labels[index] : key, value]);
  }
  return extras;
}
