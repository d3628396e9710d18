/** The export files under tests/fixtures/import, as the import page hands them over. */
import { readFileSync } from 'node:fs';
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
