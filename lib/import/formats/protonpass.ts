/**
 * Proton Pass's export: a zip holding `Proton Pass/data.json`, or that JSON alone:
 * `{ version, encrypted, vaults: { <shareId>: { name, items: [...] } } }`. Each item has
 * `data: { metadata: { name, note }, type, content, extraFields }`, `state` (1 active, 2 trashed),
 * `createTime`/`modifyTime` in seconds and `pinned`. The PGP-encrypted export is refused with
 * 'encryptedExport' (detect.ts) and so is a JSON with `encrypted: true`.
 */
import { cleanUrls, loginOrNote, makeLogin, makeNote, parseTime, type Extra } from '../fields';
import {
  anyText,
  asArray,
  asObject,
  isObject,
  remainingFields,
  str,
  type JsonObject,
} from '../json';
import { makeCard, makeIdentity, parseExpiry } from '../typed';
import { ImportError, type ImportCandidate, type ImportProblem } from '../types';

export const PROTON_PASS_ZIP_ENTRY = 'Proton Pass/data.json';
const TRASHED = 2;

export function isProtonPassJson(json: unknown): json is JsonObject {
  return isObject(json) && isObject(json.vaults) && typeof json.version === 'string';
}

export function readProtonPass(json: JsonObject): {
  candidates: ImportCandidate[];
  problems: ImportProblem[];
} {
  if (json.encrypted === true) throw new ImportError('encryptedExport');
  const candidates: ImportCandidate[] = [];
  const problems: ImportProblem[] = [];
  let index = 0;
  for (const vault of Object.values(asObject(json.vaults))) {
    const vaultName = str(asObject(vault).name);
    for (const entry of asArray(asObject(vault).items)) {
      index++;
      const source = { kind: 'entry' as const, at: index };
      if (!isObject(entry) || !isObject(entry.data)) {
        problems.push({ ...source, reason: 'malformed' });
        continue;
      }
      const title = str(asObject(entry.data.metadata).name);
      const titled = title ? { ...source, title } : source;
      if (entry.state === TRASHED) {
        problems.push({ ...titled, reason: 'inTrash' });
        continue;
      }
      const result = readItem(entry, entry.data, vaultName, titled);
      if (typeof result === 'string') problems.push({ ...titled, reason: result });
      else candidates.push(result);
    }
  }
  return { candidates, problems };
}

/** Proton's custom fields: text, hidden, totp (its URI in `totpUri`), timestamp. */
function extraFields(list: unknown): Extra[] {
  return asArray(list).map((field) => {
    const object = asObject(field);
    const data = asObject(object.data);
    const value = object.type === 'totp' ? str(data.totpUri) : anyText(data.content);
    return [str(object.fieldName) || 'Field', value] as const;
  });
}

function readItem(
  item: JsonObject,
  data: JsonObject,
  vaultName: string,
  source: ImportCandidate['source'],
): ImportCandidate | 'missingFields' | 'unknownType' {
  const metadata = asObject(data.metadata);
  const content = asObject(data.content);
  const common = {
    title: str(metadata.name),
    notes: str(metadata.note),
    tags: [vaultName],
    favorite: item.pinned === true,
    createdAt: parseTime(item.createTime),
    updatedAt: parseTime(item.modifyTime),
    source,
  };
  const extras = extraFields(data.extraFields);
  switch (data.type) {
    case 'login': {
      // Since 2024 e-mail and username are separate; older exports have `username` only.
      const username = str(content.itemUsername) || str(content.username);
      const email = str(content.itemEmail);
      const taken = ['itemUsername', 'username', 'itemEmail', 'password', 'urls', 'totpUri'];
      return loginOrNote(
        makeLogin({
          ...common,
          username: username || email,
          password: str(content.password),
          urls: cleanUrls(asArray(content.urls).map(str)),
          otp: str(content.totpUri),
          extras: [
            ...(username && email && email !== username ? [['email', email] as const] : []),
            ...extras,
            ...remainingFields(content, [...taken, 'passkeys']),
          ],
        }),
      );
    }
    case 'alias':
      // An e-mail alias: its address is the username, as peers import it.
      return makeLogin({ ...common, username: str(item.aliasEmail), extras });
    case 'note':
      return makeNote({ ...common, extras: [...extras, ...remainingFields(content, [])] });
    case 'creditCard':
      return makeCard({
        ...common,
        holder: str(content.cardholderName),
        number: str(content.number),
        code: str(content.verificationNumber),
        expiry: parseExpiry(content.expirationDate),
        extras: [
          ...remainingFields(content, [
            'cardholderName',
            'number',
            'verificationNumber',
            'expirationDate',
            'cardType',
          ]),
          ...extras,
        ],
      });
    case 'identity': {
      const [first, ...rest] = str(content.fullName).trim().split(/\s+/);
      return makeIdentity({
        ...common,
        firstName: str(content.firstName) || first || '',
        lastName: str(content.lastName) || rest.join(' '),
        company: str(content.company) || str(content.organization),
        email: str(content.email),
        phone: str(content.phoneNumber),
        addressLines: [str(content.streetAddress), str(content.floor)],
        postalCode: str(content.zipOrPostalCode),
        city: str(content.city),
        region: str(content.stateOrProvince),
        country: str(content.countryOrRegion),
        extras: [...identityExtras(content), ...extras],
      });
    }
    default:
      if (typeof data.type !== 'string') return 'unknownType';
      // SSH keys, Wi-Fi, custom items and types newer than this code: a note with every field.
      return makeNote({
        ...common,
        extras: [
          ['type', data.type],
          ...remainingFields(content, ['sections']),
          ...asArray(content.sections).flatMap((section) =>
            extraFields(asObject(section).sectionFields),
          ),
          ...extras,
        ],
      });
  }
}

const IDENTITY_TAKEN = [
  'firstName',
  'lastName',
  'company',
  'email',
  'phoneNumber',
  'streetAddress',
  'floor',
  'zipOrPostalCode',
  'city',
  'stateOrProvince',
  'countryOrRegion',
];

/** Everything else of an identity, with its nested custom fields, kept in the notes. */
function identityExtras(content: JsonObject): Extra[] {
  const out: Extra[] = [];
  for (const [key, value] of Object.entries(content)) {
    if (IDENTITY_TAKEN.includes(key)) continue;
    if (key === 'fullName' && !content.firstName && !content.lastName) continue;
    if (key === 'organization' && !content.company) continue;
    if (key === 'extraSections') {
      for (const section of asArray(value))
        out.push(...extraFields(asObject(section).sectionFields));
    } else if (Array.isArray(value)) out.push(...extraFields(value));
    else if (anyText(value).trim()) out.push([key, anyText(value)]);
  }
  return out;
}
