/**
 * The content script's half of the inline menu and the save prompt (issue 12): opens our frame on
 * a trusted focus or click on a detected field, keeps it honest (guard.ts), answers the
 * background's check before a fill, writes what the background sends, and closes the frame on
 * Escape, blur, scroll or any tampering. It never sees an item's name; it sees a credential
 * only in the one message that fills it.
 */
import type { DetectedForm } from '../lib/autofill/detect';
import { otpFieldsAt } from '../lib/autofill/detect-otp';
import { constraintsOf } from '../lib/autofill/field-constraints';
import { fillInput, fillOtp } from '../lib/autofill/fill-dom';
import type { CheckAnswer, ToContent } from '../lib/messaging/inpage';
import {
  canPark,
  createFrameHost,
  parkFrame,
  type FrameHost,
  type ParkedFrame,
} from './frame-host';
import { checkFrame, pageHides } from './guard';

type Send = (type: string, payload: unknown) => Promise<unknown>;

interface Open {
  token: string;
  frame: FrameHost;
  form?: DetectedForm;
  field?: HTMLInputElement;
}

const MENU_HEIGHT = 64;
const PROMPT_HEIGHT = 150;

function roleOf(form: DetectedForm, field: Element) {
  if (form.kind === 'login') {
    if (field === form.username) return 'username' as const;
    if (field === form.password) return 'password' as const;
    return undefined;
  }
  return field === form.password ? ('new-password' as const) : undefined;
}

/** A sign-up or change-password form's new password and its confirmation. */
function newPasswordFields(form: DetectedForm): HTMLInputElement[] {
  const main = form.password;
  if (!main) return [];
  const scope = main.form ?? main.getRootNode();
  const all = [...(scope as ParentNode).querySelectorAll<HTMLInputElement>('input[type=password]')];
  const current = (input: HTMLInputElement) =>
    /current-password/.test(input.autocomplete) || (all.length > 2 && input === all[0]);
  return [main, ...all.filter((input) => input !== main && !current(input))].slice(0, 2);
}

