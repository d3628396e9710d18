/**
 * Cassaforte's own exports (lib/export): the encrypted `.cfx` (needs its export password) and the
 * plain JSON. Each entry is an item exactly as the vault held it; the candidate shows its main
 * fields in the preview and carries the whole original in `item`, which `toItem` validates and
 * keeps, so ids aside nothing is lost: history, match modes, OTP, tags, card and identity fields.
 *
 * An entry of a type this version does not know (a newer Cassaforte wrote it) is reported as
 * 'unknownType', an entry that is not a valid item as 'malformed': the vault could store neither.
 * The crypto is loaded only when an encrypted export is opened (libsodium is large).
 */
import { EXPORT_FORMAT, EXPORT_VERSION, PLAIN_JSON_FORMAT } from '../../export/format';
import { safeNormalizeItem, isHiddenItem } from '../../vault/item';
import { asArray, asObject, isObject, str, type JsonObject } from '../json';
import {
  ImportError,
  type ImportCandidate,
  type ImportPosition,
  type ImportProblem,
} from '../types';

export function isCassaforteExport(json: unknown): boolean {
  return isObject(json) && json.format === EXPORT_FORMAT;
}

export function isCassaforteJson(json: unknown): boolean {
  return isObject(json) && json.format === PLAIN_JSON_FORMAT;
}

interface Read {
  candidates: ImportCandidate[];
  problems: ImportProblem[];
}

export async function readCassaforteExport(json: JsonObject, password?: string): Promise<Read> {
  if (password === undefined) throw new ImportError('needsPassword');
  const [{ readEncryptedExport }, { ExportFileError }] = await Promise.all([
    import('../../export/encrypted'),
    import('../../export/errors'),
  ]);
  try {
    return readItems((await readEncryptedExport(json, password)).items);
  } catch (error) {
    if (error instanceof ExportFileError) throw new ImportError(error.problem);
    throw error;
  }
}

export function readCassaforteJson(json: JsonObject): Read {
  if (json.version !== EXPORT_VERSION) throw new ImportError('unsupportedVersion');
  if (!Array.isArray(json.items)) throw new ImportError('malformed');
  return readItems(json.items);
}

function readItems(items: readonly unknown[]): Read {
  const candidates: ImportCandidate[] = [];
  const problems: ImportProblem[] = [];
  items.forEach((entry, index) => {
    const raw = asObject(entry);
    const title = str(raw.title).slice(0, 256);
    const source: ImportPosition = { kind: 'entry', at: index + 1, ...(title ? { title } : {}) };
    const item = safeNormalizeItem(raw);
    if (item && !isHiddenItem(item)) candidates.push(candidateOf(raw, source));
    else problems.push({ ...source, reason: knownType(raw.type) ? 'malformed' : 'unknownType' });
  });
  return { candidates, problems };
}

/** Whether this version has items of `type`: a bare item of it (every field defaulted) is valid. */
function knownType(type: unknown): boolean {
  if (typeof type !== 'string') return false;
  const bare = safeNormalizeItem({ id: 'probe', type, createdAt: 0, updatedAt: 0 });
  return bare !== undefined && !isHiddenItem(bare);
}

const strings = (value: unknown) =>
  asArray(value).filter((v): v is string => typeof v === 'string');

function candidateOf(raw: JsonObject, source: ImportPosition): ImportCandidate {
  const base = {
    title: str(raw.title),
    notes: str(raw.notes),
    tags: strings(raw.tags),
    favorite: raw.favorite === true,
    ...(typeof raw.createdAt === 'number' ? { createdAt: raw.createdAt } : {}),
    ...(typeof raw.updatedAt === 'number' ? { updatedAt: raw.updatedAt } : {}),
    source,
    item: raw,
  };
  switch (raw.type) {
    case 'login':
      return {
        ...base,
        type: 'login',
        username: str(raw.username),
        password: str(raw.password),
        urls: asArray(raw.urls).map((entry) => str(asObject(entry).url)),
        ...(str(raw.otp) ? { otp: str(raw.otp) } : {}),
      };
    case 'card': {
      const [year, month] = str(raw.expiry).split('-').map(Number);
      return {
        ...base,
        type: 'card',
        holder: str(raw.cardholder),
        number: str(raw.number),
        ...(month ? { expMonth: month } : {}),
        ...(year ? { expYear: year } : {}),
        code: str(raw.code),
        brand: '',
      };
    }
    case 'identity':
      return {
        ...base,
        type: 'identity',
        firstName: str(raw.firstName),
        lastName: str(raw.lastName),
        company: str(raw.company),
        email: str(raw.email),
        phone: str(raw.phone),
        addressLines: [str(raw.address1), str(raw.address2)].filter(Boolean),
        postalCode: str(raw.postalCode),
        city: str(raw.city),
        region: str(raw.region),
        country: str(raw.country),
      };
    default:
      return { ...base, type: 'note' };
  }
}
