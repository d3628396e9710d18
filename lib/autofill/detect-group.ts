/**
 * Which fields belong together. A `<form>` is the natural unit (its owner, so the `form=`
 * attribute counts); fields without one are grouped by their nearest common container, and so
 * are the fields of a form that wraps half the page (ASP.NET pages put search, login and newsletter
 * in one `<form>`).
 */
import type { Field } from './detect-fields';

export interface FieldGroup {
  /** The `<form>`, or the container that holds the group's fields. */
  container: Element;
  isForm: boolean;
  /** Visible fields in document order. */
  fields: Field[];
  /** Password inputs of the same form or container that are present but hidden (two-step logins). */
  hiddenPasswords: number;
}

/**
 * A form with more visible fields than this, or with the page's navigation or footer inside, is
 * a page-wide wrapper (ASP.NET pages put search, login and newsletter in one `<form>`): it is
 * split like a formless page. A long sign-up form below it stays whole, so that its personal
 * details and its "Register" button count for its password.
 */
const MAX_FIELDS_OF_ONE_FORM = 12;
const PAGE_PARTS = 'nav, [role="navigation"], footer, [role="contentinfo"]';

function isOneForm(scope: Element | Document | ShadowRoot, fieldCount: number): scope is Element {
  return (
    'tagName' in scope && fieldCount <= MAX_FIELDS_OF_ONE_FORM && !scope.querySelector(PAGE_PARTS)
  );
}
/** Below this, a lone text field cannot be the first step of a two-step login (classify.ts). */
export const MIN_USERNAME_STEP_SCORE = 3;
/** How far a field's group may reach above it, in ancestors. */
const MAX_CLIMB = 12;

const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING, without touching the global Node

export function byDocumentOrder(a: Element, b: Element): number {
  if (a === b) return 0;
  return a.compareDocumentPosition(b) & FOLLOWING ? -1 : 1;
}

function scopeTop(scope: Element | Document | ShadowRoot): Element | null {
  if ('tagName' in scope) return scope;
  return (scope as Document).body ?? scope.firstElementChild;
}

const BUTTON_SELECTOR = 'button, input[type="submit"], input[type="image"], [role="button"]';

/**
 * Climb from `start` until `stop` holds for an ancestor, never past `top`. Returns the last
 * ancestor reached, so a field alone in its part of the page still gets a container.
 */
function climb(start: Element, top: Element | null, stop: (a: Element) => boolean): Element {
  let node = start.parentElement ?? start;
  for (let i = 0; i < MAX_CLIMB && node !== top && !stop(node); i++) {
    if (!node.parentElement) break;
    node = node.parentElement;
  }
  return node;
}

/** Partition the visible fields of one scope (a form or a root) by nearest common container. */
function clusterFields(fields: Field[], top: Element | null): FieldGroup[] {
  const taken = new Set<Field>();
  const groups: FieldGroup[] = [];
  const take = (container: Element) => {
    const members = fields.filter((f) => !taken.has(f) && container.contains(f.el));
    for (const f of members) taken.add(f);
    if (members.length)
      groups.push({ container, isForm: false, fields: members, hiddenPasswords: 0 });
  };
  // Each password field pulls in the nearest box that also holds a non-password field: its
  // username, or the rest of a sign-up form. Confirm fields in that box join the same group.
  for (const pw of fields) {
    if (!pw.isPassword || taken.has(pw)) continue;
    take(
      climb(pw.el, top, (a) =>
        fields.some((f) => !f.isPassword && !f.excluded && !taken.has(f) && a.contains(f.el)),
      ),
    );
  }
  // What is left may be the first step of a two-step login: its box is the one with a button.
  // Only a username-like field can start one (the others would be dropped by the classifier).
  for (const f of fields) {
    if (taken.has(f) || f.excluded || f.usernameScore < MIN_USERNAME_STEP_SCORE) continue;
    take(climb(f.el, top, (a) => a.querySelector(BUTTON_SELECTOR) !== null));
  }
  return groups;
}

export interface Candidate {
  el: HTMLInputElement;
  isPassword: boolean;
  /** Cheaply username-like (type, autocomplete, name, id, placeholder): may start a login step. */
  hinted: boolean;
}

/** Levels above a seed's first neighbour that still count as "near" (labels, wrappers). */
const NEAR_EXTRA_LEVELS = 2;

function scopeOf(el: HTMLInputElement): Element | Document | ShadowRoot {
  return el.form ?? (el.getRootNode() as Document | ShadowRoot);
}

/**
 * The inputs worth a closer look, before any style or layout is read: those of a form that has a
 * password or a username-like field, and, on formless parts of the page and in page-sized forms,
 * only those near one. A shop page with hundreds of quantity boxes costs nothing this way.
 */
export function relevantCandidates(candidates: Candidate[]): Candidate[] {
  const byScope = new Map<Element | Document | ShadowRoot, Candidate[]>();
  for (const c of candidates) {
    const scope = scopeOf(c.el);
    const list = byScope.get(scope);
    if (list) list.push(c);
    else byScope.set(scope, [c]);
  }
  const relevant: Candidate[] = [];
  for (const [scope, list] of byScope) {
    const seeds = list.filter((c) => c.isPassword || c.hinted);
    if (!seeds.length) continue;
    if (isOneForm(scope, list.length)) {
      relevant.push(...list);
      continue;
    }
    const top = scopeTop(scope);
    const near = seeds.map((seed) => {
      let box = climb(seed.el, top, (a) => list.some((c) => c !== seed && a.contains(c.el)));
      for (let i = 0; i < NEAR_EXTRA_LEVELS && box !== top && box.parentElement; i++) {
        box = box.parentElement;
      }
      return box;
    });
    relevant.push(...list.filter((c) => near.some((box) => box.contains(c.el))));
  }
  return relevant;
}

/**
 * Group the visible candidate fields. `allPasswords` are every password input of the pass,
 * visible or not, so that a group knows about a password step hidden for later.
 */
export function groupFields(visible: Field[], allPasswords: HTMLInputElement[]): FieldGroup[] {
  const byScope = new Map<Element | Document | ShadowRoot, Field[]>();
  for (const f of visible) {
    const scope = scopeOf(f.el);
    const list = byScope.get(scope);
    if (list) list.push(f);
    else byScope.set(scope, [f]);
  }
  const groups: FieldGroup[] = [];
  for (const [scope, fields] of byScope) {
    fields.sort((a, b) => byDocumentOrder(a.el, b.el));
    if (isOneForm(scope, fields.length)) {
      groups.push({ container: scope, isForm: true, fields, hiddenPasswords: 0 });
    } else {
      groups.push(...clusterFields(fields, scopeTop(scope)));
    }
  }
  const visibleSet = new Set(visible.map((f) => f.el));
  for (const pw of allPasswords) {
    if (visibleSet.has(pw)) continue;
    const group = groups.find((g) => g.container === pw.form || g.container.contains(pw));
    if (group) group.hiddenPasswords++;
  }
  return groups.sort((a, b) => byDocumentOrder(a.fields[0]!.el, b.fields[0]!.el));
}
