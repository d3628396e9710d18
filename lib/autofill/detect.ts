/**
 * Login-form detection (issue 10): find the username, password and submit button of every login,
 * sign-up and password-change form in a document or shadow root, without reading anything but the
 * DOM. Pure and synchronous: the content script calls it on load and on coalesced mutations, the
 * fill script right before filling, the corpus bench (bench/detect.ts) on saved real pages.
 *
 * One pass = one `querySelectorAll('input')` per tree plus one walk to find open shadow roots;
 * everything costlier (labels, computed style, geometry) runs only for inputs of forms, or parts
 * of the page, that hold a password or a username-like field.
 * Budget: ≤ 3 ms on a 5,000-element page (DESIGN §7), measured by `npm run bench:detect`.
 *
 * It never reads `data-fathom` (the corpus labels), nor any attribute but the ones a page uses to
 * describe fields to people and browsers. Relative imports only, so that a plain bundler builds it.
 */
import { classifyGroup } from './detect-classify';
import { contextOf } from './detect-context';
import { describeField, hasUsernameHint, isCandidateInput, type Field } from './detect-fields';
import { groupFields, relevantCandidates, type Candidate } from './detect-group';
import { pickSubmit } from './detect-submit';
import { visibilityChecker } from './detect-visibility';

export type DetectedKind = 'login' | 'signup' | 'change-password';

export interface DetectedForm {
  kind: DetectedKind;
  username: HTMLInputElement | null;
  password: HTMLInputElement | null;
  submit: HTMLElement | null;
}

/** More inputs than this in one tree is not a page with a login form but a spreadsheet. */
const MAX_INPUTS = 500;
/** Dialogs and modal boxes: where pages keep a login form until a click opens it. */
const DIALOG = 'dialog, [role="dialog"], [role="alertdialog"], [aria-modal="true"], .modal';

/**
 * A page that shows a login form in its own flow and keeps another one in a dialog is keeping
 * the second for later ("sign in to check out" pop-ups): while the page's own form is there, the
 * dialog's copy is not the one in front of the user. Only when both are logins, and only while
 * at least one stays outside every dialog.
 */
function dropDialogCopies(forms: DetectedForm[]): DetectedForm[] {
  const logins = forms.filter((f) => f.kind === 'login');
  if (logins.length < 2) return forms;
  const inDialog = new Set(logins.filter((f) => (f.password ?? f.username)!.closest(DIALOG)));
  if (!inDialog.size || inDialog.size === logins.length) return forms;
  return forms.filter((f) => !inDialog.has(f));
}

/** Every `<input>` of the tree and of the open shadow roots inside it, tree by tree. */
function collectInputs(root: Document | ShadowRoot, into: HTMLInputElement[]): void {
  const inputs = root.querySelectorAll('input');
  for (let i = 0; i < inputs.length && into.length < MAX_INPUTS; i++) into.push(inputs[i]!);
  // Closed shadow roots are out of reach by design; open ones are found by walking elements,
  // since no selector matches "has a shadow root". A TreeWalker is ~3× faster here than
  // querySelectorAll('*') in Chromium.
  const doc = 'documentElement' in root ? root : root.ownerDocument;
  const walker = doc.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const shadow = (node as Element).shadowRoot;
    if (shadow) collectInputs(shadow, into);
  }
}

export function detectLoginForms(root: Document | ShadowRoot): DetectedForm[] {
  const doc = 'documentElement' in root ? root : root.ownerDocument;
  const isVisible = visibilityChecker(doc);
  const inputs: HTMLInputElement[] = [];
  collectInputs(root, inputs);

  const candidates: Candidate[] = [];
  const passwords: HTMLInputElement[] = [];
  for (const el of inputs) {
    if (!isCandidateInput(el)) continue;
    const isPassword = el.type === 'password';
    if (isPassword) passwords.push(el);
    candidates.push({ el, isPassword, hinted: !isPassword && hasUsernameHint(el) });
  }
  const visible: Field[] = [];
  for (const c of relevantCandidates(candidates)) {
    if (isVisible(c.el)) visible.push(describeField(c.el));
  }
  if (!visible.length) return [];

  const forms: DetectedForm[] = [];
  for (const group of groupFields(visible, passwords)) {
    const ctx = contextOf(group);
    const found = classifyGroup(group, ctx);
    if (!found) continue;
    const anchor = (found.password ?? found.username)!.el;
    forms.push({
      kind: found.kind,
      username: found.username?.el ?? null,
      password: found.password?.el ?? null,
      submit: pickSubmit(group, ctx, found.kind, anchor, isVisible),
    });
  }
  return dropDialogCopies(forms);
}
