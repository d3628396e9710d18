/**
 * Which export a file is, from its bytes alone: signatures (KDBX, zip), the shape of its JSON, or
 * its CSV header row. Never the name: a renamed `.csv` or a `.1pux` saved as `.zip` still works,
 * and a file named like an export but holding something else is refused.
 */
import { CSV_DELIMITERS, readCsvHeader, type CsvDelimiter } from './csv';
import { csvFormatMatches, type CsvFormat } from './csv-format';
import { bitwardenCsv } from './formats/bitwarden-csv';
import { isCassaforteExport, isCassaforteJson } from './formats/cassaforte';
import { cassaforteCsv } from './formats/cassaforte-csv';
import { isBitwardenJson } from './formats/bitwarden-json';
import { chromeCsv } from './formats/chrome-csv';
import { firefoxCsv } from './formats/firefox-csv';
import { KDB1_SIGNATURE, KDBX_SIGNATURE } from './formats/kdbx';
import { keepassxcCsv } from './formats/keepassxc-csv';
import { lastPassCsv } from './formats/lastpass-csv';
import { isOnePuxData, ONEPUX_DATA_ENTRY } from './formats/onepassword-1pux';
import { onePasswordCsv } from './formats/onepassword-csv';
import { isProtonPassJson, PROTON_PASS_ZIP_ENTRY } from './formats/protonpass';
import { protonPassCsv } from './formats/protonpass-csv';
import { parseJson, type JsonObject } from './json';
import { decodeText, firstSignificantChar, startsWithBytes } from './text';
import { ImportError, type ImportFailureReason, type ImportFile, type ImportFormat } from './types';
import { readZipText, ZIP_SIGNATURE, zipEntryNames } from './zip';

/** Most specific first: several formats share url/username/password columns. */
export const CSV_FORMATS: readonly CsvFormat[] = [
  bitwardenCsv,
  cassaforteCsv,
  protonPassCsv,
  firefoxCsv,
  lastPassCsv,
  keepassxcCsv,
  onePasswordCsv,
  chromeCsv,
];

export type Detection =
  | { ok: true; format: ImportFormat; needsPassword: boolean }
  | { ok: false; reason: ImportFailureReason; format?: ImportFormat };

/**
 * What detection found, with what it already decoded, so parsing does not decode twice, and the
 * lines of a partly UTF-8 file that were read as Windows-1252 (text.ts).
 */
export type Sniffed = (
  | { format: 'kdbx' }
  | { format: ImportFormat; csv: { text: string; delimiter: CsvDelimiter; reader: CsvFormat } }
  | { format: ImportFormat; json: JsonObject }
) & { windows1252Lines?: number[] };

/** Formats whose content opens only with a password (asked for before parsing). */
const NEEDS_PASSWORD = new Set<ImportFormat>(['kdbx', 'cassaforte']);

const PGP_ARMOR = '-----BEGIN PGP MESSAGE-----';

export function detectFormat(file: ImportFile): Detection {
  try {
    const sniffed = sniff(file.bytes);
    return { ok: true, format: sniffed.format, needsPassword: NEEDS_PASSWORD.has(sniffed.format) };
  } catch (error) {
    if (error instanceof FormatError)
      return { ok: false, reason: error.reason, format: error.format };
    if (error instanceof ImportError) return { ok: false, reason: error.reason };
    throw error;
  }
}

/** An ImportError that already knows the format (an encrypted Bitwarden export, say). */
export class FormatError extends ImportError {
  constructor(
    reason: ImportFailureReason,
    readonly format: ImportFormat,
  ) {
    super(reason);
  }
}

export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) throw new ImportError('empty');
  if (startsWithBytes(bytes, KDBX_SIGNATURE)) return { format: 'kdbx' };
  if (startsWithBytes(bytes, KDB1_SIGNATURE)) throw new FormatError('unsupportedVersion', 'kdbx');
  if (startsWithBytes(bytes, ZIP_SIGNATURE)) return sniffZip(bytes);
  const { text, windows1252Lines } = decodeText(bytes);
  const first = firstSignificantChar(text);
  if (first === '') throw new ImportError('empty');
  if (text.trimStart().startsWith(PGP_ARMOR)) throw new ImportError('encryptedExport');
  const sniffed = first === '{' || first === '[' ? sniffJson(parseJson(text)) : sniffCsv(text);
  return withLines(sniffed, windows1252Lines);
}

function withLines(sniffed: Sniffed, windows1252Lines: number[]): Sniffed {
  return windows1252Lines.length > 0 ? { ...sniffed, windows1252Lines } : sniffed;
}

function sniffZip(bytes: Uint8Array): Sniffed {
  const names = zipEntryNames(bytes);
  if (names.includes(ONEPUX_DATA_ENTRY)) {
    const entry = readZipText(bytes, ONEPUX_DATA_ENTRY);
    const json = parseJson(entry?.text ?? '');
    if (!isOnePuxData(json)) throw new FormatError('malformed', 'onepassword-1pux');
    return withLines({ format: 'onepassword-1pux', json }, entry?.windows1252Lines ?? []);
  }
  const proton = names.find((name) => name === PROTON_PASS_ZIP_ENTRY) ?? names.find(isDataJson);
  if (proton) {
    const entry = readZipText(bytes, proton);
    const json = parseJson(entry?.text ?? '');
    if (isProtonPassJson(json)) {
      return withLines(checkedJson('protonpass', json), entry?.windows1252Lines ?? []);
    }
  }
  throw new ImportError('unknownFormat');
}

function isDataJson(name: string): boolean {
  return name === 'data.json' || name.endsWith('/data.json');
}

function sniffJson(json: unknown): Sniffed {
  if (isCassaforteExport(json)) return { format: 'cassaforte', json: json as JsonObject };
  if (isCassaforteJson(json)) return { format: 'cassaforte-json', json: json as JsonObject };
  if (isBitwardenJson(json)) return checkedJson('bitwarden-json', json);
  if (isProtonPassJson(json)) return checkedJson('protonpass', json);
  // 1PUX's export.data taken out of its zip.
  if (isOnePuxData(json)) return { format: 'onepassword-1pux', json };
  throw new ImportError('unknownFormat');
}

function checkedJson(format: ImportFormat, json: JsonObject): Sniffed {
  if (json.encrypted === true) throw new FormatError('encryptedExport', format);
  return { format, json };
}

function sniffCsv(text: string): Sniffed {
  for (const delimiter of CSV_DELIMITERS) {
    const header = readCsvHeader(text, delimiter);
    if (header.length < 2) continue;
    const reader = CSV_FORMATS.find((format) => csvFormatMatches(format, header));
    if (reader) return { format: reader.format, csv: { text, delimiter, reader } };
  }
  throw new ImportError('unknownFormat');
}
