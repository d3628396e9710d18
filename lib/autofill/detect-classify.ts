/**
 * From a group of fields to a detected form: is it a login, a sign-up or a password change, which
 * field is the username, and is a password-less group the first step of a two-step login?
 *
 * Weighted evidence rather than a trained model: each rule is a reason a person would give
 * ("it asks for your birthday", "its button says Sign in"), and the weights only order them.
 */
import type { DetectedKind } from './detect';
import type { GroupContext } from './detect-context';
import type { Field } from './detect-fields';
import { MIN_USERNAME_STEP_SCORE, type FieldGroup } from './detect-group';
import {
  CHANGE_PASSWORD_WORDS,
  CONFIRM_PASSWORD_WORDS,
  FORGOT_WORDS,
  GUEST_WORDS,
  JOIN_WORD,
  LOGIN_HEADING_WORDS,
  LOGIN_WORDS,
  NEWSLETTER_WORDS,
  NEXT_WORDS,
  REMEMBER_WORDS,
  SIGNUP_WORDS,
} from './words';

/** Names and ids say "create" or "reg" where visible text would say "create an account". */
const SIGNUP_ATTRS =
  /\b(?:create|register|reg|signup|sign up|join|enrol\w*|registration|new ?user|new ?account)\b/;
const TERMS_WORDS =
  /\b(?:terms|agree|privacy|accetto|termini|agb|akzeptiere|conditions|acepto|terminos)\b/;

export interface Classified {
  kind: DetectedKind;
  username: Field | null;
  password: Field | null;
}

function some(texts: string[], re: RegExp): boolean {
  return texts.some((t) => re.test(t));
}

/** Evidence for "login" minus evidence for "sign-up", for a group with one visible password. */
function loginMinusSignup(password: Field, texts: Field[], ctx: GroupContext): number {
  let login = 0;
  let signup = 0;
  if (password.passwordRole === 'current') login += 4;
  // Only a hint: sites put new-password on login fields to keep browsers from filling them.
  if (password.passwordRole === 'new') signup += 2;
  signup += 2 * Math.min(3, texts.filter((f) => f.identity).length);
  const accountFields = texts.filter((f) => f.usernameScore > 0);
  if (accountFields.length > 1) signup += 2; // e-mail *and* username, or e-mail twice
  if (accountFields.some((f) => CONFIRM_PASSWORD_WORDS.test(`${f.attrs} ${f.text}`))) signup += 2;
  const submits = ctx.buttons.filter((b) => b.submits).map((b) => b.text);
  const buttons = submits.length ? submits : ctx.buttons.map((b) => b.text);
  if (some(buttons, LOGIN_WORDS)) login += 3;
  if (some(buttons, SIGNUP_WORDS) || some(buttons, JOIN_WORD)) signup += 3;
  if (LOGIN_WORDS.test(ctx.attrs)) login += 2;
  if (SIGNUP_WORDS.test(ctx.attrs) || SIGNUP_ATTRS.test(ctx.attrs)) signup += 2;
  if (LOGIN_WORDS.test(ctx.headings) || LOGIN_HEADING_WORDS.test(ctx.headings)) login += 2;
  if (SIGNUP_WORDS.test(ctx.headings)) signup += 2;
  // The page's title covers every form on it ("Login or Register"): a tie-breaker only.
  if (LOGIN_WORDS.test(ctx.title)) login += 1;
  if (SIGNUP_WORDS.test(ctx.title)) signup += 1;
  if (some(ctx.links, FORGOT_WORDS)) login += 2;
  if (REMEMBER_WORDS.test(ctx.checkboxes)) login += 2;
  if (TERMS_WORDS.test(ctx.checkboxes)) signup += 1;
  if (SIGNUP_ATTRS.test(password.attrs)) signup += 2;
  if (LOGIN_WORDS.test(password.attrs)) login += 1;
  return login - signup;
}

function kindOf(
  group: FieldGroup,
  passwords: Field[],
  texts: Field[],
  ctx: GroupContext,
): DetectedKind {
  const changeWords = some(
    [ctx.headings, ctx.attrs, ...ctx.buttons.map((b) => b.text)],
    CHANGE_PASSWORD_WORDS,
  );
  if (passwords.length === 1) {
    const [password] = passwords as [Field];
    // A new password and nothing to sign up with: a reset (often with its e-mailed code).
    const reset = group.fields.some((f) => f.otp) || changeWords;
    if (password.passwordRole === 'new' && !texts.length && reset) return 'change-password';
    return loginMinusSignup(password, texts, ctx) >= 0 ? 'login' : 'signup';
  }
  if (passwords.some((p) => p.passwordRole === 'current')) return 'change-password';
  // Any field to fill besides the passwords is the account being created.
  if (texts.length && !changeWords) return 'signup';
  // New + confirm and nothing else: setting a new password (after a reset, or a change).
  return 'change-password';
}

/**
 * The username is the most username-like field before the password, with a bonus for being
 * right before it: that is where people and browsers look for it.
 */
