/**
 * Bitwarden's unencrypted JSON export: `{ encrypted: false, folders, items }` (organisation
 * exports: `collections` and `collectionIds`). Item types: 1 login, 2 secure note, 3 card,
 * 4 identity, 5 SSH key. Encrypted exports (`encrypted: true`: account-restricted or with a file
 * password) cannot be read without Bitwarden's keys and get 'encryptedExport'.
 */
import { cleanUrls, loginOrNote, makeLogin, makeNote, parseTime, type Extra } from '../fields';
import { asArray, asObject, isObject, remainingFields, str, type JsonObject } from '../json';
import { makeCard, makeIdentity, parseNumberCell } from '../typed';
import { ImportError, type ImportCandidate, type ImportProblem } from '../types';

export function isBitwardenJson(json: unknown): json is JsonObject {
  if (!isObject(json)) return false;
  if (json.encrypted === true && ('encKeyValidation_DO_NOT_EDIT' in json || 'data' in json)) {
    return true;
  }
  return Array.isArray(json.items) && ('encrypted' in json || Array.isArray(json.folders));
}

const ITEM_KEYS = [
  'id',
  'organizationId',
  'folderId',
  'collectionIds',
  'type',
  'reprompt',
  'name',
  'notes',
  'favorite',
  'fields',
  'login',
  'card',
  'identity',
  'secureNote',
  'sshKey',
  'passwordHistory',
  'creationDate',
  'revisionDate',
  'deletedDate',
];

export function readBitwardenJson(json: JsonObject): {
  candidates: ImportCandidate[];
  problems: ImportProblem[];
} {
  if (json.encrypted === true) throw new ImportError('encryptedExport');
  const names = new Map<string, string>();
  for (const entry of [...asArray(json.folders), ...asArray(json.collections)]) {
    const object = asObject(entry);
    if (str(object.id)) names.set(str(object.id), str(object.name));
  }
  const candidates: ImportCandidate[] = [];
  const problems: ImportProblem[] = [];
  asArray(json.items).forEach((entry, index) => {
    const source = { kind: 'entry' as const, at: index + 1 };
    if (!isObject(entry)) {
      problems.push({ ...source, reason: 'malformed' });
      return;
    }
    const title = str(entry.name);
    const titled = title ? { ...source, title } : source;
    if (entry.deletedDate) {
      problems.push({ ...titled, reason: 'inTrash' });
      return;
    }
    const result = readItem(entry, names, titled);
    if (typeof result === 'string') problems.push({ ...titled, reason: result });
    else candidates.push(result);
  });
  return { candidates, problems };
}

function readItem(
  item: JsonObject,
  names: ReadonlyMap<string, string>,
  source: ImportCandidate['source'],
): ImportCandidate | 'unknownType' | 'missingFields' {
  const customFields: Extra[] = asArray(item.fields).map((field) => {
    const object = asObject(field);
    return [str(object.name) || 'Field', str(object.value)] as const;
  });
  const common = {
    title: str(item.name),
    notes: str(item.notes),
    favorite: item.favorite === true,
    tags: [
      names.get(str(item.folderId)),
      ...asArray(item.collectionIds).map((id) => names.get(str(id))),
    ],
    createdAt: parseTime(item.creationDate),
    updatedAt: parseTime(item.revisionDate),
    source,
  };
  const unknownKeys = remainingFields(item, ITEM_KEYS);
  switch (item.type) {
    case 1: {
      const login = asObject(item.login);
      const uris = asArray(login.uris).map((uri) => str(asObject(uri).uri));
      const history = asArray(item.passwordHistory)
        .map((entry) => asObject(entry))
        .map((entry) => ({
          password: str(entry.password),
          replacedAt: parseTime(entry.lastUsedDate) ?? 0,
        }))
        .filter((entry) => entry.password !== '');
      return loginOrNote(
        makeLogin({
          ...common,
          urls: cleanUrls(uris),
          username: str(login.username),
          password: str(login.password),
          otp: str(login.totp),
          passwordHistory: history,
          extras: [
            ...customFields,
            ...remainingFields(login, ['uris', 'username', 'password', 'totp']),
            ...unknownKeys,
          ],
        }),
      );
    }
    case 2:
      return makeNote({ ...common, extras: [...customFields, ...unknownKeys] });
    case 3: {
      const card = asObject(item.card);
      return makeCard({
        ...common,
        holder: str(card.cardholderName),
        number: str(card.number),
        code: str(card.code),
        brand: str(card.brand),
        expiry: {
          expMonth: parseNumberCell(card.expMonth),
          expYear: parseNumberCell(card.expYear),
        },
        extras: [
          ...customFields,
          ...remainingFields(card, [
            'cardholderName',
            'number',
            'code',
            'brand',
            ...(parseNumberCell(card.expMonth) !== undefined ? ['expMonth'] : []),
            ...(parseNumberCell(card.expYear) !== undefined ? ['expYear'] : []),
          ]),
          ...unknownKeys,
        ],
      });
    }
    case 4: {
      const id = asObject(item.identity);
      return makeIdentity({
        ...common,
        firstName: str(id.firstName),
        lastName: str(id.lastName),
        company: str(id.company),
        email: str(id.email),
        phone: str(id.phone),
        addressLines: [str(id.address1), str(id.address2), str(id.address3)],
        postalCode: str(id.postalCode),
        city: str(id.city),
        region: str(id.state),
        country: str(id.country),
        extras: [...customFields, ...remainingFields(id, IDENTITY_KEYS), ...unknownKeys],
      });
    }
    default: {
      if (typeof item.type !== 'number') return 'unknownType';
      // SSH keys (5) and types newer than this code: a note that keeps every field.
      const payload = remainingFields(asObject(item.sshKey), []);
      return makeNote({ ...common, extras: [...payload, ...customFields, ...unknownKeys] });
    }
  }
}

const IDENTITY_KEYS = [
  'firstName',
  'lastName',
  'company',
  'email',
  'phone',
  'address1',
  'address2',
  'address3',
  'postalCode',
  'city',
  'state',
  'country',
];
