/**
 * Our frames in web pages (issue 12, DESIGN §6): the inline menu on a detected field and the save
 * prompt after a submitted form. The content script asks for a frame and gets a token; the frame
 * (menu.html, in a closed shadow root the page cannot read) shows what `state` says. Every fill
 * first asks the field's content script to check that the page is not hiding or covering our
 * frame (`inpage.check`), then goes through the one policy function, `decideFill`, with what the
 * browser reported about the field's frame when it opened the menu.
 */
import { browser } from 'wxt/browser';
import { decideFill, type Confirmed, type FrameFacts } from '@/lib/autofill/policy';
import { siteOf } from '@/lib/autofill/origin';
import {
  type CheckAnswer,
  type FieldConstraints,
  type FormKind,
  type MenuOutcome,
  type MenuState,
  type SaveOffer,
  type ToContent,
} from '@/lib/messaging/inpage';
import type { LoginItem } from '@/lib/vault/item';
import { currentOtp } from '@/lib/vault/totp';
import type { Sender } from '../router';
import { createFrameRegistry, type Frame } from './inpage-frames';

/** How many logins the menu lists at most (the popup has the rest). */
const MAX_LOGINS = 8;

export interface InlineMenuDeps {
  self: { id: string; origin: string };
  isUnlocked: () => boolean;
  /** The login with this id in the open vault, if it is one. */
  login: (id: string) => LoginItem | undefined;
  /** The ids of the logins saved for `url`'s site, best first. */
  loginsFor: (url: string) => string[];
  equivalents: () => readonly (readonly string[])[];
  /** Whether the user wants the menu at all (Settings) and on this site (vault's site list). */
  menuWanted: (url: string) => Promise<boolean>;
  neverOnSite: (url: string) => Promise<void>;
  /** The tab's filled login is remembered for the password step of a two-step login. */
  filled: (tabId: number, itemId: string) => void;
  /**
   * The login filled into tab `tabId` a few minutes ago, if it has a one-time code and is saved
   * for `url`'s site: the one a code field's menu offers (DESIGN §6, multi-step logins).
   */
  codeLogin: (tabId: number, url: string) => LoginItem | undefined;
  /** Generates a password the field accepts, saves it as a new login, answers it. */
  generate: (
    facts: FrameFacts,
    constraints: FieldConstraints | undefined,
    username: string,
  ) => Promise<string>;
  /** The save prompt and the account-password warning waiting for a tab, if any. */
  offer: (tabId: number) => SaveOffer | undefined;
  warning: (tabId: number) => { site: string } | undefined;
  act: (tabId: number, action: 'save' | 'update' | 'never' | 'dismiss') => Promise<unknown>;
  dismissWarning: (tabId: number) => void;
  openPopup: (tabId: number) => Promise<void>;
  /** Sends to one frame's content script (tabs.sendMessage); tests pass their own. */
  toContent?: (tabId: number, frameId: number, message: ToContent) => Promise<unknown>;
}

