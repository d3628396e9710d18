/**
 * The fields of payment cards and identities, apart from the common ones (item.ts spreads these
 * into its schemas). Strings default to '' so a half-filled card is still a card.
 */
import { z } from 'zod';
import { CARD_CODE_RE, CARD_NUMBER_DIGITS, cardDigits, EXPIRY_RE } from './card';

/** Per-field ceilings of cards and identities; part of ITEM_LIMITS. */
export const KIND_LIMITS = {
  cardholder: 256,
  cardNumber: CARD_NUMBER_DIGITS.max,
  /** One line of a name, company, city, region or country. */
  nameLine: 256,
  email: 512,
  phone: 64,
  addressLine: 512,
  postalCode: 32,
} as const;

const line = (max: number) => z.string().max(max).default('');

export const cardFields = {
  type: z.literal('card'),
  cardholder: line(KIND_LIMITS.cardholder),
  /**
   * Digits only; spaces and dashes (how numbers are printed and pasted, and how some exports
   * write them) are dropped rather than refused. The Luhn check is the editor's warning, not a rule.
   */
  number: z
    .string()
    .transform(cardDigits)
    .pipe(z.string().regex(/^\d*$/).max(KIND_LIMITS.cardNumber))
    .default(''),
  /** "YYYY-MM" or '' (lib/vault/card.ts parses what the user types). */
  expiry: z.string().regex(EXPIRY_RE).default(''),
  /** The security code (CVC/CVV): secret like a password. */
  code: z.string().regex(CARD_CODE_RE).default(''),
};

export const identityFields = {
  type: z.literal('identity'),
  /** Mr, Ms, Dr…: not the item's own title. */
  honorific: line(64),
  firstName: line(KIND_LIMITS.nameLine),
  lastName: line(KIND_LIMITS.nameLine),
  company: line(KIND_LIMITS.nameLine),
  email: line(KIND_LIMITS.email),
  phone: line(KIND_LIMITS.phone),
  address1: line(KIND_LIMITS.addressLine),
  address2: line(KIND_LIMITS.addressLine),
  postalCode: line(KIND_LIMITS.postalCode),
  city: line(KIND_LIMITS.nameLine),
  region: line(KIND_LIMITS.nameLine),
  country: line(KIND_LIMITS.nameLine),
};

/** The identity fields the editor and the detail view show, in the order of an address label. */
export const IDENTITY_KEYS = [
  'honorific',
  'firstName',
  'lastName',
  'company',
  'email',
  'phone',
  'address1',
  'address2',
  'postalCode',
  'city',
  'region',
  'country',
] as const;
export type IdentityKey = (typeof IDENTITY_KEYS)[number];

/** Tags: labels the user (or an importer, from the source's folders) puts on any item. */
export const TAG_LIMITS = { tags: 32, tag: 64 } as const;

/** Trimmed; an empty tag (an importer's "no folder") is dropped rather than refusing the item. */
export const tagsField = z
  .array(z.string().trim().max(TAG_LIMITS.tag))
  .max(TAG_LIMITS.tags)
  .transform((tags) => tags.filter((tag) => tag !== ''))
  .default([]);

/** Tags without repeats (the same word in another case counts as a repeat), first spelling kept. */
export function dedupeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tag.toLocaleLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Tags as typed in the editor, comma-separated: trimmed, empty ones and repeats dropped. */
export function parseTags(typed: string): string[] {
  return dedupeTags(
    typed
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
  );
}