function pickUsername(texts: Field[], password: Field | null, kind: DetectedKind): Field | null {
  const before = password
    ? texts.filter((f) => f.el.compareDocumentPosition(password.el) & 4)
    : texts;
  const candidates = before.filter((f) => !f.identity || f.usernameScore > 0);
  let best: Field | null = null;
  let bestScore = -Infinity;
  for (let i = 0; i < candidates.length; i++) {
    const nearness = candidates.length - i; // 1 for the one right before the password
    const score = candidates[i]!.usernameScore + (nearness === 1 ? 2 : nearness === 2 ? 1 : 0);
    if (score > bestScore) {
      best = candidates[i]!;
      bestScore = score;
    }
  }
  if (kind === 'change-password' && bestScore < 3) return null;
  return bestScore >= 0 ? best : null;
}

/**
 * A group without a visible password is a login only as the first step of a two-step login:
 * one username-like field and something that says "sign in" — a password waiting hidden, a form
 * named login, a button or heading saying so. E-mail boxes are everywhere else too (newsletter,
 * password reset, guest checkout, "start creating an account"), so anything hinting at those wins.
 */
function usernameStep(group: FieldGroup, texts: Field[], ctx: GroupContext): Field | null {
  // Counted over every visible field, excluded or not: "order number, e-mail, postcode" is an
  // order lookup even though the postcode is nobody's username.
  if (group.fields.filter((f) => !f.isPassword).length > 2) return null;
  const candidates = texts.filter((f) => f.usernameScore >= MIN_USERNAME_STEP_SCORE && !f.identity);
  if (candidates.length !== 1) return null;
  const field = candidates[0]!;
  if (group.container.querySelector('textarea')) return null; // a comment form
  // "Forgot password?" beside the field is a login's; as the only button, a recovery form's.
  const all = ctx.buttons.map((b) => b.text);
  const buttons = all.filter((t) => !FORGOT_WORDS.test(t));
  if (all.length && !buttons.length) return null;
  const near = [ctx.attrs, ctx.headings, field.attrs, field.text, ...buttons];
  if (some(near, NEWSLETTER_WORDS) || some(near, FORGOT_WORDS)) return null;
  if (some(near, GUEST_WORDS)) return null; // guest checkout: an e-mail for the receipt
  if (some(near, SIGNUP_WORDS) || some([ctx.attrs, field.attrs, ...buttons], SIGNUP_ATTRS)) {
    return null;
  }
  if (some([ctx.attrs, ctx.headings, ...buttons], CHANGE_PASSWORD_WORDS)) return null;
  let evidence = 0;
  if (group.hiddenPasswords > 0) evidence += 4;
  if (field.autocomplete.includes('username')) evidence += 2;
  if (LOGIN_WORDS.test(ctx.attrs)) evidence += 3;
  if (some(buttons, LOGIN_WORDS)) evidence += 3;
  if (some(buttons, NEXT_WORDS)) evidence += 1;
  if (LOGIN_WORDS.test(ctx.headings) || LOGIN_HEADING_WORDS.test(ctx.headings)) evidence += 2;
  if (LOGIN_WORDS.test(ctx.title)) evidence += 1;
  if (REMEMBER_WORDS.test(ctx.checkboxes)) evidence += 2;
  if (buttons.length < all.length || some(ctx.links, FORGOT_WORDS)) evidence += 1;
  return evidence >= 3 ? field : null;
}

/**
 * The page's title or main heading says "sign up" and neither says "log in": the page is for
 * creating an account. A login form on it is the "already have one?" view that a tab or link
 * reveals, and which is hidden until then; it stays a login only if its password says
 * `current-password`, which only a form meant to be used says.
 */
function isSignupPage(ctx: GroupContext): boolean {
  const page = [ctx.title, ctx.pageHeading];
  return some(page, SIGNUP_WORDS) && !some(page, LOGIN_WORDS);
}

export function classifyGroup(group: FieldGroup, ctx: GroupContext): Classified | null {
  const usable = group.fields.filter((f) => !f.excluded);
  const passwords = usable.filter((f) => f.isPassword);
  const texts = usable.filter((f) => !f.isPassword);
  if (!passwords.length) {
    const username = isSignupPage(ctx) ? null : usernameStep(group, texts, ctx);
    return username ? { kind: 'login', username, password: null } : null;
  }
  const kind = kindOf(group, passwords, texts, ctx);
  if (kind === 'login' && isSignupPage(ctx)) {
    if (!passwords.some((p) => p.passwordRole === 'current')) return null;
  }
  const password =
    kind === 'login'
      ? passwords[0]!
      : kind === 'signup'
        ? (passwords.find((p) => p.passwordRole !== 'confirm') ?? passwords[0]!)
        : (passwords.find((p) => p.passwordRole === 'current') ?? passwords[0]!);
  return { kind, username: pickUsername(texts, password, kind), password };
}
