/**
 * The fill script (DESIGN §6): injected by the background into the frames of the active tab when
 * the user asks for a fill (activeTab + scripting; no host permission needed), once per request.
 * It finds this frame's login fields, tells the background only which fields exist, and writes
 * the credential the background answers with, for this frame only, after checking again that the
 * fields are still the visible ones it found. No framework, no listeners left behind.
 */
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { detectLoginForms, type DetectedForm } from '@/lib/autofill/detect';
import { findOtpFields, sameFields } from '@/lib/autofill/detect-otp';
import { fillInput, fillOtp } from '@/lib/autofill/fill-dom';
import { BUILD_ID } from '@/lib/messaging/build';
import type { FrameFillAnswer } from '@/lib/messaging/protocol';

/** Where the form sends what is typed, if its markup says so (for the policy's warning). */
function formActionOf(form: DetectedForm): string | undefined {
  const owner = form.password?.form ?? form.username?.form;
  const action =
    form.submit?.getAttribute('formaction') ?? owner?.getAttribute('action') ?? undefined;
  if (!action || /^\s*javascript:/i.test(action)) return undefined;
  try {
    return new URL(action, document.baseURI).href;
  } catch {
    return undefined;
  }
}

/** Without a form here: the visible frames of other sites, one of which may hold it. */
function otherSiteFrames(): string[] {
  const origins = new Set<string>();
  for (const frame of document.querySelectorAll('iframe')) {
    const rect = frame.getBoundingClientRect();
    if (rect.width < 40 || rect.height < 40) continue;
    try {
      const { origin } = new URL(frame.src, document.baseURI);
      if (/^https?:/.test(origin) && origin !== location.origin) origins.add(origin);
    } catch {
      // not a URL: nothing to name
    }
  }
  return [...origins].slice(0, 8);
}

async function fillThisFrame(): Promise<string> {
  const form = detectLoginForms(document).find((found) => found.kind === 'login');
  const formAction = form && formActionOf(form);
  // A second factor's field, on the login page or the page after it: the login's code goes there.
  const otpFields = findOtpFields(document);
  const otpField = otpFields.length > 0;
  const fields = {
    username: Boolean(form?.username),
    password: Boolean(form?.password),
    ...(otpField ? { otp: true } : {}),
    // One box per digit: the code goes in only if it has as many digits.
    ...(otpFields.length > 1 ? { otpBoxes: otpFields.length } : {}),
    ...(formAction ? { formAction } : {}),
    ...(form || otpField ? {} : { otherFrames: otherSiteFrames() }),
  };
  const answer = (await browser.runtime.sendMessage({
    type: 'autofill.request',
    build: BUILD_ID,
    payload: fields,
  })) as { ok: boolean; data?: FrameFillAnswer } | undefined;
  const reply = answer?.ok ? answer.data : undefined;
  if (reply?.kind !== 'fill') return reply?.kind ?? 'none';
  // The page may have changed since detection: fill only fields still found, and visible.
  const now = form && detectLoginForms(document).find((found) => found.kind === 'login');
  if (reply.username !== undefined && form?.username && now?.username === form.username) {
    fillInput(form.username, reply.username);
  }
  if (reply.password !== undefined && form?.password && now?.password === form.password) {
    fillInput(form.password, reply.password);
  }
  if (reply.otp !== undefined && otpField && sameFields(findOtpFields(document), otpFields)) {
    fillOtp(otpFields, reply.otp);
  }
  return 'fill';
}

export default defineUnlistedScript(() => fillThisFrame());
