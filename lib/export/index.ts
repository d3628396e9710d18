/**
 * Exporting the vault (issue 14): the encrypted Cassaforte file (encrypted.ts, its format written
 * down there and in docs/export-format.md) and the plain CSV / JSON (plain.ts). Pure functions for
 * the export page, which gets the items from the background after the account password.
 */
export { readEncryptedExport, writeEncryptedExport } from './encrypted';
export { CSV_COLUMNS, EXPORT_FORMAT, EXPORT_VERSION, PLAIN_JSON_FORMAT } from './format';
export { ExportFileError, type ExportFileProblem } from './errors';
export { exportKdfCost } from './export-kdf';
export { isExportRecord, type ExportPayload, type ExportRecord } from './payload';
export { csvExport, exportFileName, jsonExport } from './plain';
