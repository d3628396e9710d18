/**
 * The editor's state for cards and identities, and for every item's tags: what is typed (an expiry
 * as "MM/YY", tags comma-separated) and what is stored. Pure, unit-tested with item-form.ts.
 */
import {
  cardDigits,
  cardNumberProblem,
  CARD_CODE_RE,
  formatExpiry,
  parseExpiry,
} from '@/lib/vault/card';
import { IDENTITY_KEYS, type IdentityKey, parseTags, TAG_LIMITS } from '@/lib/vault/item-kinds';

export interface CardFormFields {
  cardholder?: string;
  /** As typed, spaces and all. */
  number?: string;
  code?: string;
  /** As typed: "MM/YY". */
  expiryText?: string;
}

export type IdentityFormFields = Partial<Record<IdentityKey, string>>;

export interface TagFormFields {
  /** As typed: "work, travel". */
  tagsText?: string;
}

export type KindForm = CardFormFields & IdentityFormFields & TagFormFields;

export function blankCard(): CardFormFields {
  return { cardholder: '', number: '', code: '', expiryText: '' };
}

export function blankIdentity(): IdentityFormFields {
  return Object.fromEntries(IDENTITY_KEYS.map((key) => [key, '']));
}

/** The typed forms of a stored item's expiry and tags. */
export function typedFields(item: { expiry?: unknown; tags?: unknown }): KindForm {
  const typed: KindForm = {
    tagsText: Array.isArray(item.tags) ? item.tags.join(', ') : '',
  };
  if (typeof item.expiry === 'string') typed.expiryText = formatExpiry(item.expiry);
  return typed;
}

/** What goes to `vault.save` for the typed fields: digits, "YYYY-MM", a list of tags. */
export function storedFields(form: KindForm & { type: string }): Record<string, unknown> {
  const stored: Record<string, unknown> = { tags: parseTags(form.tagsText ?? '') };
  if (form.type === 'card') {
    stored.number = cardDigits(form.number ?? '');
    stored.code = (form.code ?? '').trim();
    stored.expiry = parseExpiry(form.expiryText ?? '') ?? '';
  }
  return stored;
}

export interface CardProblems {
  /** Blocks the save: not a number. */
  number?: 'not-digits';
  /** Does not block: the check digit fails or it is too short, likely a typo. */
  numberWarning?: 'check';
  expiry?: 'invalid';
  code?: 'invalid';
}

export function cardProblems(form: CardFormFields): CardProblems {
  const problems: CardProblems = {};
  const number = cardNumberProblem(form.number ?? '');
  if (number === 'not-digits') problems.number = number;
  if (number === 'check') problems.numberWarning = number;
  if (parseExpiry(form.expiryText ?? '') === undefined) problems.expiry = 'invalid';
  if (!CARD_CODE_RE.test((form.code ?? '').trim())) problems.code = 'invalid';
  return problems;
}

/** Too many tags, or one too long, for the item's limits (ITEM_LIMITS). */
export function tagsProblem(form: TagFormFields): 'too-many' | 'too-long' | undefined {
  const tags = parseTags(form.tagsText ?? '');
  if (tags.length > TAG_LIMITS.tags) return 'too-many';
  if (tags.some((tag) => tag.length > TAG_LIMITS.tag)) return 'too-long';
  return undefined;
}

/** Whether the form holds something the save must refuse (the warning alone never does). */
export function blocksSave(form: KindForm & { type: string }): boolean {
  if (tagsProblem(form)) return true;
  if (form.type !== 'card') return false;
  const { number, expiry, code } = cardProblems(form);
  return Boolean(number ?? expiry ?? code);
}
