/**
 * 1Password's 1PUX export: a zip whose `export.data` is
 * `{ accounts: [{ vaults: [{ attrs: { name }, items: [...] }] }] }` (support.1password.com/1pux-format).
 * An item has `categoryUuid` ("001" login, "002" card, "003" note, "004" identity, "005" password…),
 * `overview` (title, urls, tags), `details` (loginFields, sections of typed fields, notesPlain,
 * passwordHistory) and times in seconds. Vaults and tags become tags; fields without a place here
 * go to the notes with their 1Password labels.
 */
import { cleanUrls, loginOrNote, makeLogin, makeNote, parseTime, type Extra } from '../fields';
import { anyText, asArray, asObject, isObject, str, type JsonObject } from '../json';
import { makeCard, makeIdentity, parseExpiry } from '../typed';
import type { ImportCandidate, ImportProblem } from '../types';

export const ONEPUX_DATA_ENTRY = 'export.data';

const LOGIN_CATEGORIES = new Set(['001', '005', '102', '109', '110', '112']);

export function isOnePuxData(json: unknown): json is JsonObject {
  return isObject(json) && Array.isArray(json.accounts);
}

export function readOnePux(json: JsonObject): {
  candidates: ImportCandidate[];
  problems: ImportProblem[];
} {
  const candidates: ImportCandidate[] = [];
  const problems: ImportProblem[] = [];
  let index = 0;
  for (const account of asArray(json.accounts)) {
    for (const vault of asArray(asObject(account).vaults)) {
      const vaultName = str(asObject(asObject(vault).attrs).name);
      for (const entry of asArray(asObject(vault).items)) {
        index++;
        const source = { kind: 'entry' as const, at: index };
        if (!isObject(entry)) {
          problems.push({ ...source, reason: 'malformed' });
          continue;
        }
        const title = str(asObject(entry.overview).title);
        const titled = title ? { ...source, title } : source;
        if (entry.state === 'trashed' || entry.trashed === true) {
          problems.push({ ...titled, reason: 'inTrash' });
          continue;
        }
        const result = readItem(entry, vaultName, titled);
        if (typeof result === 'string') problems.push({ ...titled, reason: result });
        else candidates.push(result);
      }
    }
  }
  return { candidates, problems };
}

interface Field {
  id: string;
  label: string;
  kind: string;
  raw: unknown;
  text: string;
}

/** Every typed field of every section, flattened, with its value as text for the notes. */
function sectionFields(details: JsonObject): Field[] {
  const fields: Field[] = [];
  for (const section of asArray(details.sections)) {
    const sectionTitle = str(asObject(section).title);
    for (const field of asArray(asObject(section).fields)) {
      const object = asObject(field);
      const value = asObject(object.value);
      const kind = Object.keys(value)[0] ?? '';
      const raw = value[kind];
      fields.push({
        id: str(object.id),
        label: str(object.title) || sectionTitle || str(object.id),
        kind,
        raw,
        text: valueText(kind, raw),
      });
    }
  }
  return fields.filter((field) => field.text.trim() !== '');
}

function valueText(kind: string, raw: unknown): string {
  if (kind === 'date' && typeof raw === 'number') {
    return new Date(raw * 1000).toISOString().slice(0, 10);
  }
  if (kind === 'monthYear' && typeof raw === 'number') {
    const text = String(raw);
    return `${text.slice(4, 6)}/${text.slice(0, 4)}`;
  }
  if (kind === 'email') return str(asObject(raw).email_address) || anyText(raw);
  if (kind === 'address') {
    const a = asObject(raw);
    return [str(a.street), `${str(a.zip)} ${str(a.city)}`.trim(), str(a.state), str(a.country)]
      .filter(Boolean)
      .join(', ');
  }
  if (kind === 'sshKey') return str(asObject(asObject(raw).metadata).privateKey) || anyText(raw);
  // A file attachment's reference: the file itself is not in reach of this import.
  if (kind === 'file' || kind === 'reference') return '';
  return anyText(raw);
}

