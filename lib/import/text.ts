/**
 * Bytes to text the way the exporting programs wrote them. Browsers and password managers write
 * UTF-8, often with a BOM (Excel adds one); a CSV saved again by an Italian or German spreadsheet
 * program may be Windows-1252 instead, so invalid UTF-8 is read as that rather than as U+FFFD
 * replacement characters that would silently change a password.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = windows1252.decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The first non-whitespace character, or '' (a JSON export starts with `{`). */
export function firstSignificantChar(text: string): string {
  const match = /\S/.exec(text);
  return match ? match[0] : '';
}

export function startsWithBytes(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}
