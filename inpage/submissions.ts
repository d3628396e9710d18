/**
 * Notices a submitted login, sign-up or change-password form (issue 12): a `submit` event, or a
 * trusted click on the detected submit button or Enter in one of the fields (single-page apps
 * often submit with neither a form nor a navigation), of a form whose password the user typed.
 * What was typed goes to the background at once, which holds it in memory for the save prompt;
 * the content script keeps nothing.
 */
import type { DetectedForm } from '../lib/autofill/detect';

export interface Submission {
  kind: DetectedForm['kind'];
  username: string;
  password: string;
  oldPassword?: string;
}

/** The form's other password fields: a change-password form's current one, a confirmation. */
function passwordsOf(form: DetectedForm): HTMLInputElement[] {
  const scope = form.password?.form ?? form.password?.getRootNode();
  if (!scope || !('querySelectorAll' in scope)) return [];
  return [...(scope as ParentNode).querySelectorAll<HTMLInputElement>('input[type=password]')];
}

export function submissionOf(form: DetectedForm): Submission | undefined {
  const password = form.password?.value ?? '';
  if (!password) return undefined;
  const submission: Submission = {
    kind: form.kind,
    username: form.username?.value.trim() ?? '',
    password,
  };
  if (form.kind === 'change-password') {
    const current = passwordsOf(form).find(
      (input) => input !== form.password && input.value && input.value !== password,
    );
    if (current) submission.oldPassword = current.value;
  }
  return submission;
}

function isSubmitOf(form: DetectedForm, target: EventTarget | null): boolean {
  return target instanceof Node && Boolean(form.submit?.contains(target));
}

function isFieldOf(form: DetectedForm, target: EventTarget | null): boolean {
  return target !== null && (target === form.password || target === form.username);
}

export function watchSubmissions(options: {
  forms: () => DetectedForm[];
  signal: AbortSignal;
  submitted: (submission: Submission, form: DetectedForm) => void;
}) {
  /**
   * Password fields the user typed or pasted into (trusted input). Only their forms are reported:
   * a page that sets a password and submits by script would otherwise have every guess checked
   * against the account password and learn from the warning whether it was right.
   */
  const typed = new WeakSet<EventTarget>();
  let last = '';
  const report = (form: DetectedForm | undefined) => {
    const submission = form && submissionOf(form);
    if (!form?.password || !submission || !typed.has(form.password)) return;
    // A submit click, then the submit event it causes: one report.
    const key = `${submission.username}\n${submission.password}`;
    if (key === last) return;
    last = key;
    setTimeout(() => {
      if (last === key) last = '';
    }, 1000);
    options.submitted(submission, form);
  };
  const listen = { capture: true, signal: options.signal };
  document.addEventListener(
    'input',
    (event) => {
      const field = event.composedPath()[0] ?? event.target;
      if (event.isTrusted && field instanceof HTMLInputElement) {
        typed.add(field);
      }
    },
    listen,
  );
  document.addEventListener(
    'submit',
    (event) => {
      // Also one the page's script submitted (requestSubmit): what the user typed is the same.
      report(options.forms().find((f) => f.password?.form === event.target));
    },
    listen,
  );
  document.addEventListener(
    'click',
    (event) => {
      if (!event.isTrusted) return;
      const target = event.composedPath()[0] ?? event.target;
      report(options.forms().find((f) => isSubmitOf(f, target)));
    },
    listen,
  );
  document.addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted || event.key !== 'Enter') return;
      const target = event.composedPath()[0] ?? event.target;
      report(options.forms().find((f) => isFieldOf(f, target)));
    },
    listen,
  );
}
