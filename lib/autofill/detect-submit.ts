/**
 * The button that submits (or, in a two-step login, advances) a detected form: the one a person
 * would press after typing. Social sign-in, "show password", "forgot" and close buttons never are.
 */
import type { DetectedKind } from './detect';
import { BUTTONS, buttonText, type Button, type GroupContext } from './detect-context';
import type { FieldGroup } from './detect-group';
import type { VisibilityCheck } from './detect-visibility';
import { LOGIN_WORDS, NEXT_WORDS, NOT_SUBMIT_WORDS, SIGNUP_WORDS } from './words';

/** How many boxes above the group a button may sit. */
const MAX_BUTTON_CLIMB = 2;
const FOLLOWING = 4;

function scoreButton(
  button: Button,
  kind: DetectedKind,
  twoStep: boolean,
  anchor: Element,
): number {
  const { text } = button;
  if (NOT_SUBMIT_WORDS.test(text)) return -Infinity;
  let score = button.submits ? 3 : 0;
  if (kind === 'login' && LOGIN_WORDS.test(text)) score += 4;
  if (kind === 'signup' && SIGNUP_WORDS.test(text)) score += 4;
  if (kind === 'login' && SIGNUP_WORDS.test(text)) score -= 3;
  if (twoStep && NEXT_WORDS.test(text)) score += 3;
  // After the credentials is where the button is; one before them belongs to something else.
  score += anchor.compareDocumentPosition(button.el) & FOLLOWING ? 1 : -3;
  return score;
}

/**
 * Buttons a little above the group, after its fields: formless groups often keep theirs one or
 * two boxes up, and some forms are submitted by a script-driven button outside the `<form>`.
 */
function buttonsAbove(group: FieldGroup, anchor: Element): Button[] {
  const form = group.isForm ? group.container : null;
  let node = group.container.parentElement;
  for (let i = 0; node && i < MAX_BUTTON_CLIMB; i++, node = node.parentElement) {
    const found = Array.from(node.querySelectorAll<HTMLElement>(BUTTONS)).filter(
      (el) =>
        anchor.compareDocumentPosition(el) & FOLLOWING &&
        !group.container.contains(el) &&
        (el.closest('form') ?? form) === form,
    );
    if (found.length) {
      return found.slice(0, 3).map((el) => ({ el, text: buttonText(el), submits: true }));
    }
  }
  return [];
}

function bestButton(
  buttons: Button[],
  kind: DetectedKind,
  twoStep: boolean,
  anchor: Element,
  isVisible: VisibilityCheck,
): HTMLElement | null {
  let best: HTMLElement | null = null;
  let bestScore = 0;
  for (const button of buttons) {
    const score = scoreButton(button, kind, twoStep, anchor);
    if (score > bestScore && isVisible(button.el)) {
      best = button.el;
      bestScore = score;
    }
  }
  return best;
}

/** `anchor` is the last credential field: the password, or the username of a two-step login. */
export function pickSubmit(
  group: FieldGroup,
  ctx: GroupContext,
  kind: DetectedKind,
  anchor: Element,
  isVisible: VisibilityCheck,
): HTMLElement | null {
  const twoStep = kind === 'login' && anchor.getAttribute('type') !== 'password';
  return (
    bestButton(ctx.buttons, kind, twoStep, anchor, isVisible) ??
    bestButton(buttonsAbove(group, anchor), kind, twoStep, anchor, isVisible)
  );
}
