/**
 * A candidate the user chose to import, as a vault item. The item schema (lib/vault/item.ts) has
 * no `otp` yet; it is set anyway, because item objects are loose and keep extra fields, so the
 * vault holds it from the first import and the field's own schema (being added alongside) will
 * find it there. What a card or identity field cannot hold (a five-digit code, a third address
 * line) goes to the notes, labelled, rather than being lost.
 */
import * as OTPAuth from 'otpauth';
import { CARD_CODE_RE, CARD_NUMBER_DIGITS, cardDigits, expiryFrom } from '../vault/card';
import {
  ITEM_LIMITS,
  emptyCard,
  emptyIdentity,
  emptyLogin,
  emptyNote,
  isHiddenItem,
  normalizeItem,
  safeNormalizeItem,
  type CardItem,
  type IdentityItem,
  type LoginItem,
  type NoteItem,
} from '../vault/item';
import { notesWithExtras } from './fields';
import type { CardCandidate, IdentityCandidate, ImportCandidate, LoginCandidate } from './types';

export type ImportedItem = (LoginItem & { otp: string }) | NoteItem | CardItem | IdentityItem;

/**
 * Kept for callers written before cards and identities were vault types; `toItem` no longer
 * throws it. Remove once nothing imports it.
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
      return normalizeItem(item) as LoginItem & { otp: string };
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
      return normalizeItem(item) as NoteItem;
    }
    case 'card':
      return normalizeItem({
        ...emptyCard(id, now),
        ...times,
        ...cardFields(candidate),
      }) as CardItem;
    case 'identity':
      return normalizeItem({
        ...emptyIdentity(id, now),
        ...times,
        ...identityFields(candidate),
      }) as IdentityItem;
  }
}

function cardFields(candidate: CardCandidate) {
  const digits = cardDigits(candidate.number);
  const numberFits = /^\d*$/.test(digits) && digits.length <= CARD_NUMBER_DIGITS.max;
  const code = candidate.code.trim();
  const codeFits = CARD_CODE_RE.test(code);
  const expiry = expiryFrom(candidate.expMonth ?? '', candidate.expYear ?? '');
  const expiryLost = expiry === '' && (candidate.expMonth !== undefined || candidate.expYear);
  return {
    title: candidate.title,
    cardholder: candidate.holder,
    number: numberFits ? digits : '',
    expiry,
    code: codeFits ? code : '',
    notes: notesWithExtras(candidate.notes, [
      ['Number', numberFits ? '' : candidate.number],
      ['Expiry', expiryLost ? `${candidate.expMonth ?? ''}/${candidate.expYear ?? ''}` : ''],
      ['Code', codeFits ? '' : code],
    ]),
    favorite: candidate.favorite,
    tags: [...candidate.tags],
  };
}

function identityFields(candidate: IdentityCandidate) {
  const [address1 = '', address2 = '', ...more] = candidate.addressLines;
  return {
    title: candidate.title,
    firstName: candidate.firstName,
    lastName: candidate.lastName,
    company: candidate.company,
    email: candidate.email,
    phone: candidate.phone,
    address1,
    address2,
    postalCode: candidate.postalCode,
    city: candidate.city,
    region: candidate.region,
    country: candidate.country,
    notes: notesWithExtras(
      candidate.notes,
      more.map((line) => ['Address', line] as const),
    ),
    favorite: candidate.favorite,
    tags: [...candidate.tags],
  };
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
