/**
 * A candidate the user chose to import, as a vault item. The item schema (lib/vault/item.ts) has
 * no `tags` or `otp` yet; they are set anyway, because item objects are loose and keep extra
 * fields, so the vault holds them from the first import and the fields' own schemas (being added
 * alongside) will find them there.
 */
import * as OTPAuth from 'otpauth';
import {
  ITEM_LIMITS,
  emptyLogin,
  emptyNote,
  isHiddenItem,
  normalizeItem,
  safeNormalizeItem,
  type LoginItem,
  type NoteItem,
} from '../vault/item';
import { notesWithExtras } from './fields';
import type { ImportCandidate, LoginCandidate } from './types';

export type ImportedItem =
  (LoginItem & { tags: string[]; otp: string }) | (NoteItem & { tags: string[] });

/**
 * Thrown for cards and identities until their item types exist (being added by a parallel
 * change): the caller shows "cards and identities can be imported in a later version" and writes
 * the rest, or the user leaves them unchecked in the preview.
 */
export class UnsupportedItemTypeError extends Error {
  override readonly name = 'UnsupportedItemTypeError';
  readonly code = 'unsupportedItemType';
  constructor(readonly type: ImportCandidate['type']) {
    super(`items of type ${type} cannot be stored yet`);
  }
}

export function toItem(candidate: ImportCandidate, id: string, now: number): ImportedItem {
  if (candidate.item !== undefined) return fromOriginal(candidate, id);
  const times = { createdAt: candidate.createdAt ?? now, updatedAt: candidate.updatedAt ?? now };
  switch (candidate.type) {
    case 'login': {
      const otp = otpUri(candidate);
      const notes = otp.kept
        ? candidate.notes
        : notesWithExtras(candidate.notes, [['OTP', candidate.otp ?? '']]);
      const item = {
        ...emptyLogin(id, now),
        ...times,
        title: candidate.title,
        username: candidate.username,
        password: candidate.password,
        urls: candidate.urls.map((url) => ({ url, match: 'domain' as const })),
        notes,
        favorite: candidate.favorite,
        passwordHistory: (candidate.passwordHistory ?? [])
          .toSorted((a, b) => b.replacedAt - a.replacedAt)
          .slice(0, ITEM_LIMITS.passwordHistory),
        tags: [...candidate.tags],
        otp: otp.uri,
      };
      return normalizeItem(item) as ImportedItem;
    }
    case 'note': {
      const item = {
        ...emptyNote(id, now),
        ...times,
        title: candidate.title,
        notes: candidate.notes,
        favorite: candidate.favorite,
        tags: [...candidate.tags],
      };
      return normalizeItem(item) as ImportedItem;
    }
    // TODO(issue 14): build CardItem / IdentityItem here once lib/vault/item.ts has those types.
    case 'card':
    case 'identity':
      throw new UnsupportedItemTypeError(candidate.type);
  }
}

/**
 * A Cassaforte export's item as it was, under its new id, with the inner revision starting over
 * (the vault raises it on save). `conflictOf` names an id of the old vault, so it goes, as when
 * kept-aside items are brought in. Everything else stays, fields of newer versions too.
 */
function fromOriginal(candidate: ImportCandidate, id: string): ImportedItem {
  const { conflictOf: _old, ...original } = candidate.item as Record<string, unknown>;
  const item = safeNormalizeItem({ ...original, id, revision: 0 });
  if (!item || isHiddenItem(item)) throw new UnsupportedItemTypeError(candidate.type);
  return item as ImportedItem;
}

/**
 * The login's TOTP as an otpauth:// URI. A bare base32 secret (KeePass, LastPass, Bitwarden keep
 * those) becomes a URI with the defaults every one of them means by it (SHA-1, 6 digits, 30 s).
 * Anything else (a Steam secret, a typo) is not guessed at: it stays in the notes, readable.
 */
function otpUri(candidate: LoginCandidate): { uri: string; kept: boolean } {
  const otp = candidate.otp?.trim() ?? '';
  if (!otp) return { uri: '', kept: true };
  if (/^otpauth:\/\//i.test(otp)) return { uri: otp, kept: true };
  const secret = otp.replace(/^key=/, '').replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z2-7]+=*$/.test(secret)) return { uri: '', kept: false };
  try {
    const totp = new OTPAuth.TOTP({
      issuer: candidate.title,
      label: candidate.username || candidate.title || 'Cassaforte',
      secret: OTPAuth.Secret.fromBase32(secret),
    });
    return { uri: totp.toString(), kept: true };
  } catch {
    return { uri: '', kept: false };
  }
}
