/**
 * The one-time code field of a page, for the code of the login just filled (a second factor on
 * the login page itself, or on the page after it). The detector already marks such fields so
 * that they get no username or password (detect-fields.ts, `otp`); that mark is broad on
 * purpose (PINs, card security codes, TANs are never credentials either). A code goes only into
 * a field that asks for one: `autocomplete="one-time-code"` (the HTML standard's token), or words
 * for a sign-in code with none for a card, a PIN or a coupon.
 *
 * Many sites split the code into one box per digit: a row of 4 to 8 single-character inputs next
 * to each other, with nothing else in between, asking for a sign-in code the same way (the token
 * on a box, or words on a box, the row or just before it). The code goes into them one digit per
 * box, and only when it has as many digits as there are boxes (fill-dom.ts `fillOtp`; the
 * background checks it too). Relative imports only (it goes into the fill script).
 */
import { describeField, isCandidateInput, nearbyText, textOfIds } from './detect-fields';
import { visibilityChecker, type VisibilityCheck } from './detect-visibility';

const SIGN_IN_CODE =
  /\b(?:otp|totp|mfa|2fa|tfa|two ?factor|2 ?step|one ?time|authenticat\w*|verification|verify|security ?code|login ?code|sign ?in ?code|codice|code|bestatigungscode|sicherheitscode|einmalcode|token)\b/;
const NOT_SIGN_IN_CODE =
  /\b(?:cvv|cvc|csc|card|carta|karte|pin|ssn|social security|captcha|zip|postal|postcode|cap|plz|coupon|promo|discount|voucher|gift|sconto|gutschein|tan)\b/;
/** The shortest code a login gives (totp.ts): a box for fewer is one digit's box. */
const MIN_DIGITS = 6;
/** A row of single-digit boxes: as many as the codes a login gives (6 to 8), or a short PIN's. */
const MIN_BOXES = 4;
const MAX_BOXES = 8;
/** How far up the boxes of one row may be apart: `div > div > input` per box is common. */
const ROW_DEPTH = 3;

function fits(el: HTMLInputElement): boolean {
  return el.maxLength < 0 || el.maxLength >= MIN_DIGITS; // -1 when the page sets none
}

function hasCodeToken(el: HTMLInputElement): boolean {
  return (el.getAttribute('autocomplete') ?? '')
    .toLowerCase()
    .split(/\s+/)
    .includes('one-time-code');
}

function asksForSignInCode(words: string): boolean {
  return SIGN_IN_CODE.test(words) && !NOT_SIGN_IN_CODE.test(words);
}

/** 2: the standard's token; 1: words for a sign-in code; 0: no code field. Layout not read. */
function otpScore(el: HTMLInputElement): number {
  if (!isCandidateInput(el) || el.readOnly || !fits(el)) return 0;
  if (hasCodeToken(el)) return 2;
  const field = describeField(el);
  return field.otp && asksForSignInCode(`${field.attrs} ${field.text}`) ? 1 : 0;
}

function isBox(el: HTMLInputElement): boolean {
  return isCandidateInput(el) && !el.readOnly && el.maxLength === 1 && el.type !== 'email';
}

/** The nearest element holding both, if it is at most ROW_DEPTH levels above `a`. */
function rowOf(a: Element, b: Element): Element | null {
  let node = a.parentElement;
  for (let depth = 0; node && depth < ROW_DEPTH; depth++, node = node.parentElement) {
    if (node.contains(b)) return node;
  }
  return null;
}

/** Words a row of boxes is asked for with: on its boxes, on the row, or just before it. */
function rowWords(boxes: HTMLInputElement[], row: Element): string {
  const first = describeField(boxes[0]!);
  const label = `${row.getAttribute('aria-label') ?? ''} ${textOfIds(row, 'aria-labelledby')}`;
  return `${first.attrs} ${first.text} ${label} ${nearbyText(row)}`.toLowerCase();
}

/** Runs of single-character inputs side by side (no other input between), in document order. */
function boxRows(doc: Document): HTMLInputElement[][] {
  const rows: HTMLInputElement[][] = [];
  let run: HTMLInputElement[] = [];
  const end = () => {
    if (run.length >= MIN_BOXES && run.length <= MAX_BOXES) rows.push(run);
    run = [];
  };
  for (const el of doc.querySelectorAll('input')) {
    if (el.type === 'hidden') continue;
    if (!isBox(el)) end();
    else {
      if (run.length > 0 && !rowOf(run[0]!, el)) end();
      run.push(el);
    }
  }
  end();
  return rows;
}

/** 2 or 1 as otpScore, for a whole row of visible boxes; 0 when it does not ask for a code. */
function rowScore(boxes: HTMLInputElement[], isVisible: VisibilityCheck): number {
  if (!boxes.every(isVisible)) return 0;
  if (boxes.some(hasCodeToken)) return 2;
  const row = rowOf(boxes[0]!, boxes[boxes.length - 1]!);
  return row && asksForSignInCode(rowWords(boxes, row)) ? 1 : 0;
}

/**
 * The visible fields that ask for a one-time sign-in code, if the document has any: one field,
 * or a row of boxes, one per digit. Empty when there is none.
 */
export function findOtpFields(doc: Document): HTMLInputElement[] {
  const isVisible = visibilityChecker(doc);
  let best: HTMLInputElement[] = [];
  let bestScore = 0;
  for (const el of doc.querySelectorAll('input')) {
    const score = otpScore(el);
    if (score > bestScore && isVisible(el)) {
      best = [el];
      bestScore = score;
    }
  }
  if (bestScore === 2) return best;
  for (const boxes of boxRows(doc)) {
    const score = rowScore(boxes, isVisible);
    if (score > bestScore) {
      best = boxes;
      bestScore = score;
    }
  }
  return best;
}

/** The code fields the visible field `el` is (itself) or is one box of; empty if none. */
export function otpFieldsAt(el: HTMLInputElement): HTMLInputElement[] {
  const isVisible = visibilityChecker(el.ownerDocument);
  if (otpScore(el) > 0) return isVisible(el) ? [el] : [];
  if (!isBox(el)) return [];
  const boxes = boxRows(el.ownerDocument).find((row) => row.includes(el));
  return boxes && rowScore(boxes, isVisible) > 0 ? boxes : [];
}

/** Whether two finds are the same fields (the page may have changed in between). */
export function sameFields(a: readonly HTMLInputElement[], b: readonly HTMLInputElement[]) {
  return a.length === b.length && a.every((el, i) => el === b[i]);
}
