/**
 * The neutral shapes every importer produces: what was read from another password manager's export,
 * before it becomes a vault item (to-item.ts). Pure data, no browser or Node API, so the import page
 * and the unit tests use the same code.
 */

/** The export files we read. Decided from the file's structure, never its name (detect.ts). */
export const IMPORT_FORMATS = [
  'chrome-csv',
  'firefox-csv',
  'bitwarden-json',
  'bitwarden-csv',
  'onepassword-1pux',
  'onepassword-csv',
  'keepassxc-csv',
  'kdbx',
  'lastpass-csv',
  'protonpass',
  'protonpass-csv',
  /** Cassaforte's own: the encrypted export (needs its password), its plain JSON and CSV. */
  'cassaforte',
  'cassaforte-json',
  'cassaforte-csv',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Why a whole file was refused. The UI translates the code; nothing is imported from such a file. */
export type ImportFailureReason =
  /** No bytes, only whitespace, or a known header with no item under it. */
  | 'empty'
  /** Not a file we know: an unknown CSV header, JSON of another shape, a zip without an export. */
  | 'unknownFormat'
  /** Known kind but broken: JSON cut in half, a truncated zip, an unclosed quote in a CSV. */
  | 'malformed'
  /** An export protected by the source's own encryption (Bitwarden, Proton Pass PGP): export again without it. */
  | 'encryptedExport'
  /** A KeePass database or encrypted Cassaforte export was given without a password: ask for it. */
  | 'needsPassword'
  /** The password does not open the KeePass database (or the Cassaforte export, or it was changed). */
  | 'wrongPassword'
  /** A KeePass database this code cannot open (KDBX 1.x, unsupported cipher or KDF), a newer Cassaforte export. */
  | 'unsupportedVersion'
  /** More items than the caller's limit (the vault's room): nothing is imported, so nothing is half done. */
  | 'tooManyItems'
  /** Over MAX_IMPORT_BYTES, as a file or as the export a zip would inflate to (a zip bomb). */
  | 'tooLarge';

/** Why one entry of an otherwise good file was left out. */
export type ImportProblemReason =
  /** The entry has nothing a login or note is made of (only a title or a folder). */
  | 'missingFields'
  /** An entry type this code does not know (a newer export, a type no peer documents). */
  | 'unknownType'
  /** The entry itself is broken (e.g. not an object in a JSON list). */
  | 'malformed'
  /** A field is longer than the vault allows (ITEM_LIMITS): kept out whole rather than cut. */
  | 'tooLong'
  /** The entry was in the source's trash or recycle bin. */
  | 'inTrash';

/**
 * Where something sits in the source, as the user would find it: a CSV row counted like a
 * spreadsheet counts (the header is row 1), or the 1-based entry index of a JSON/KDBX export.
 */
export interface ImportPosition {
  kind: 'row' | 'entry';
  at: number;
  /** The entry's title where the source has one (JSON/KDBX), to help the user find it. */
  title?: string;
}

/**
 * Where text sits that was read as Windows-1252 in a file otherwise UTF-8 (text.ts): a CSV row,
 * counted as ImportPosition counts rows, or the line of any other file.
 */
export interface TextPosition {
  kind: 'row' | 'line';
  at: number;
}

export interface ImportProblem extends ImportPosition {
  reason: ImportProblemReason;
  /** The field concerned (e.g. 'notes' for 'tooLong'). */
  field?: string;
}

interface CandidateBase {
  title: string;
  notes: string;
  /** Folders, collections, vaults, groups and tags of the source, as flat names ("Lavoro/Server"). */
  tags: string[];
  favorite: boolean;
  /** Milliseconds since the epoch, where the source has them. */
  createdAt?: number;
  updatedAt?: number;
  /** Where it came from, so the preview can point at the row. */
  source: ImportPosition;
  /**
   * The whole item as a Cassaforte export holds it (formats/cassaforte.ts): `toItem` keeps it,
   * validated, instead of building an item from the fields above, so nothing of it is lost.
   */
  item?: unknown;
}

export interface LoginCandidate extends CandidateBase {
  type: 'login';
  username: string;
  password: string;
  urls: string[];
  /** An otpauth:// URI or a bare base32 secret, as the source held it. */
  otp?: string;
  /** Earlier passwords where the source kept them, newest first. */
  passwordHistory?: Array<{ password: string; replacedAt: number }>;
}

export interface NoteCandidate extends CandidateBase {
  type: 'note';
}

export interface CardCandidate extends CandidateBase {
  type: 'card';
  holder: string;
  number: string;
  /** 1–12, where the source has it. */
  expMonth?: number;
  /** Four digits, where the source has it. */
  expYear?: number;
  code: string;
  brand: string;
}

export interface IdentityCandidate extends CandidateBase {
  type: 'identity';
  firstName: string;
  lastName: string;
  company: string;
  email: string;
  phone: string;
  addressLines: string[];
  postalCode: string;
  city: string;
  region: string;
  country: string;
}

export type ImportCandidate = LoginCandidate | NoteCandidate | CardCandidate | IdentityCandidate;
export type CandidateType = ImportCandidate['type'];

export interface ImportResult {
  ok: true;
  format: ImportFormat;
  candidates: ImportCandidate[];
  problems: ImportProblem[];
  /**
   * The rows or lines of a partly UTF-8 file that were not, read as Windows-1252 instead: they
   * are imported, but the preview asks the user to check them. Absent when the file had one
   * encoding.
   */
  readAsWindows1252?: TextPosition[];
}

export interface ImportFailure {
  ok: false;
  reason: ImportFailureReason;
  /** The format, when it was recognised before the failure. */
  format?: ImportFormat;
  /** Where a 'malformed' file broke, when known. */
  position?: ImportPosition;
  /** For 'tooManyItems': how many items the file holds. */
  count?: number;
}

export type ImportOutcome = ImportResult | ImportFailure;

/** The file as the page read it. `name` is for display only: detection never looks at it. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  /** Most items the vault can take now; a file with more is refused whole ('tooManyItems'). */
  maxItems: number;
  /** The KeePass database's or the encrypted Cassaforte export's password. */
  password?: string;
}

/**
 * Thrown inside the readers and turned into an ImportFailure at the one door (parse.ts), so a
 * reader can stop from deep inside a loop without each caller checking a return value.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly reason: ImportFailureReason,
    readonly position?: ImportPosition,
  ) {
    super(`import failed: ${reason}`);
  }
}
