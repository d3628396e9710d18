/**
 * KeePass / KeePassXC databases (KDBX 3.1 and 4), through kdbxweb. kdbxweb ships no Argon2, and
 * KDBX 4's default KDF is Argon2d with parallelism 2 or more, which libsodium's Argon2 cannot
 * compute, so hash-wasm's argon2d/argon2id are plugged in (as Bitwarden plugs in @noble/hashes).
 * Both libraries are loaded only when a KeePass file is actually opened.
 *
 * Groups become tags (the root group left out), the recycle bin's entries are reported as
 * 'inTrash', custom strings and attachment names go to the notes.
 */
import type * as Kdbxweb from 'kdbxweb';
import { loginOrNote, makeLogin, parseTime, pathTag, type Extra } from '../fields';
import { ImportError, type ImportCandidate, type ImportProblem } from '../types';

/** Bytes 0–7 of a KDBX 2.x–4.x file; KeePass 1's .kdb has 0x65 where this has 0x67. */
export const KDBX_SIGNATURE = [0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5] as const;
export const KDB1_SIGNATURE = [0x03, 0xd9, 0xa2, 0x9a, 0x65, 0xfb, 0x4b, 0xb5] as const;

/** The fields every KeePass entry has; the rest are the user's own ("PIN", "Codice cliente"). */
const STANDARD = new Set(['Title', 'UserName', 'Password', 'URL', 'Notes']);
/** KeePassXC's TOTP settings and KeePass 2.47's native ones. */
const OTP_URI = 'otp';
const OTP_SECRET = 'TimeOtp-Secret-Base32';
/** Keepass2Android's extra URLs (KP2A_URL, KP2A_URL_1…), which KeePassXC shows as well. */
const EXTRA_URL = /^KP2A_URL(_\d+)?$/;

let loaded: Promise<typeof Kdbxweb> | undefined;

/** kdbxweb with hash-wasm's Argon2 plugged in (exported for the fixture script). */
export function loadKdbxweb(): Promise<typeof Kdbxweb> {
  loaded ??= Promise.all([import('kdbxweb'), import('hash-wasm')]).then(([kdbxweb, hashWasm]) => {
    kdbxweb.CryptoEngine.setArgon2Impl(
      async (password, salt, memory, iterations, length, parallelism, type, version) => {
        // hash-wasm computes Argon2 1.3 (0x13), what every KDBX 4 writer uses.
        if (version !== 0x13) throw new ImportError('unsupportedVersion');
        const argon2 =
          type === kdbxweb.CryptoEngine.Argon2TypeArgon2d ? hashWasm.argon2d : hashWasm.argon2id;
        const hash = await argon2({
          password: new Uint8Array(password),
          salt: new Uint8Array(salt),
          iterations,
          parallelism,
          memorySize: memory, // kdbxweb passes KiB, as hash-wasm takes it
          hashLength: length,
          outputType: 'binary',
        });
        return hash.slice().buffer;
      },
    );
    return kdbxweb;
  });
  return loaded;
}

export async function readKdbx(
  bytes: Uint8Array,
  password: string | undefined,
): Promise<{ candidates: ImportCandidate[]; problems: ImportProblem[] }> {
  if (password === undefined) throw new ImportError('needsPassword');
  const kdbxweb = await loadKdbxweb();
  let db: Kdbxweb.Kdbx;
  try {
    const credentials = new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(password));
    await credentials.ready;
    db = await kdbxweb.Kdbx.load(bytes.slice().buffer, credentials);
  } catch (error) {
    throw new ImportError(kdbxFailure(kdbxweb, error));
  }
  const recycleBin = db.meta.recycleBinEnabled ? db.meta.recycleBinUuid?.id : undefined;
  const candidates: ImportCandidate[] = [];
  const problems: ImportProblem[] = [];
  let index = 0;
  const walk = (group: Kdbxweb.KdbxGroup, path: string, inTrash: boolean) => {
    const trash = inTrash || (recycleBin !== undefined && group.uuid.id === recycleBin);
    for (const entry of group.entries) {
      index++;
      const title = text(entry.fields.get('Title'));
      const source = { kind: 'entry' as const, at: index, ...(title ? { title } : {}) };
      if (trash) {
        problems.push({ ...source, reason: 'inTrash' });
        continue;
      }
      const result = readEntry(entry, path, source);
      if (typeof result === 'string') problems.push({ ...source, reason: result });
      else candidates.push(result);
    }
    for (const child of group.groups) walk(child, `${path}/${child.name ?? ''}`, trash);
  };
  for (const root of db.groups) walk(root, root.name ?? '', false);
  return { candidates, problems };
}

function kdbxFailure(kdbxweb: typeof Kdbxweb, error: unknown) {
  if (error instanceof ImportError) return error.reason;
  if (!(error instanceof kdbxweb.KdbxError)) return 'malformed';
  switch (error.code) {
    case kdbxweb.Consts.ErrorCodes.InvalidKey:
      return 'wrongPassword';
    case kdbxweb.Consts.ErrorCodes.InvalidVersion:
    case kdbxweb.Consts.ErrorCodes.Unsupported:
      return 'unsupportedVersion';
    default:
      return 'malformed';
  }
}

function text(value: Kdbxweb.KdbxEntryField | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : value.getText();
}

function readEntry(
  entry: Kdbxweb.KdbxEntry,
  path: string,
  source: ImportCandidate['source'],
): ImportCandidate | 'missingFields' {
  const field = (name: string) => text(entry.fields.get(name));
  const urls = [field('URL')];
  const extras: Extra[] = [];
  // KeePass 2.47's bare secret keeps its settings (TimeOtp-Length, -Period…) in the notes.
  const otp = field(OTP_URI) || field(OTP_SECRET);
  for (const [name, value] of entry.fields) {
    if (STANDARD.has(name) || name === OTP_URI) continue;
    if (name === OTP_SECRET && otp === text(value)) continue;
    if (EXTRA_URL.test(name)) urls.push(text(value));
    else extras.push([name, text(value)]);
  }
  for (const name of entry.binaries.keys()) extras.push(['Attachment', name]);
  const current = field('Password');
  const history = entry.history
    .map((old) => ({ password: text(old.fields.get('Password')), replacedAt: old.lastModTime }))
    .filter((old) => old.password !== '' && old.password !== current)
    .sort((a, b) => b.replacedAt - a.replacedAt);
  return loginOrNote(
    makeLogin({
      title: field('Title'),
      username: field('UserName'),
      password: current,
      urls,
      otp,
      notes: field('Notes'),
      tags: [pathTag(path, true), ...entry.tags],
      createdAt: parseTime(entry.times.creationTime),
      updatedAt: parseTime(entry.times.lastModTime),
      passwordHistory: history,
      extras,
      source,
    }),
  );
}
