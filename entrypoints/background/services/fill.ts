/**
 * Filling a login into a page, only when the user asks (DESIGN §6). The popup (or the fill
 * shortcut) names the login; the fill script is injected into the active tab's frames that the
 * user's gesture (activeTab) or a granted host permission covers; each frame with login fields
 * asks for its credential, and `decideFill` (lib/autofill/policy.ts) judges that frame from what
 * the browser reports about it (`sender`), never from what the page or the script says. A frame
 * gets the credential only for its own fields, only while that fill is under way.
 */
import { browser } from 'wxt/browser';
import { decideFill, type Confirmed } from '@/lib/autofill/policy';
import type { FillOutcome, FillReason, FrameFillAnswer } from '@/lib/messaging/protocol';
import type { LoginItem } from '@/lib/vault/item';
import { currentOtp } from '@/lib/vault/totp';
import type { Sender } from '../router';
import { frameFactsOf, originOf } from './inpage-frames';

/** What a frame's fill script found (protocol 'autofill.request'). */
export interface FrameFields {
  username: boolean;
  password: boolean;
  otp?: boolean;
  otpBoxes?: number;
  formAction?: string;
  otherFrames?: string[];
}

/** A fill the user started: frames of this tab may ask until it ends (the injection resolved). */
interface Intent {
  item: LoginItem;
  confirmed: Confirmed;
  answers: FrameFillAnswer[];
  /** A frame took the login's one-time code: nothing left to copy for the next step. */
  codeFilled?: boolean;
}

/** The login a tab was last filled with, for the password step of a two-step login. */
const REMEMBER_MS = 5 * 60_000;

/** Which outcome the popup shows when frames disagree: a fill anywhere wins, then a question. */
const REASON_ORDER: FillReason[] = [
  'no-host-access',
  'no-match',
  'opaque-origin',
  'not-web',
  'frame-other-site',
  'no-form',
];

/** How long the popup, opened by the fill shortcut, may still show why nothing was filled. */
const NOTICE_MS = 30_000;

