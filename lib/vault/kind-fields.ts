/**
 * Card and identity fields from the parts other managers export (an importer's candidates): what
 * fits our schema goes in its field, and what does not (a number with letters, a code of five
 * digits, a third street line) comes back as "Label: value" extras for the notes, so nothing is lost.
 */
import { cardDigits, CARD_CODE_RE, expiryFrom } from './card';
import { KIND_LIMITS } from './item-kinds';

export type Extra = readonly [label: string, value: string];

export interface CardParts {
  holder: string;
  number: string;
  expMonth?: number | string;
  expYear?: number | string;
  code: string;
}

export function cardFieldsFrom(parts: CardParts): {
  fields: { cardholder: string; number: string; expiry: string; code: string };
  extras: Extra[];
} {
  const extras: Extra[] = [];
  const digits = cardDigits(parts.number);
  const numberFits = /^\d*$/.test(digits) && digits.length <= KIND_LIMITS.cardNumber;
  if (!numberFits) extras.push(['Card number', parts.number]);
  const month = String(parts.expMonth ?? '').trim();
  const year = String(parts.expYear ?? '').trim();
  const expiry = expiryFrom(month, year);
  if (!expiry && (month || year)) extras.push(['Expiry', [month, year].filter(Boolean).join('/')]);
  const code = parts.code.trim();
  const codeFits = CARD_CODE_RE.test(code);
  if (!codeFits) extras.push(['Security code', parts.code]);
  const holder = parts.holder.trim();
  const holderFits = holder.length <= KIND_LIMITS.cardholder;
  if (!holderFits) extras.push(['Cardholder', holder]);
  return {
    fields: {
      cardholder: holderFits ? holder : '',
      number: numberFits ? digits : '',
      expiry,
      code: codeFits ? code : '',
    },
    extras,
  };
}

/** Street lines as our two: the first, then the rest joined with ", ". */
export function addressFieldsFrom(lines: readonly string[]): {
  address1: string;
  address2: string;
} {
  const kept = lines.map((line) => line.trim()).filter(Boolean);
  return { address1: kept[0] ?? '', address2: kept.slice(1).join(', ') };
}
