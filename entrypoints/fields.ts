/**
 * The always-on content script (DESIGN §6): runs in every frame of the sites the user allowed
 * (the optional host access; the background registers it for exactly those origins) and tells
 * the background one thing, whether this frame has login fields, so the toolbar badge can show
 * how many logins match. It never learns anything about items. The inline menu and the save
 * prompt (next) build on it.
 *
 * Detection starts once the page has loaded and follows its changes, coalesced: at most one pass
 * every 250 ms, none while the tab is hidden, and a mutation batch that adds no form control
 * costs no pass. Every listener and timer belongs to one context (below), so an updated or
 * removed extension leaves nothing running in the page.
 */
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { detectLoginForms as detect, type DetectedForm } from '@/lib/autofill/detect';
import { addsFormControls, createPassScheduler } from '@/lib/autofill/watch';
import { BUILD_ID } from '@/lib/messaging/build';
import type { ToContent } from '@/lib/messaging/inpage';
import { createMenuController } from '@/inpage/menu-controller';
import { watchSubmissions } from '@/inpage/submissions';

/** ≤ 4 detection passes a second. */
const MIN_PASS_INTERVAL_MS = 250;

/**
 * This script's lifetime in the page. Not WXT's ContentScriptContext: that one announces every
 * start to the page (a `window.postMessage` and a DOM event carrying the extension's id), so any
 * site could tell Cassaforte is installed, learn its id, and stop the script with a forged event.
 * Here the only end is the extension going away (updated, disabled, removed), which the script
 * notices when `runtime.id` is gone; every listener and timer is tied to the one AbortSignal.
 */
function pageContext() {
  const controller = new AbortController();
  const { signal } = controller;
  const ctx = {
    signal,
    get isInvalid(): boolean {
      if (browser.runtime?.id == null) controller.abort();
      return signal.aborted;
    },
    onInvalidated(run: () => void) {
      signal.addEventListener('abort', run, { once: true });
    },
    setTimeout(run: () => void, ms: number): number {
      const id = setTimeout(() => {
        if (!ctx.isInvalid) run();
      }, ms);
      signal.addEventListener('abort', () => clearTimeout(id), { once: true });
      return id as unknown as number;
    },
    addEventListener(target: EventTarget, type: string, listener: () => void) {
      target.addEventListener(type, listener, { signal });
    },
    invalidate: () => controller.abort(),
  };
  return ctx;
}

type PageContext = ReturnType<typeof pageContext>;

/** One protocol message to the background; its answer's data, or a rejection. */
async function send(type: string, payload: unknown): Promise<unknown> {
  const answer = (await browser.runtime.sendMessage({ type, build: BUILD_ID, payload })) as
    { ok: boolean; data?: unknown } | undefined;
  if (!answer?.ok) throw new Error(type);
  return answer.data;
}

/**
 * Our frame's document origin. Chrome loads menu.html at a random "dynamic" host (use_dynamic_url,
 * so pages cannot probe for it), yet the document's origin there is the extension's id.
 */
function menuOrigin(): string {
  const url = new URL(browser.runtime.getURL('/'));
  return url.protocol === 'chrome-extension:'
    ? `chrome-extension://${browser.runtime.id}`
    : url.origin;
}

function watchFields(ctx: PageContext) {
  let reported: boolean | undefined;
  /** The forms of the last pass; a field focused before the next pass is looked up afresh. */
  let forms: DetectedForm[] = [];

  /** The background would open the inline menu in this frame (its answer to the report). */
  let menuWanted = false;

  const pass = () => {
    if (ctx.isInvalid) return;
    forms = detect(document);
    if (menuWanted && forms.length) menu.prepare();
    const present = forms.some((form) => form.kind === 'login');
    if (present === reported) return;
    reported = present;
    send('autofill.fields', { present })
      .then((data) => {
        menuWanted = (data as { menu?: boolean }).menu === true;
        if (menuWanted && forms.length) menu.prepare();
      })
      .catch(() => {
        // The extension was updated or removed: nothing to tell, and nothing left to do.
        if (browser.runtime?.id == null) ctx.invalidate();
      });
  };
  const formsNow = () => forms;
  const formsFresh = () => (forms = detect(document));

  const menu = createMenuController({
    forms: formsFresh,
    send,
    menuUrl: browser.runtime.getURL('/menu.html'),
    menuOrigin: menuOrigin(),
    signal: ctx.signal,
  });
  ctx.onInvalidated(() => menu.closeAll());
  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    // Only the background: web pages cannot message a content script, other extensions can.
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
    if ((message as ToContent).type === 'inpage.pending') {
      askPending();
      return Promise.resolve({ ok: true });
    }
    const answer = menu.answer(message as ToContent);
    return answer === undefined ? undefined : Promise.resolve(answer);
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  const askPending = () => {
    if (window !== window.top) return;
    send('inpage.pending', {})
      .then((data) => {
        const token = (data as { token?: string }).token;
        if (token) menu.showPrompt(token);
      })
      .catch(() => undefined);
  };
  watchSubmissions({
    forms: formsNow,
    signal: ctx.signal,
    submitted(submission, form) {
      void send('inpage.submitted', submission).catch(() => undefined);
      // A single-page app: the form goes away without a navigation; the prompt shows here.
      ctx.setTimeout(() => {
        const field = form.password;
        const gone = !field?.isConnected || !formsFresh().some((f) => f.password === field);
        if (gone) askPending();
      }, 1500);
    },
  });

  const scheduler = createPassScheduler({
    pass,
    minIntervalMs: MIN_PASS_INTERVAL_MS,
    hidden: () => document.visibilityState === 'hidden',
    setTimeout: (run, ms) => ctx.setTimeout(run, ms),
    clearTimeout: (id) => clearTimeout(id),
    now: () => performance.now(),
  });

  const observer = new MutationObserver((records) => {
    if (ctx.isInvalid) return;
    if (addsFormControls(records)) scheduler.request();
  });
  ctx.onInvalidated(() => {
    observer.disconnect();
    scheduler.stop();
  });
  // Out of the page's way while it loads: the first pass and the observer start after `load`.
  const start = () => {
    if (ctx.isInvalid) return;
    askPending();
    observer.observe(document, { childList: true, subtree: true });
    ctx.addEventListener(document, 'visibilitychange', () => scheduler.visibilityChanged());
    // A single-page app's navigation may swap the form without adding nodes of its own.
    ctx.addEventListener(window, 'popstate', () => scheduler.request());
    ctx.addEventListener(window, 'hashchange', () => scheduler.request());
    // The first pass in idle time: the badge can wait a moment, the page's own work cannot.
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(() => scheduler.request(), { timeout: 1000 });
      ctx.onInvalidated(() => cancelIdleCallback(id));
    } else {
      scheduler.request();
    }
  };
  if (document.readyState === 'complete') start();
  else ctx.addEventListener(window, 'load', () => ctx.setTimeout(start, 0));
}

// Registered at runtime by the background, in all frames of the origins the user granted
// (services/fields.ts); an unlisted script, so WXT adds nothing of its own around it.
export default defineUnlistedScript(() => watchFields(pageContext()));
