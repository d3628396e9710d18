/**
 * The one-time code field of a page, for the code of the login just filled (a second factor on
 * the login page itself, or on the page after it). The detector already marks such fields so
 * that they get no username or password (detect-fields.ts, `otp`); that mark is broad on
 * purpose (PINs, card security codes, TANs are never credentials either). A code goes only into
 * a field that asks for one: `autocomplete="one-time-code"` (the HTML standard's token), or words
 * for a sign-in code with none for a card, a PIN or a coupon. A field split into one box per digit
 * is left alone: the code does not fit it. Relative imports only (it goes into the fill script).
 */
import { describeField, isCandidateInput } from './detect-fields';
import { visibilityChecker } from './detect-visibility';

const SIGN_IN_CODE =
  /\b(?:otp|totp|mfa|2fa|tfa|two ?factor|2 ?step|one ?time|authenticat\w*|verification|verify|security ?code|login ?code|sign ?in ?code|codice|code|bestatigungscode|sicherheitscode|einmalcode|token)\b/;
const NOT_SIGN_IN_CODE =
  /\b(?:cvv|cvc|csc|card|carta|karte|pin|ssn|social security|captcha|zip|postal|postcode|cap|plz|coupon|promo|discount|voucher|gift|sconto|gutschein|tan)\b/;
/** The shortest code a login gives (totp.ts): a box for fewer is one digit's box. */
const MIN_DIGITS = 6;

function fits(el: HTMLInputElement): boolean {
  return el.maxLength < 0 || el.maxLength >= MIN_DIGITS; // -1 when the page sets none
}

/** 2: the standard's token; 1: words for a sign-in code; 0: no code field. Layout not read. */
function otpScore(el: HTMLInputElement): number {
  if (!isCandidateInput(el) || el.readOnly || !fits(el)) return 0;
  const tokens = (el.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/);
  if (tokens.includes('one-time-code')) return 2;
  const field = describeField(el);
  const words = `${field.attrs} ${field.text}`;
  return field.otp && SIGN_IN_CODE.test(words) && !NOT_SIGN_IN_CODE.test(words) ? 1 : 0;
}

/** Whether this visible field asks for a one-time sign-in code (the inline menu's click). */
export function isOtpInput(el: HTMLInputElement): boolean {
  return otpScore(el) > 0 && visibilityChecker(el.ownerDocument)(el);
}

/** The visible field that asks for a one-time sign-in code, if the document has one. */
export function findOtpInput(doc: Document): HTMLInputElement | null {
  const isVisible = visibilityChecker(doc);
  let best: HTMLInputElement | null = null;
  let bestScore = 0;
  for (const el of doc.querySelectorAll('input')) {
    const score = otpScore(el);
    if (score > bestScore && isVisible(el)) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}
