/**
 * The one door: bytes in, candidates and problems out, or one clear reason why not. Whatever goes
 * wrong inside a reader ends here as an ImportFailure; no candidate leaves a refused file, and no
 * message carries file content (a password could be in any cell).
 */
import { readCsvFormat } from './csv-format';
import { FormatError, sniff, type Sniffed } from './detect';
import { readBitwardenJson } from './formats/bitwarden-json';
import { readCassaforteExport, readCassaforteJson } from './formats/cassaforte';
import { readKdbx } from './formats/kdbx';
import { readOnePux } from './formats/onepassword-1pux';
import { readProtonPass } from './formats/protonpass';
import { fieldOverLimit, fitUrls } from './limits';
import { MAX_IMPORT_BYTES } from './zip';
import {
  ImportError,
  type ImportCandidate,
  type ImportFile,
  type ImportFormat,
  type ImportOptions,
  type ImportOutcome,
  type ImportProblem,
  type TextPosition,
} from './types';

interface Read {
  candidates: ImportCandidate[];
  problems: ImportProblem[];
  readAsWindows1252?: TextPosition[];
}

export async function parseImport(
  file: ImportFile,
  options: ImportOptions,
): Promise<ImportOutcome> {
  let format: ImportFormat | undefined;
  try {
    if (file.bytes.length > MAX_IMPORT_BYTES) throw new ImportError('tooLarge');
    const sniffed = sniff(file.bytes);
    format = sniffed.format;
    // A CSV reader names rows, which the user finds in the preview; other files name lines.
    const read = {
      readAsWindows1252: linesOf(sniffed),
      ...(await readSniffed(sniffed, file.bytes, options)),
    };
    return finish(format, read, options.maxItems);
  } catch (error) {
    if (error instanceof ImportError) {
      const known = error instanceof FormatError ? error.format : format;
      return {
        ok: false,
        reason: error.reason,
        ...(known ? { format: known } : {}),
        ...(error.position ? { position: error.position } : {}),
      };
    }
    // A reader's own bug must not take the page down with a stack that may quote the file.
    return { ok: false, reason: 'malformed', ...(format ? { format } : {}) };
  }
}

async function readSniffed(
  sniffed: Sniffed,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<Read> {
  if ('csv' in sniffed) {
    const { text, delimiter, reader } = sniffed.csv;
    return readCsvFormat(text, delimiter, reader, sniffed.windows1252Lines);
  }
  if ('json' in sniffed) {
    switch (sniffed.format) {
      case 'bitwarden-json':
        return readBitwardenJson(sniffed.json);
      case 'protonpass':
        return readProtonPass(sniffed.json);
      case 'onepassword-1pux':
        return readOnePux(sniffed.json);
      case 'cassaforte':
        return readCassaforteExport(sniffed.json, options.password);
      case 'cassaforte-json':
        return readCassaforteJson(sniffed.json);
      default:
        throw new ImportError('unknownFormat');
    }
  }
  return readKdbx(bytes, options.password);
}

/** The lines read as Windows-1252, for a reader that has no rows to name instead (JSON). */
function linesOf(sniffed: Sniffed): TextPosition[] {
  return (sniffed.windows1252Lines ?? []).map((at) => ({ kind: 'line', at }));
}

function finish(format: ImportFormat, read: Read, maxItems: number): ImportOutcome {
  if (read.candidates.length === 0 && read.problems.length === 0) {
    return { ok: false, reason: 'empty', format };
  }
  if (read.candidates.length > maxItems) {
    return { ok: false, reason: 'tooManyItems', format, count: read.candidates.length };
  }
  const candidates: ImportCandidate[] = [];
  const problems = [...read.problems];
  for (const candidate of read.candidates.map(fitUrls)) {
    const field = fieldOverLimit(candidate);
    if (field) problems.push({ ...candidate.source, reason: 'tooLong', field });
    else candidates.push(candidate);
  }
  problems.sort((a, b) => a.at - b.at);
  const legacy = read.readAsWindows1252 ?? [];
  return {
    ok: true,
    format,
    candidates,
    problems,
    ...(legacy.length > 0 ? { readAsWindows1252: legacy } : {}),
  };
}
