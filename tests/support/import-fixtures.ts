/** The export files under tests/fixtures/import, as the import page hands them over. */
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { parseImport } from '../../lib/import/parse';
import type { ImportFile, ImportOptions, ImportResult } from '../../lib/import/types';

const DIR = new URL('../fixtures/import/', import.meta.url);

export function fixture(name: string): ImportFile {
  return { name, bytes: new Uint8Array(readFileSync(new URL(name, DIR))) };
}

export function textFile(text: string, name = 'export.csv'): ImportFile {
  return { name, bytes: new TextEncoder().encode(text) };
}

/** parseImport that fails the test (with the reason) unless the file was read. */
export async function parsed(
  file: ImportFile,
  options: Partial<ImportOptions> = {},
): Promise<ImportResult> {
  const outcome = await parseImport(file, { maxItems: 20_000, ...options });
  if (!outcome.ok) throw new Error(`expected ${file.name} to import, got ${outcome.reason}`);
  return outcome;
}

/**
 * A 1PUX of a few hundred bytes whose `export.data` claims 100 MiB (its local and central headers
 * rewritten): what a zip bomb looks like to the import before it inflates anything.
 */
export function zipBomb(): Uint8Array {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const zip = zipSync({ 'export.attributes': utf8('{}'), 'export.data': utf8('{}') });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const name = (at: number, length: number) =>
    new TextDecoder().decode(zip.subarray(at, at + view.getUint16(length, true)));
  for (let at = 0; at + 4 <= zip.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50 && name(at + 30, at + 26) === 'export.data') {
      view.setUint32(at + 22, 100 * 2 ** 20, true);
    }
    if (signature === 0x02014b50 && name(at + 46, at + 28) === 'export.data') {
      view.setUint32(at + 24, 100 * 2 ** 20, true);
    }
  }
  return zip;
}