export function createMenuController(options: {
  forms: () => DetectedForm[];
  send: Send;
  menuUrl: string;
  /** The origin of our frame's document, the only one a token is handed to. */
  menuOrigin: string;
  signal: AbortSignal;
}) {
  const { signal } = options;
  let menu: Open | undefined;
  let prompt: Open | undefined;
  let opening: HTMLInputElement | undefined;
  /** The menu's frame, loaded ahead once the page has a login form (DESIGN §7: ≤ 50 ms). */
  let parked: ParkedFrame | undefined;
  let parking = false;

  function park() {
    if (!parking || parked || signal.aborted || !canPark()) return;
    parked = parkFrame(options.menuUrl);
  }

  function close(which: 'menu' | 'prompt', tell = true) {
    const open = which === 'menu' ? menu : prompt;
    if (!open) return;
    if (which === 'menu') menu = undefined;
    else prompt = undefined;
    open.frame.remove();
    // The next menu's frame, once this one is out of the way.
    if (which === 'menu') setTimeout(park, 100);
    if (tell) void options.send('inpage.closed', { token: open.token }).catch(() => undefined);
  }

  function show(
    which: 'menu' | 'prompt',
    token: string,
    form?: DetectedForm,
    field?: HTMLInputElement,
  ) {
    // A page already see-through gets a menu that says so, and fills nothing.
    const hidden = pageHides(field);
    const ahead = which === 'menu' ? parked : undefined;
    if (ahead) parked = undefined;
    const frame = createFrameHost({
      src: `${options.menuUrl}#${token}${hidden ? `&refused=${hidden}` : ''}`,
      anchor: field?.getBoundingClientRect(),
      height: which === 'menu' ? MENU_HEIGHT : PROMPT_HEIGHT,
      onTampered: () => close(which),
      parked: ahead,
      handOver: { token, ...(hidden ? { refused: hidden } : {}), origin: options.menuOrigin },
    });
    const open = { token, frame, form, field };
    if (which === 'menu') menu = open;
    else prompt = open;
  }

  /** `form` undefined: a one-time code field (its menu offers the code of the login just filled). */
  async function openMenu(form: DetectedForm | undefined, field: HTMLInputElement) {
    const role = form ? roleOf(form, field) : ('otp' as const);
    if (!role || menu?.field === field || opening === field) return;
    close('menu');
    opening = field;
    const answer = (await options
      .send('inpage.open', {
        field: role,
        form: form?.kind ?? 'login',
        ...(role === 'new-password' ? { constraints: constraintsOf(field) } : {}),
      })
      .catch(() => undefined)) as { token?: string } | undefined;
    opening = undefined;
    // Focus may have moved on while the background answered.
    const root = field.getRootNode() as Document | ShadowRoot;
    if (!answer?.token || signal.aborted || root.activeElement !== field) return;
    close('menu');
    show('menu', answer.token, form, field);
  }

  async function fill(open: Open, message: Extract<ToContent, { type: 'inpage.fill' }>) {
    const form = open.form;
    // Still the visible code field it was, since the page may have changed.
    if (message.otp !== undefined && !form && open.field) {
      fillOtp(otpFieldsAt(open.field), message.otp);
    }
    if (!form) return;
    // Only fields still found, and visible, since the page may have changed.
    const now = options
      .forms()
      .find((f) => f.password === form.password || f.username === form.username);
    if (message.username !== undefined && form.username && now?.username === form.username) {
      fillInput(form.username, message.username);
    }
    if (message.password !== undefined && form.password && now?.password === form.password) {
      fillInput(form.password, message.password);
    }
    if (message.newPassword !== undefined && now?.password === form.password) {
      for (const input of newPasswordFields(form)) fillInput(input, message.newPassword);
    }
  }

  function answer(message: ToContent): CheckAnswer | { ok: true; username?: string } | undefined {
    if (message.type === 'inpage.pending') return undefined;
    const which =
      menu?.token === message.token
        ? 'menu'
        : prompt?.token === message.token
          ? 'prompt'
          : undefined;
    const open = which === 'menu' ? menu : which === 'prompt' ? prompt : undefined;
    if (!open || !which) return undefined;
    switch (message.type) {
      case 'inpage.check': {
        const reason = checkFrame(open.frame, open.field, message.point);
        if (reason) return { ok: false, reason };
        return { ok: true, username: open.form?.username?.value.trim() ?? '' };
      }
      case 'inpage.fill':
        void fill(open, message).then(() => close(which, false));
        return { ok: true };
      case 'inpage.resize':
        open.frame.resize(message.height);
        return { ok: true };
      case 'inpage.close':
        close(which, false);
        open.field?.focus({ preventScroll: true });
        return { ok: true };
    }
  }

  const listen = { capture: true, signal };
  const target = (event: Event) => event.composedPath()[0] ?? event.target;
  const onField = (event: Event) => {
    if (!event.isTrusted) return;
    const field = target(event);
    if (!(field instanceof HTMLInputElement)) return;
    const form = options.forms().find((f) => f.username === field || f.password === field);
    if (form) void openMenu(form, field);
    else if (otpFieldsAt(field).length > 0) void openMenu(undefined, field);
  };
  /**
   * Focus opens the menu only when the user moved it with Tab: `focus()` from a script (the
   * page's, or our own fill) makes trusted focus events too.
   */
  let tabbedAt = -Infinity;
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.isTrusted && event.key === 'Tab') tabbedAt = performance.now();
    },
    listen,
  );
  document.addEventListener(
    'focusin',
    (event) => {
      const now = target(event);
      if (menu && now !== menu.field && now !== menu.frame.host) close('menu');
      if (performance.now() - tabbedAt < 500) onField(event);
    },
    listen,
  );
  document.addEventListener('click', onField, listen);
  document.addEventListener(
    'pointerdown',
    (event) => {
      const now = target(event);
      if (menu && now !== menu.field && now !== menu.frame.host) close('menu');
    },
    listen,
  );
  document.addEventListener(
    'keydown',
    (event) => {
      if (!menu || !event.isTrusted || target(event) !== menu.field) return;
      if (event.key === 'Escape') close('menu');
      else if (event.key === 'ArrowDown') {
        event.preventDefault();
        // Firefox moves focus into the frame through its window only.
        menu.frame.iframe.focus();
        menu.frame.iframe.contentWindow?.focus();
      }
    },
    listen,
  );
  document.addEventListener(
    'input',
    (event) => {
      // Only what the user types filters: a page's own `input` events could probe the logins'
      // names by whether the menu stays open.
      if (!event.isTrusted || !menu || target(event) !== menu.field) return;
      // Typing a password: the menu would only cover the form's button.
      if (menu.field !== menu.form?.username) return close('menu');
      const query = menu.field.value;
      void options.send('inpage.filter', { token: menu.token, query }).catch(() => undefined);
    },
    listen,
  );
  // Scrolling or resizing moves the field away from where the menu points.
  addEventListener('scroll', () => menu && close('menu'), listen);
  addEventListener('resize', () => menu && close('menu'), listen);

  return {
    /** From the background only (runtime.onMessage): web pages cannot send here. */
    answer,
    showPrompt(token: string) {
      close('prompt');
      show('prompt', token);
    },
    /** The background would open menus here, and the page has a login form: load one ahead. */
    prepare() {
      parking = true;
      park();
    },
    closeAll() {
      parking = false;
      parked?.remove();
      parked = undefined;
      close('menu');
      close('prompt');
    },
  };
}