export function createInlineMenu(deps: InlineMenuDeps) {
  const toContent =
    deps.toContent ??
    ((tabId: number, frameId: number, message: ToContent) =>
      browser.tabs.sendMessage(tabId, message, { frameId }));

  const registry = createFrameRegistry(deps.self);
  const { add, drop, owned, notify } = registry;

  function logins(frame: Frame) {
    const query = frame.query.trim().toLowerCase();
    return deps
      .loginsFor(frame.facts.url)
      .flatMap((id) => {
        const item = deps.login(id);
        return item ? [{ id, title: item.title, username: item.username }] : [];
      })
      .filter(
        (row) =>
          !query ||
          row.username.toLowerCase().includes(query) ||
          row.title.toLowerCase().includes(query),
      )
      .slice(0, MAX_LOGINS);
  }

  /** Asks the field's content script whether the page leaves our frame alone, at `point`. */
  async function guard(frame: Frame, point: { x: number; y: number }, host = frame) {
    const answer = (await toContent(host.tabId, host.frameId, {
      type: 'inpage.check',
      token: host.token,
      point,
    }).catch(() => undefined)) as (CheckAnswer & { username?: string }) | undefined;
    if (!answer || typeof answer !== 'object')
      return { ok: false as const, reason: 'gone' as const };
    return answer;
  }

  const service = {
    async open(
      sender: Sender,
      request: { field: Frame['field']; form: FormKind; constraints?: FieldConstraints },
    ): Promise<{ token?: string }> {
      if (sender.tab?.id === undefined || !sender.url) return {};
      if (!(await deps.menuWanted(sender.url))) return {};
      // A code field gets a menu only right after a fill of a login with a code.
      if (request.field === 'otp' && !deps.codeLogin(sender.tab.id, sender.url)) return {};
      return { token: add(sender, { mode: 'menu', ...request }) };
    },

    /** Whether `open` would give this frame a token: its content script loads a frame ahead. */
    async wanted(sender: Sender): Promise<boolean> {
      return sender.tab?.id !== undefined && !!sender.url && deps.menuWanted(sender.url);
    },

    filter(sender: Sender, token: string, query: string) {
      const frame = owned(token, sender, 'content');
      if (!frame || frame.query === query) return;
      frame.query = query;
      notify(frame);
    },

    closed(sender: Sender, token: string) {
      if (owned(token, sender, 'content')) drop(token);
    },

    /** The top frame of a tab loaded, or its submitted form went away: a prompt, if one waits. */
    pending(sender: Sender): { token?: string } {
      const tabId = sender.tab?.id;
      if (tabId === undefined || sender.frameId !== 0) return {};
      if (!deps.offer(tabId) && !deps.warning(tabId)) return {};
      return { token: add(sender, { mode: 'prompt', form: 'login', field: 'password' }) };
    },

    state(sender: Sender, token: string): MenuState {
      const frame = owned(token, sender, 'frame');
      if (!frame) return { view: 'closed' };
      const site = siteOf(frame.facts.url)?.host ?? frame.facts.origin;
      if (frame.mode === 'prompt') {
        const warning = deps.warning(frame.tabId);
        if (warning) return { view: 'warning', site: warning.site };
        const offer = deps.offer(frame.tabId);
        if (!offer) return { view: 'closed' };
        return deps.isUnlocked() ? { view: 'save', offer } : { view: 'locked', site };
      }
      if (!deps.isUnlocked()) return { view: 'locked', site };
      if (frame.field === 'otp') {
        const item = deps.codeLogin(frame.tabId, frame.facts.url);
        if (!item) return { view: 'closed' };
        const row = { id: item.id, title: item.title, username: item.username };
        return { view: 'logins', site, logins: [row], generate: false, code: true };
      }
      const rows = logins(frame);
      // Typed past every login: the menu gets out of the way.
      if (frame.query.trim() && rows.length === 0) return { view: 'closed' };
      return {
        view: 'logins',
        site,
        logins: rows,
        generate: frame.form !== 'login' && frame.field !== 'username',
      };
    },

    async fill(
      sender: Sender,
      request: {
        token: string;
        itemId: string;
        point: { x: number; y: number };
        confirmed?: Confirmed;
      },
    ): Promise<MenuOutcome> {
      const frame = owned(request.token, sender, 'frame');
      if (!frame || frame.mode !== 'menu') return { kind: 'refused', reason: 'gone' };
      if (!deps.isUnlocked()) return { kind: 'refused', reason: 'locked' };
      const code = frame.field === 'otp';
      // A code field takes only the code of the login just filled here, nothing else.
      const item = code ? deps.codeLogin(frame.tabId, frame.facts.url) : deps.login(request.itemId);
      if (
        !item ||
        item.id !== request.itemId ||
        !deps.loginsFor(frame.facts.url).includes(item.id)
      ) {
        return { kind: 'refused', reason: 'no-match' };
      }
      const checked = await guard(frame, request.point);
      if (!checked.ok) return { kind: 'refused', reason: checked.reason };
      const decision = decideFill(item, frame.facts, request.confirmed, deps.equivalents());
      if (decision.kind === 'refuse') return { kind: 'refused', reason: decision.reason };
      if (decision.kind === 'confirm') return decision;
      const otp = code ? currentOtp(item.otp, Date.now()) : undefined;
      if (code && !otp) return { kind: 'refused', reason: 'no-match' };
      await toContent(frame.tabId, frame.frameId, {
        type: 'inpage.fill',
        token: frame.token,
        ...(otp ? { otp } : { username: item.username, password: item.password }),
      });
      deps.filled(frame.tabId, item.id);
      drop(frame.token);
      return { kind: 'filled' };
    },

    async generate(
      sender: Sender,
      request: { token: string; point: { x: number; y: number } },
    ): Promise<MenuOutcome> {
      const frame = owned(request.token, sender, 'frame');
      if (!frame || frame.mode !== 'menu') return { kind: 'refused', reason: 'gone' };
      // Only where the menu offered it: a new password on a sign-up or change-password form.
      if (frame.form === 'login' || frame.field !== 'new-password') {
        return { kind: 'refused', reason: 'no-form' };
      }
      if (!deps.isUnlocked()) return { kind: 'refused', reason: 'locked' };
      const checked = await guard(frame, request.point);
      if (!checked.ok) return { kind: 'refused', reason: checked.reason };
      // Saved before the page sees it, so a failed submit loses nothing.
      const value = await deps.generate(frame.facts, frame.constraints, checked.username ?? '');
      await toContent(frame.tabId, frame.frameId, {
        type: 'inpage.fill',
        token: frame.token,
        newPassword: value,
      });
      drop(frame.token);
      return { kind: 'filled' };
    },

    async save(
      sender: Sender,
      request: {
        token: string;
        point: { x: number; y: number };
        action: 'save' | 'update' | 'never';
      },
    ): Promise<MenuOutcome> {
      const frame = owned(request.token, sender, 'frame');
      if (!frame || frame.mode !== 'prompt') return { kind: 'refused', reason: 'gone' };
      if (!deps.isUnlocked()) return { kind: 'refused', reason: 'locked' };
      const checked = await guard(frame, request.point);
      if (!checked.ok) return { kind: 'refused', reason: checked.reason };
      await deps.act(frame.tabId, request.action);
      await service.close(sender, request.token);
      return { kind: 'filled' };
    },

    async unlock(sender: Sender, token: string) {
      const frame = owned(token, sender, 'frame');
      if (frame) await deps.openPopup(frame.tabId);
    },

    async never(sender: Sender, token: string) {
      const frame = owned(token, sender, 'frame');
      if (!frame) return;
      await deps.neverOnSite(frame.facts.url);
      await service.close(sender, token);
    },

    async close(sender: Sender, token: string) {
      const frame = owned(token, sender, 'frame');
      if (!frame) return;
      if (frame.mode === 'prompt') {
        // The form that set off the warning is held for a save prompt too: after "You typed your
        // account password into …" the next page must not offer to save it there (that would
        // also silence the warning on that site for good), so closing the one drops the other.
        if (deps.warning(frame.tabId)) deps.dismissWarning(frame.tabId);
        await deps.act(frame.tabId, 'dismiss');
      }
      drop(token);
      await toContent(frame.tabId, frame.frameId, { type: 'inpage.close', token }).catch(
        () => undefined,
      );
    },

    async resize(sender: Sender, token: string, height: number) {
      const frame = owned(token, sender, 'frame');
      if (!frame) return;
      await toContent(frame.tabId, frame.frameId, { type: 'inpage.resize', token, height }).catch(
        () => undefined,
      );
    },

    /** A prompt now waits for tab `tabId`: its open prompt asks again, or its page is told. */
    promptWaiting(tabId: number) {
      const open = registry.find(tabId, 'prompt');
      if (open) return notify(open);
      void toContent(tabId, 0, { type: 'inpage.pending' }).catch(() => undefined);
    },

    /** The vault locked, unlocked or changed: every open frame asks again. */
    changed: () => registry.notifyAll(),

    /** The tab went away or loaded another page: its frames are gone. */
    tabGone: (tabId: number) => registry.tabGone(tabId),

    listen: () => registry.listen(),
  };
  return service;
}
