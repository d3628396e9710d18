/**
 * Scoring of detections against the corpus labels, per field type.
 *
 * A detection names its fields by the label id the corpus server gave them (or null for a field
 * that carried no label). For the username and the password of every form of kind `login`:
 * a labelled field of that type is a true positive, anything else a false positive, and a labelled
 * field that no login form names a false negative. Sign-up and change-password detections are
 * counted apart and never score. Positive pages without any label (the corpus has some) can only
 * add false positives.
 */
import type { Label } from './corpus-server';

export interface Detection {
  kind: 'login' | 'signup' | 'change-password';
  username: string | null;
  password: string | null;
  submit: string | null;
  /** Fields found but unlabelled: present in the detection, but with no label id. */
  unlabelled: Array<'username' | 'password' | 'submit'>;
}

export interface PageResult {
  path: string;
  negative: boolean;
  /** Label ids on this page and its frames. */
  labelIds: string[];
  detections: Detection[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores {
  username: Counts;
  password: Counts;
  submit: Counts;
  negativePages: number;
  negativePagesWithLogin: string[];
  signupOnPositive: number;
  signupOnNegative: number;
  changeOnPositive: number;
  changeOnNegative: number;
  /** Labelled login fields that a sign-up or change-password detection took. */
  labelledTakenAsSignup: number;
  misses: string[];
  falsePositives: string[];
}

export function prf(c: Counts): { p: number; r: number; f1: number } {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

function scoreField(
  page: PageResult,
  labels: Map<string, Label>,
  field: 'username' | 'password' | 'submit',
  counts: Counts,
  out: Scores,
): void {
  const wanted = field === 'submit' ? 'next' : field;
  const truth = new Set(page.labelIds.filter((id) => labels.get(id) === wanted));
  const found = new Set<string>();
  for (const d of page.detections) {
    if (d.kind !== 'login') continue;
    const id = d[field];
    if (id !== null && truth.has(id)) found.add(id);
    else if (id !== null || d.unlabelled.includes(field)) {
      counts.fp++;
      if (field !== 'submit')
        out.falsePositives.push(`${page.path} ${field} ${id ?? '(unlabelled)'}`);
    }
  }
  counts.tp += found.size;
  for (const id of truth) {
    if (found.has(id)) continue;
    counts.fn++;
    if (field !== 'submit') out.misses.push(`${page.path} ${field} ${id}`);
    const other = page.detections.some((d) => d.kind !== 'login' && d[field] === id);
    if (other && field !== 'submit') out.labelledTakenAsSignup++;
  }
}

export function scorePages(pages: PageResult[], labels: Map<string, Label>): Scores {
  const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
  const out: Scores = {
    username: zero(),
    password: zero(),
    submit: zero(),
    negativePages: 0,
    negativePagesWithLogin: [],
    signupOnPositive: 0,
    signupOnNegative: 0,
    changeOnPositive: 0,
    changeOnNegative: 0,
    labelledTakenAsSignup: 0,
    misses: [],
    falsePositives: [],
  };
  for (const page of pages) {
    const signups = page.detections.filter((d) => d.kind === 'signup').length;
    const changes = page.detections.filter((d) => d.kind === 'change-password').length;
    if (page.negative) {
      out.negativePages++;
      out.signupOnNegative += signups;
      out.changeOnNegative += changes;
      if (page.detections.some((d) => d.kind === 'login'))
        out.negativePagesWithLogin.push(page.path);
      continue;
    }
    out.signupOnPositive += signups;
    out.changeOnPositive += changes;
    scoreField(page, labels, 'username', out.username, out);
    scoreField(page, labels, 'password', out.password, out);
    scoreField(page, labels, 'submit', out.submit, out);
  }
  return out;
}
