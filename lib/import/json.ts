/**
 * Reading JSON exports defensively: every value from the file is `unknown` until checked, so a
 * field of an unexpected type is a problem we report, never a crash.
 */
import { ImportError } from './types';

export type JsonObject = Record<string, unknown>;

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A file that starts like JSON but does not parse is most often one cut short in the download.
    throw new ImportError('malformed');
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Text of a scalar; '' for anything else. Numbers and booleans as written. */
export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** A field's value as text for the notes: scalars as written, objects as compact JSON. */
export function anyText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return str(value);
}

/**
 * The fields of `object` a reader did not take, as notes lines. Labels are the source's own keys
 * (prefixed for nested objects); empty values and structural keys in `skip` are left out.
 */
export function remainingFields(
  object: JsonObject,
  taken: readonly string[],
  prefix = '',
): Array<readonly [string, string]> {
  const extras: Array<readonly [string, string]> = [];
  for (const [key, value] of Object.entries(object)) {
    if (taken.includes(key)) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (isObject(value) && Object.keys(value).length === 0) continue;
    const text = anyText(value);
    if (text.trim() !== '') extras.push([`${prefix}${key}`, text]);
  }
  return extras;
}
