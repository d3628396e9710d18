/**
 * The always-on content script (DESIGN §6): runs in every frame of the sites the user allowed
 * (the optional host access; the background registers it for exactly those origins) and tells
 * the background one thing, whether this frame has login fields, so the toolbar badge can show
 * how many logins match. It never learns anything about items. The inline menu and the save
 * prompt (next) build on it.
 *
 * Detection starts once the page has loaded and follows its changes, coalesced: at most one pass
 * every 250 ms, none while the tab is hidden, and a mutation batch that adds no form control
 * costs no pass. Every listener and
 * timer belongs to WXT's content-script context, so an updated or removed extension leaves
 * nothing running in the page.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { detectLoginForms } from '@/lib/autofill/detect';
import { addsFormControls, createPassScheduler } from '@/lib/autofill/watch';
import { BUILD_ID } from '@/lib/messaging/build';

/** ≤ 4 detection passes a second. */
const MIN_PASS_INTERVAL_MS = 250;

function watchFields(ctx: ContentScriptContext) {
  let reported: boolean | undefined;

  const pass = () => {
    if (ctx.isInvalid) return;
    const present = detectLoginForms(document).some((form) => form.kind === 'login');
    if (present === reported) return;
    reported = present;
    browser.runtime
      .sendMessage({ type: 'autofill.fields', build: BUILD_ID, payload: { present } })
      .catch(() => undefined); // the extension was updated or removed: nothing to tell
  };

  const scheduler = createPassScheduler({
    pass,
    minIntervalMs: MIN_PASS_INTERVAL_MS,
    hidden: () => document.visibilityState === 'hidden',
    setTimeout: (run, ms) => ctx.setTimeout(run, ms),
    clearTimeout: (id) => clearTimeout(id),
    now: () => performance.now(),
  });

  const observer = new MutationObserver((records) => {
    if (addsFormControls(records)) scheduler.request();
  });
  ctx.onInvalidated(() => {
    observer.disconnect();
    scheduler.stop();
  });
  // Out of the page's way while it loads: the first pass and the observer start after `load`.
  const start = () => {
    if (ctx.isInvalid) return;
    observer.observe(document, { childList: true, subtree: true });
    ctx.addEventListener(document, 'visibilitychange', () => scheduler.visibilityChanged());
    // A single-page app's navigation may swap the form without adding new nodes of its own.
    ctx.addEventListener(window, 'wxt:locationchange', () => scheduler.request());
    scheduler.request();
  };
  if (document.readyState === 'complete') start();
  else ctx.addEventListener(window, 'load', () => ctx.setTimeout(start, 0), { once: true });
}

export default defineContentScript({
  // Registered at runtime by the background, for the origins the user granted (services/fields.ts).
  registration: 'runtime',
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  main: watchFields,
});
