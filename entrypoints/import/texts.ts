/** The import page's words for lib/import's codes: every one a literal key (lib/i18n). */
import { t, tn } from '@/lib/i18n';
import type {
  ImportFailure,
  ImportFormat,
  ImportPosition,
  ImportProblemReason,
  TextPosition,
} from '@/lib/import';
import { MAX_IMPORT_BYTES } from '@/lib/import';

/** Product names, the same in every language. */
export const FORMAT_NAMES: Record<ImportFormat, string> = {
  'chrome-csv': 'Chrome / Edge (CSV)',
  'firefox-csv': 'Firefox (CSV)',
  'bitwarden-json': 'Bitwarden (JSON)',
  'bitwarden-csv': 'Bitwarden (CSV)',
  'onepassword-1pux': '1Password (1PUX)',
  'onepassword-csv': '1Password (CSV)',
  'keepassxc-csv': 'KeePassXC (CSV)',
  kdbx: 'KeePass (KDBX)',
  'lastpass-csv': 'LastPass (CSV)',
  protonpass: 'Proton Pass',
  'protonpass-csv': 'Proton Pass (CSV)',
  cassaforte: 'Cassaforte (encrypted export)',
  'cassaforte-json': 'Cassaforte (JSON)',
  'cassaforte-csv': 'Cassaforte (CSV)',
};

export function problemText(reason: ImportProblemReason): string {
  switch (reason) {
    case 'missingFields':
      return t('importProblemMissingFields');
    case 'unknownType':
      return t('importProblemUnknownType');
    case 'malformed':
      return t('importProblemMalformed');
    case 'tooLong':
      return t('importProblemTooLong');
    case 'inTrash':
      return t('importProblemInTrash');
  }
}

/** A problem's place, or a line read as Windows-1252 (TextPosition), as the user finds it. */
type Where = Omit<ImportPosition, 'kind'> & { kind: ImportPosition['kind'] | TextPosition['kind'] };

export function whereText(position: Where, lang: string): string {
  const at = new Intl.NumberFormat(lang).format(position.at);
  if (position.kind === 'line') return t('importWhereLine', at);
  const where = position.kind === 'row' ? t('importWhereRow', at) : t('importWhereEntry', at);
  return position.title ? `${where} (${position.title})` : where;
}

/** Why a whole file was refused; `room` for 'tooManyItems'. 'needsPassword' asks instead. */
export function failureText(failure: ImportFailure, lang: string, room: number): string {
  const number = (n: number) => new Intl.NumberFormat(lang).format(n);
  switch (failure.reason) {
    case 'empty':
      return t('importFailEmpty');
    case 'unknownFormat':
      return t('importFailUnknown');
    case 'malformed':
      return t('importFailMalformed');
    case 'encryptedExport':
      return t('importFailEncrypted');
    case 'needsPassword':
    case 'wrongPassword':
      return t('importWrongPassword');
    case 'unsupportedVersion':
      return t('importFailUnsupported');
    case 'tooLarge': {
      const megabytes = number(MAX_IMPORT_BYTES / 2 ** 20);
      return t('importFailTooLarge', megabytes);
    }
    case 'tooManyItems': {
      const counts = [number(failure.count ?? 0), number(room)];
      return t('importFailTooMany', counts);
    }
  }
}

export function resultText(counts: { imported: number; updated: number; skipped: number }) {
  const parts = [tn('importResultImported', counts.imported)];
  if (counts.updated > 0) parts.push(tn('importResultUpdated', counts.updated));
  if (counts.skipped > 0) parts.push(tn('importResultSkipped', counts.skipped));
  return parts.join(', ');
}
