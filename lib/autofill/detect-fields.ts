/**
 * What one input says about itself: its type, its `autocomplete` tokens, its name and id, and the
 * words a person reads next to it (label, placeholder, aria-label/labelledby, title, nearby text).
 * Read once per input per pass; every later rule works on this record.
 */
import {
  CAPTCHA_WORDS,
  CONFIRM_PASSWORD_WORDS,
  CURRENT_PASSWORD_WORDS,
  EMAIL_OR_LOGIN_WORDS,
  IDENTITY_WORDS,
  NEW_PASSWORD_WORDS,
  OTP_WORDS,
  PASSWORD_WORDS,
  PERSONAL_DETAIL_WORDS,
  SEARCH_ATTRS,
  SEARCH_WORDS,
  USERNAME_WORDS,
  normalizeText,
} from './words';

export type PasswordRole = 'current' | 'new' | 'confirm' | 'unknown';

export interface Field {
  el: HTMLInputElement;
  isPassword: boolean;
  /** `autocomplete` tokens, lower case, without section-/shipping/billing prefixes. */
  autocomplete: string[];
  /** name + id, normalised ("dwfrm_login_username" → "dwfrm login username"). */
  attrs: string;
  /** label, placeholder, aria and nearby text, normalised. */
  text: string;
  /** Never a credential: search box, captcha, one-time code, PIN, card or ID number. */
  excluded: boolean;
  /** A one-time code (or PIN): what a password reset or a second factor asks for. */
  otp: boolean;
  /** Asks for a personal detail (name, phone, address…): a sign-up or checkout field. */
  identity: boolean;
  /** How much it looks like a username or e-mail to sign in with; ≤ 0 means "nothing says so". */
  usernameScore: number;
  passwordRole: PasswordRole;
}

/** Input types that can hold a username. Others (date, color, checkbox…) never do. */
const TEXT_TYPES = new Set(['text', 'email', 'tel', 'number', 'url', '']);
const IDENTITY_AUTOCOMPLETE =
  /^(?:name|given-name|family-name|additional-name|nickname|honorific-\w+|organization|street-address|address-\w+|postal-code|country(?:-name)?|bday(?:-\w+)?|sex|tel(?:-\w+)?|cc-\w+)$/;
const MAX_TEXT = 200;
const FIELD_SELECTOR = 'input, select, textarea, button';
/** Longer text before a field is a paragraph, not its label. */
const MAX_NEARBY_TEXT = 60;

export function isCandidateInput(el: HTMLInputElement): boolean {
  if (el.disabled) return false;
  const type = el.type;
  return type === 'password' || TEXT_TYPES.has(type);
}

/**
 * A first, cheap look (attributes only, no label lookup, no style): could this be a username?
 * Decides which parts of a page are worth the full look (detect-group.ts, relevantCandidates).
 */
export function hasUsernameHint(el: HTMLInputElement): boolean {
  if (el.type === 'email') return true;
  const ac = (el.getAttribute('autocomplete') ?? '').toLowerCase();
  if (ac.includes('username') || ac.includes('email') || ac.includes('webauthn')) return true;
  const attrs = `${el.name} ${el.id} ${el.placeholder} ${el.getAttribute('aria-label') ?? ''}`;
  return USERNAME_WORDS.test(attrs.toLowerCase());
}

function autocompleteTokens(el: HTMLInputElement): string[] {
  const raw = (el.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/);
  return raw.filter((t) => t && !t.startsWith('section-') && t !== 'shipping' && t !== 'billing');
}

export function textOfIds(el: Element, attr: string): string {
  const ids = el.getAttribute(attr);
  if (!ids) return '';
  const root = el.getRootNode() as Document | ShadowRoot;
  return ids
    .split(/\s+/)
    .map((id) => root.getElementById?.(id)?.textContent ?? '')
    .join(' ');
}

function labelText(el: HTMLInputElement): string {
  const labels = el.labels;
  if (labels && labels.length) {
    return Array.from(labels, (l) => l.textContent ?? '').join(' ');
  }
  return '';
}

