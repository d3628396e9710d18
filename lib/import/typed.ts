/**
 * Builders for the card and identity candidates, and the card-expiry spellings the sources use.
 */
import { candidateBase, type BaseInput } from './fields';
import type { CardCandidate, IdentityCandidate } from './types';

export interface CardInput extends BaseInput {
  holder?: string;
  number?: string;
  expiry?: { expMonth?: number; expYear?: number };
  code?: string;
  brand?: string;
}

export function makeCard(input: CardInput): CardCandidate {
  const card: CardCandidate = {
    type: 'card',
    ...candidateBase(input),
    holder: (input.holder ?? '').trim(),
    number: (input.number ?? '').replace(/[\s-]/g, ''),
    code: (input.code ?? '').trim(),
    brand: (input.brand ?? '').trim(),
  };
  if (input.expiry?.expMonth !== undefined) card.expMonth = input.expiry.expMonth;
  if (input.expiry?.expYear !== undefined) card.expYear = input.expiry.expYear;
  return card;
}

export interface IdentityInput extends BaseInput {
  firstName?: string;
  lastName?: string;
  company?: string;
  email?: string;
  phone?: string;
  addressLines?: ReadonlyArray<string | undefined>;
  postalCode?: string;
  city?: string;
  region?: string;
  country?: string;
}

export function makeIdentity(input: IdentityInput): IdentityCandidate {
  const text = (value: string | undefined) => (value ?? '').trim();
  return {
    type: 'identity',
    ...candidateBase(input),
    firstName: text(input.firstName),
    lastName: text(input.lastName),
    company: text(input.company),
    email: text(input.email),
    phone: text(input.phone),
    addressLines: (input.addressLines ?? []).map(text).filter(Boolean),
    postalCode: text(input.postalCode),
    city: text(input.city),
    region: text(input.region),
    country: text(input.country),
  };
}

const MONTHS = [
  ['jan', 'gen'],
  ['feb'],
  ['mar', 'mär'],
  ['apr'],
  ['may', 'mag', 'mai'],
  ['jun', 'giu'],
  ['jul', 'lug'],
  ['aug', 'ago'],
  ['sep', 'set'],
  ['oct', 'ott', 'okt'],
  ['nov'],
  ['dec', 'dic', 'dez'],
];

/**
 * A card's expiry as the sources write it: "2025-01" (Proton Pass), 202501 (1Password's
 * monthYear), "June,2020" (LastPass), "01/27" or "1/2027", or month and year apart (Bitwarden).
 * What cannot be read is left out, and the caller keeps the original text in the notes.
 */
export function parseExpiry(value: unknown): { expMonth?: number; expYear?: number } {
  const text = String(value ?? '').trim();
  if (!text) return {};
  let match = /^(\d{4})(\d{2})$/.exec(text) ?? /^(\d{4})[-/.](\d{1,2})$/.exec(text);
  if (match) return checked(Number(match[2]), Number(match[1]));
  match = /^(\d{1,2})\s*[-/.]\s*(\d{2}|\d{4})$/.exec(text);
  if (match) return checked(Number(match[1]), Number(match[2]));
  match = /^([a-zäöü]+)\s*[, ]\s*(\d{4})?$/i.exec(text);
  if (match) {
    const prefix = match[1]!.slice(0, 3).toLowerCase();
    const month = MONTHS.findIndex((names) => names.includes(prefix)) + 1;
    return checked(month || undefined, match[2] ? Number(match[2]) : undefined);
  }
  return {};
}

function checked(month: number | undefined, year: number | undefined) {
  const result: { expMonth?: number; expYear?: number } = {};
  if (month !== undefined && month >= 1 && month <= 12) result.expMonth = month;
  if (year !== undefined && Number.isFinite(year)) {
    const full = year < 100 ? 2000 + year : year;
    if (full >= 1900 && full <= 2200) result.expYear = full;
  }
  return result;
}

/** A month or year cell on its own ("1", "01", "2025"), as Bitwarden keeps them. */
export function parseNumberCell(value: unknown): number | undefined {
  const text = String(value ?? '').trim();
  return /^\d{1,4}$/.test(text) ? Number(text) : undefined;
}