function readItem(
  item: JsonObject,
  vaultName: string,
  source: ImportCandidate['source'],
): ImportCandidate | 'missingFields' {
  const overview = asObject(item.overview);
  const details = asObject(item.details);
  const category = str(item.categoryUuid);
  const fields = sectionFields(details);
  const used = new Set<Field>();
  const take = (test: (field: Field) => boolean): Field | undefined => {
    const found = fields.find((field) => !used.has(field) && test(field));
    if (found) used.add(found);
    return found;
  };
  const extras = (): Extra[] => [
    ...(item.state === 'archived' ? [['1Password', 'archived'] as const] : []),
    ...fields
      .filter((field) => !used.has(field))
      .map((field) => [field.label, field.text] as const),
    ...(isObject(details.documentAttributes)
      ? [['Document', str(details.documentAttributes.fileName)] as const]
      : []),
  ];
  const common = {
    title: str(overview.title),
    notes: str(details.notesPlain),
    tags: [vaultName, ...asArray(overview.tags).map(str)],
    favorite: typeof item.favIndex === 'number' && item.favIndex > 0,
    createdAt: parseTime(item.createdAt),
    updatedAt: parseTime(item.updatedAt),
    source,
  };

  if (LOGIN_CATEGORIES.has(category)) {
    const loginFields = asArray(details.loginFields).map(asObject);
    const byDesignation = (name: string) =>
      loginFields.find((field) => field.designation === name && str(field.value) !== '');
    const username = byDesignation('username');
    const password = byDesignation('password');
    const otherLoginFields: Extra[] = loginFields
      .filter((field) => field !== username && field !== password && str(field.value) !== '')
      // Checkboxes of the saved form ("remember me") say nothing about the account.
      .filter((field) => field.fieldType !== 'C')
      .map((field) => [str(field.name) || str(field.id), str(field.value)] as const);
    const otp = take((field) => field.kind === 'totp');
    const urls = asArray(overview.urls).map((url) => str(asObject(url).url));
    const history = asArray(details.passwordHistory)
      .map(asObject)
      .map((entry) => ({ password: str(entry.value), replacedAt: parseTime(entry.time) ?? 0 }))
      .filter((entry) => entry.password !== '');
    return loginOrNote(
      makeLogin({
        ...common,
        urls: cleanUrls(urls.length > 0 ? urls : [str(overview.url)]),
        username: str(username?.value) || take((field) => field.id === 'username')?.text || '',
        password:
          str(password?.value) ||
          str(details.password) ||
          take((field) => field.id === 'password' || field.id === 'credential')?.text ||
          '',
        otp: otp?.text,
        passwordHistory: history,
        extras: [...otherLoginFields, ...extras()],
      }),
    );
  }
  if (category === '002') {
    const expiry = take((field) => field.id === 'expiry');
    return makeCard({
      ...common,
      number: take((field) => field.id === 'ccnum')?.text,
      code: take((field) => field.id === 'cvv')?.text,
      holder: take((field) => field.id === 'cardholder')?.text,
      brand: take((field) => field.id === 'type')?.text,
      expiry: parseExpiry(expiry?.raw),
      extras: extras(),
    });
  }
  if (category === '004') {
    const address = take((field) => field.kind === 'address');
    const a = asObject(address?.raw);
    return makeIdentity({
      ...common,
      firstName: take((field) => field.id === 'firstname')?.text,
      lastName: take((field) => field.id === 'lastname')?.text,
      company: take((field) => field.id === 'company')?.text,
      phone: take((field) => field.id === 'defphone')?.text,
      email: take((field) => field.id === 'email' || field.kind === 'email')?.text,
      addressLines: [str(a.street)],
      postalCode: str(a.zip),
      city: str(a.city),
      region: str(a.state),
      country: str(a.country),
      extras: extras(),
    });
  }
  // Secure notes, and every other category (licences, bank accounts…) as a note with its fields.
  return makeNote({ ...common, extras: extras() });
}
