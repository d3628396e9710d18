/**
 * What an export holds, encrypted (encrypted.ts) or in the plain JSON (plain.ts): the vault's
 * visible items exactly as the vault keeps them, including those of types this version does not
 * know (a newer one wrote them; they travel untouched). Only the shape of each entry is checked
 * here: turning one into an item is the importer's job (lib/import/formats/cassaforte.ts).
 */
import { z } from 'zod';
import { ExportFileError } from './errors';

/** One entry: an object with an id and a type, and whatever else that type carries. */
export type ExportRecord = Record<string, unknown> & { id: string; type: string };

export interface ExportPayload {
  exportedAt: number;
  items: unknown[];
}

const payloadSchema = z.object({
  exportedAt: z.number().int().nonnegative(),
  items: z.array(z.unknown()),
});

export function parsePayload(text: string): ExportPayload {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new ExportFileError('malformed');
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) throw new ExportFileError('malformed');
  return parsed.data;
}

export function isExportRecord(value: unknown): value is ExportRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}