/**
 * Text right before the field when no label points at it: a previous sibling ("Email:" then the
 * input), or the previous table cell. Bounded so that a long paragraph does not count.
 */
export function nearbyText(el: Element): string {
  let node: Element | null = el;
  for (let depth = 0; node && depth < 3; depth++, node = node.parentElement) {
    let sibling = node.previousElementSibling;
    for (let hops = 0; sibling && hops < 2; hops++, sibling = sibling.previousElementSibling) {
      // Another field in between: whatever is before it is that field's label, not ours.
      if (sibling.matches(FIELD_SELECTOR) || sibling.querySelector(FIELD_SELECTOR)) return '';
      const text = sibling.textContent?.trim() ?? '';
      if (text) return text.length <= MAX_NEARBY_TEXT ? text : '';
    }
  }
  return '';
}

function passwordRole(ac: string[], words: string): PasswordRole {
  if (ac.includes('current-password')) return 'current';
  if (CONFIRM_PASSWORD_WORDS.test(words)) return 'confirm';
  if (CURRENT_PASSWORD_WORDS.test(words)) return 'current';
  if (ac.includes('new-password') || NEW_PASSWORD_WORDS.test(words)) return 'new';
  return 'unknown';
}

function isSearchField(el: HTMLInputElement, attrs: string, text: string): boolean {
  if (el.type === 'search' || el.getAttribute('role') === 'searchbox') return true;
  if (el.closest('[role="search"]')) return true;
  return SEARCH_ATTRS.test(attrs) || SEARCH_WORDS.test(text);
}

function scoreUsername(el: HTMLInputElement, ac: string[], attrs: string, text: string): number {
  let score = 0;
  if (ac.includes('username') || ac.includes('webauthn')) score += 6;
  if (ac.includes('email')) score += 4;
  if (el.type === 'email') score += 3;
  if (USERNAME_WORDS.test(attrs)) score += 4;
  if (USERNAME_WORDS.test(text)) score += 3;
  if (el.type === 'tel' && score === 0) score -= 1;
  if (el.type === 'number' || el.type === 'url') score -= 3;
  return score;
}

export function describeField(el: HTMLInputElement): Field {
  const isPassword = el.type === 'password';
  const autocomplete = autocompleteTokens(el);
  const attrs = normalizeText(el.name === el.id ? el.name : `${el.name} ${el.id}`);
  const described = [
    labelText(el),
    el.placeholder,
    el.getAttribute('aria-label') ?? '',
    textOfIds(el, 'aria-labelledby'),
    el.title,
  ].join(' ');
  // Nearby text stands in for a label only where the page gives none at all.
  const text = normalizeText(described.trim() ? described : nearbyText(el)).slice(0, MAX_TEXT);
  const words = `${attrs} ${text}`;
  const otp = autocomplete.includes('one-time-code') || OTP_WORDS.test(words);
  const usernameLike = USERNAME_WORDS.test(words) || autocomplete.includes('username');
  const excluded =
    otp ||
    CAPTCHA_WORDS.test(words) ||
    (!isPassword && (PASSWORD_WORDS.test(attrs) || isSearchField(el, attrs, text)));
  // A username-like name or label wins over "name" or "address" ("User name", "Email address",
  // "Mobile number or email"), but "user.firstName" is a first name.
  const identity =
    !isPassword &&
    !EMAIL_OR_LOGIN_WORDS.test(words) &&
    (autocomplete.some((t) => IDENTITY_AUTOCOMPLETE.test(t)) ||
      PERSONAL_DETAIL_WORDS.test(words) ||
      (!usernameLike && IDENTITY_WORDS.test(words)));
  return {
    el,
    isPassword,
    autocomplete,
    attrs,
    text,
    excluded,
    otp,
    identity,
    usernameScore: isPassword ? 0 : scoreUsername(el, autocomplete, attrs, text),
    passwordRole: isPassword ? passwordRole(autocomplete, words) : 'unknown',
  };
}
