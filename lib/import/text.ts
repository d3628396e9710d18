/**
 * Bytes to text the way the exporting programs wrote them. Browsers and password managers write
 * UTF-8, often with a BOM (Excel adds one); a CSV saved again by an Italian or German spreadsheet
 * program may be Windows-1252 instead, so invalid UTF-8 is read as that rather than as U+FFFD
 * replacement characters that would silently change a password.
 *
 * A file can also be both: a UTF-8 export with a line added in an editor that saves Windows-1252.
 * Reading all of it as Windows-1252 then turns every UTF-8 `pässwörd€` into `pÃ¤sswÃ¶rdâ‚¬`,
 * so such a file is read line by line, and the lines read as Windows-1252 are named for the
 * user to check.
 */
// ignoreBOM keeps a U+FEFF where it is: a line of a mixed file must not lose one at its start.
// The file's own BOM is taken off once, below.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const windows1252 = new TextDecoder('windows-1252');

export interface DecodedText {
  text: string;
  /**
   * In a file that is partly UTF-8, the lines (from 1, ended by LF, CRLF or CR) that were not
   * and were read as Windows-1252. Empty when the whole file had one encoding.
   */
  windows1252Lines: number[];
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const whole = utf8OrUndefined(bytes);
  if (whole !== undefined) return { text: withoutBom(whole), windows1252Lines: [] };
  // Not one well-formed multi-byte sequence: nothing was written as UTF-8, so nothing can be
  // lost by reading all of it the legacy way (and no line needs checking).
  if (!hasUtf8Sequence(bytes)) {
    return { text: withoutBom(windows1252.decode(bytes)), windows1252Lines: [] };
  }
  return decodeLineByLine(bytes);
}

function decodeLineByLine(bytes: Uint8Array): DecodedText {
  const parts: string[] = [];
  const windows1252Lines: number[] = [];
  for (let start = 0, line = 1; start < bytes.length; line++) {
    const end = lineEnd(bytes, start);
    const chunk = bytes.subarray(start, end);
    const text = utf8OrUndefined(chunk);
    if (text === undefined) windows1252Lines.push(line);
    parts.push(text ?? windows1252.decode(chunk));
    start = end;
  }
  return { text: withoutBom(parts.join('')), windows1252Lines };
}

/**
 * Where the line that starts at `start` ends, its line break included. LF, CRLF and a lone CR
 * all end a line, as they end a record in papaparse, so csv.ts can count lines the same way.
 * Neither byte occurs inside a multi-byte UTF-8 sequence.
 */
function lineEnd(bytes: Uint8Array, start: number): number {
  for (let i = start; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) return i + 1;
    if (bytes[i] === 0x0d) return bytes[i + 1] === 0x0a ? i + 2 : i + 1;
  }
  return bytes.length;
}

function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Whether some well-formed multi-byte UTF-8 sequence occurs anywhere (Table 3-7 of
 * https://www.unicode.org/versions/Unicode15.0.0/ch03.pdf). Windows-1252 text rarely holds one
 * by chance: it takes a letter from Â to ô followed by one of a few symbols (Ä° is one).
 */
function hasUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0xc2 || lead > 0xf4) continue;
    const [low, high] = secondByteRange(lead);
    const second = bytes[i + 1] ?? 0;
    if (second < low || second > high) continue;
    const length = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    let rest = 2;
    while (rest < length && isContinuation(bytes[i + rest])) rest++;
    if (rest === length) return true;
  }
  return false;
}

/** The second byte's range after a lead byte: narrower for E0, ED, F0 and F4 (Table 3-7). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x80 && byte <= 0xbf;
}

/** The first non-whitespace character, or '' (a JSON export starts with `{`). */
export function firstSignificantChar(text: string): string {
  const match = /\S/.exec(text);
  return match ? match[0] : '';
}

export function startsWithBytes(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}
