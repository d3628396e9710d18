/**
 * Payment-card rules, pure text with no keys: the number's digits and check digit, the brand its
 * first digits name, and the expiry as typed (MM/YY) and as stored ("YYYY-MM").
 *
 * A failed Luhn check is a warning, never a refusal (as Bitwarden does): a store card, a test
 * number or a number the bank printed oddly is still the user's to keep. Only what cannot be a
 * card field at all (letters in the number, month 13, a five-digit code) is refused.
 */

/** The stored form of a number: its digits, the spaces and dashes people type dropped. */
export function cardDigits(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/** Card numbers run from 12 (some Maestro) to 19 digits (ISO/IEC 7812). */
export const CARD_NUMBER_DIGITS = { min: 12, max: 19 } as const;

/** The Luhn (mod 10) check every issuer's numbers pass; false for anything but digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * What is wrong with a number as typed: 'not-digits' refuses the save; 'check' is the warning
 * (too short or a failed check digit, the signs of a typo); undefined when it looks right or is empty.
 */
export function cardNumberProblem(typed: string): 'not-digits' | 'check' | undefined {
  const digits = cardDigits(typed);
  if (digits === '') return undefined;
  if (!/^\d+$/.test(digits) || digits.length > CARD_NUMBER_DIGITS.max) return 'not-digits';
  if (digits.length < CARD_NUMBER_DIGITS.min || !luhnValid(digits)) return 'check';
  return undefined;
}

export type CardBrand =
  'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'maestro' | 'mir';

/** Brand names are trademarks, the same in every language. */
export const CARD_BRAND_NAMES: Record<CardBrand, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  maestro: 'Maestro',
  mir: 'Mir',
};

/**
 * Issuer ranges by the number's first digits (the networks' published IIN ranges), most specific
 * first: 2221–2720 is Mastercard but 2200–2204 is Mir; 6011 is Discover, other 62… UnionPay.
 */
const BRAND_RANGES: ReadonlyArray<[CardBrand, RegExp]> = [
  ['amex', /^3[47]/],
  ['jcb', /^35(2[89]|[3-8])/],
  ['diners', /^3(0[0-5]|[689])/],
  ['mir', /^220[0-4]/],
  ['mastercard', /^(5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720)/],
  ['visa', /^4/],
  ['discover', /^(6011|64[4-9]|65)/],
  ['unionpay', /^62/],
  ['maestro', /^(50|5[6-8]|6304|6759|676[1-3])/],
];

/** The brand the number's first digits name, once there are enough of them to tell. */
export function cardBrand(number: string): CardBrand | undefined {
  const digits = cardDigits(number);
  if (digits.length < 4) return undefined;
  return BRAND_RANGES.find(([, range]) => range.test(digits))?.[0];
}

/** The last four digits, what the list shows of a number (as receipts print it). */
export function lastFour(number: string): string {
  const digits = cardDigits(number);
  return digits.length >= 8 ? digits.slice(-4) : '';
}

/** The stored expiry: '' or "YYYY-MM". */
export const EXPIRY_RE = /^(\d{4}-(0[1-9]|1[0-2]))?$/;

/**
 * An expiry as typed, "MM/YY" (also "MM/YYYY", "M/YY", "MMYY", "MM-YY"), to "YYYY-MM";
 * '' for nothing typed, undefined when it is no month and year.
 */
export function parseExpiry(typed: string): string | undefined {
  const text = typed.trim();
  if (text === '') return '';
  const match = /^(\d{1,2})\s*[/\-. ]?\s*(\d{2}|\d{4})$/.exec(text);
  if (!match) return undefined;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return undefined;
  const year = match[2]!.length === 2 ? `20${match[2]!}` : match[2]!;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** A stored expiry as the card prints it, "MM/YY"; '' for none. */
export function formatExpiry(stored: string): string {
  const match = /^\d{2}(\d{2})-(\d{2})$/.exec(stored);
  return match ? `${match[2]!}/${match[1]!}` : '';
}

/** An expiry from separate month and year (what other managers export), for importers. */
export function expiryFrom(month: string | number, year: string | number): string {
  const m = String(month).trim();
  const y = String(year).trim();
  if (!m || !y) return '';
  return parseExpiry(`${m}/${y}`) ?? '';
}

/** Three or four digits (four on American Express cards), or nothing. */
export const CARD_CODE_RE = /^(\d{3,4})?$/;

/** The number in groups of four (Amex 4-6-5) for reading it aloud or off the screen. */
export function groupCardNumber(number: string): string {
  const digits = cardDigits(number);
  if (cardBrand(digits) === 'amex' && digits.length === 15) {
    return `${digits.slice(0, 4)} ${digits.slice(4, 10)} ${digits.slice(10)}`;
  }
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}
