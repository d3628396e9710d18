/** Why an export file was refused (encrypted.ts, payload.ts). */

/** Why a file did not open. The UI translates the code; nothing is read from such a file. */
export type ExportFileProblem =
  /** Not JSON of this shape, or a field of the wrong kind. */
  | 'malformed'
  /** A version this code does not know (a newer Cassaforte wrote it), or KDF settings it refuses. */
  | 'unsupportedVersion'
  /** The password is wrong, or the header or ciphertext was changed. */
  | 'wrongPassword';

export class ExportFileError extends Error {
  override readonly name = 'ExportFileError';
  constructor(readonly problem: ExportFileProblem) {
    super(`export file refused: ${problem}`);
  }
}