export function createFillService(deps: {
  /** The login to fill, if it is one in the open vault. */
  login: (id: string) => LoginItem | undefined;
  /** The ids of the logins saved for `url`'s site, best first (the popup's own order). */
  loginsFor: (url: string) => string[];
  /** Groups of sites that share accounts: the built-in ones and the user's (Settings). */
  equivalents?: () => readonly (readonly string[])[];
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const intents = new Map<number, Intent>();
  const remembered = new Map<number, { itemId: string; at: number }>();
  /** Per tab, the login the shortcut filled last, so the next press takes the next one. */
  const cycled = new Map<number, string>();
  let notice: { outcome: FillOutcome; itemId?: string; at: number } | undefined;

  async function activeTab() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id === undefined ? undefined : tab;
  }

  async function tabById(tabId: number | undefined) {
    if (tabId === undefined) return activeTab();
    return browser.tabs.get(tabId).catch(() => undefined);
  }

  function combine(answers: FrameFillAnswer[]): FillOutcome {
    const filled = answers.filter((a) => a.kind === 'fill').length;
    if (filled > 0) return { kind: 'filled', frames: filled };
    const question = answers.find((a) => a.kind === 'confirm');
    if (question) return question;
    const refusals = answers.flatMap((a) => (a.kind === 'refused' ? [a] : []));
    const reason = REASON_ORDER.find((r) => refusals.some((a) => a.reason === r)) ?? 'no-form';
    return refusals.find((a) => a.reason === reason) ?? { kind: 'refused', reason };
  }

  async function fillInto(
    tab: { id?: number } | undefined,
    itemId: string,
    confirmed: Confirmed,
  ): Promise<FillOutcome> {
    const item = deps.login(itemId);
    if (!item) return { kind: 'refused', reason: 'not-a-login' };
    if (!tab?.id) return { kind: 'refused', reason: 'no-tab' };
    const intent: Intent = { item, confirmed, answers: [] };
    intents.set(tab.id, intent);
    try {
      // Frames the grant does not cover are skipped by the browser; a page it does not cover
      // at all (a browser page, the store) makes the injection throw.
      await browser.scripting.executeScript({
        target: { tabId: tab.id, allFrames: true },
        files: ['/fill.js'],
      });
    } catch {
      return { kind: 'refused', reason: 'not-web' };
    } finally {
      if (intents.get(tab.id) === intent) intents.delete(tab.id);
    }
    const outcome = combine(intent.answers);
    if (outcome.kind !== 'filled') return outcome;
    remembered.set(tab.id, { itemId, at: now() });
    // No field took the code here: the popup copies it, for the page that asks for it next.
    const code = intent.codeFilled ? undefined : currentOtp(item.otp, now());
    return code ? { ...outcome, code } : outcome;
  }

  const service = {
    /**
     * Fills login `itemId` into the active tab, or into tab `tabId` that a popup in a window of
     * its own was opened for (protocol 'autofill.fill').
     */
    async fillTab(itemId: string, confirmed: Confirmed = {}, tabId?: number): Promise<FillOutcome> {
      return fillInto(await tabById(tabId), itemId, confirmed);
    },

    /** A frame's fill script asks for its credential (protocol 'autofill.request'). */
    answerFrame(sender: Sender, fields: FrameFields): FrameFillAnswer {
      const tabId = sender.tab?.id;
      const intent = tabId === undefined ? undefined : intents.get(tabId);
      if (!intent) return { kind: 'none' }; // no fill under way: a page cannot ask for one
      // Only where the frame has a field for it, and computed now: the code, never the setup.
      const current = fields.otp ? currentOtp(intent.item.otp, now()) : undefined;
      // A row of boxes of another length cannot take it: the popup copies it for pasting.
      const code = fields.otpBoxes && current?.length !== fields.otpBoxes ? undefined : current;
      if (!fields.username && !fields.password && !current) {
        const frameSite = fields.otherFrames?.map(originOf).find((origin) => origin !== 'null');
        intent.answers.push(
          frameSite
            ? { kind: 'refused', reason: 'frame-other-site', frameSite }
            : { kind: 'refused', reason: 'no-form' },
        );
        return { kind: 'none' };
      }
      const facts = { ...frameFactsOf(sender), formAction: fields.formAction };
      const decision = decideFill(intent.item, facts, intent.confirmed, deps.equivalents?.());
      const answer: FrameFillAnswer =
        decision.kind === 'fill'
          ? {
              kind: 'fill',
              ...(fields.username ? { username: intent.item.username } : {}),
              ...(fields.password ? { password: intent.item.password } : {}),
              ...(code ? { otp: code } : {}),
            }
          : decision.kind === 'confirm'
            ? decision
            : { kind: 'refused', reason: decision.reason };
      // What the popup learns; the credential itself stays out of it.
      intent.answers.push(answer.kind === 'fill' ? { kind: 'fill' } : answer);
      if (answer.kind === 'fill' && code) intent.codeFilled = true;
      return answer;
    },

    /** The inline menu filled login `itemId` into tab `tabId`: the password step fills it too. */
    filled(tabId: number, itemId: string) {
      remembered.set(tabId, { itemId, at: now() });
    },

    /** The login remembered for tab `tabId` (or the active tab), for the popup. */
    async rememberedIn(tabId?: number): Promise<{ itemId?: string }> {
      const tab = await tabById(tabId);
      const itemId = tab?.id === undefined ? undefined : service.rememberedFor(tab.id);
      return itemId ? { itemId } : {};
    },

    /** The login last filled into this tab, within five minutes (a two-step login's next page). */
    rememberedFor(tabId: number): string | undefined {
      const entry = remembered.get(tabId);
      return entry && now() - entry.at < REMEMBER_MS ? entry.itemId : undefined;
    },

    /**
     * The fill shortcut: the first login saved for the tab's site (the one a two-step login
     * used, if any), the next one on the next press. Returns what to tell the user when nothing
     * was filled; the shortcut then opens the popup, which shows it (`takeNotice`).
     */
    async fillByShortcut(): Promise<FillOutcome> {
      const tab = await activeTab();
      const ids = tab?.url ? deps.loginsFor(tab.url) : [];
      let outcome: FillOutcome;
      let itemId: string | undefined;
      if (!tab?.id || !tab.url) outcome = { kind: 'refused', reason: 'no-tab' };
      else if (ids.length === 0) outcome = { kind: 'refused', reason: 'no-match' };
      else {
        const last = cycled.get(tab.id);
        const first = service.rememberedFor(tab.id);
        const ordered =
          first && ids.includes(first) ? [first, ...ids.filter((id) => id !== first)] : ids;
        const next =
          last === undefined ? ordered[0]! : ordered[(ordered.indexOf(last) + 1) % ordered.length]!;
        cycled.set(tab.id, next);
        itemId = next;
        outcome = await fillInto(tab, next, {});
      }
      notice = outcome.kind === 'filled' ? undefined : { outcome, itemId, at: now() };
      return outcome;
    },

    /** Why the last shortcut filled nothing, once, if it was just now. */
    takeNotice(): { outcome?: FillOutcome; itemId?: string } {
      const taken = notice && now() - notice.at < NOTICE_MS ? notice : undefined;
      notice = undefined;
      return taken ? { outcome: taken.outcome, itemId: taken.itemId } : {};
    },

    /** The vault locked: no fill may finish, nothing is remembered. */
    clear() {
      intents.clear();
      remembered.clear();
      cycled.clear();
      notice = undefined;
    },
  };
  return service;
}
