/**
 * Importing other password managers' exports: detect the format, read it into neutral candidates
 * with problems per entry, match them against the vault, count them, and turn the chosen ones
 * into items. Pure library code for the import page (browser) and the tests (Node).
 */
export { detectFormat, type Detection } from './detect';
export { parseImport } from './parse';
export { matchExisting, type ImportMatch, type MatchKind } from './match';
export { summarize, type ImportSummary } from './summary';
export { toItem, UnsupportedItemTypeError, type ImportedItem } from './to-item';
export * from './types';
export { MAX_IMPORT_BYTES } from './zip';
