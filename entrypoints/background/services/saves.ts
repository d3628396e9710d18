/**
 * Save and update prompts (issue 12, DESIGN §6): a login form was submitted in a tab; if its
 * password is new for the site or changed for the login used, the page's protected prompt offers
 * Save, Update (naming the item) or "Never for this site".
 *
 * What was submitted is held in this worker's memory only: never in storage, never in a log, per
 * tab, dropped after two minutes, on lock, and once the user answered. A worker the browser
 * stopped forgets it, which is what "dropped" asks for anyway.
 */
import { siteOf } from '@/lib/autofill/origin';
import { ProtocolError } from '@/lib/messaging/errors';
import type { VaultContext } from '@/lib/vault/context';
import type { LoginItem } from '@/lib/vault/item';
import type { SitePrefsService } from './site-prefs';
import type { VaultService } from './vault';

/** How long a submitted login waits for its prompt. */
export const HOLD_MS = 2 * 60_000;

export type SubmittedKind = 'login' | 'signup' | 'change-password';

export interface Submitted {
  username: string;
  password: string;
  kind: SubmittedKind;
  /** Change-password forms: the current password typed. */
  oldPassword?: string;
}

export type SaveOffer =
  | { kind: 'save'; /** The host to show. */ site: string; username: string }
  | { kind: 'update'; site: string; itemId: string; title: string; username: string };

export type SaveAction = 'save' | 'update' | 'never' | 'dismiss';

export interface SaveService {
  /**
   * A form was submitted in tab `tabId`'s frame `frameUrl` (the browser-reported sender.url);
   * `filledItemId` is the login the menu filled in this tab, if any. Ignored while locked.
   */
  hold(tabId: number, frameUrl: string, submitted: Submitted, filledItemId?: string): void;
  /**
   * What to offer for the tab; undefined when nothing is held, it is older than two minutes, the
   * vault is locked, the password is the one saved for that username on the site, or the site
   * is on the never-save list.
   */
  offer(tabId: number): SaveOffer | undefined;
  /** The user's answer; every one drops what was held. `itemId`: the login saved or updated. */
  act(tabId: number, action: SaveAction): Promise<{ itemId?: string }>;
  /** The tab closed: drop what it held. */
  forget(tabId: number): void;
  /** On lock: drop everything held. */
  clear(): void;
}

interface Held {
  frameUrl: string;
  submitted: Submitted;
  filledItemId?: string;
  at: number;
  timer: ReturnType<typeof setTimeout>;
}

type Decision =
  | { offer: Extract<SaveOffer, { kind: 'save' }> }
  | { offer: Extract<SaveOffer, { kind: 'update' }>; target: LoginItem };

export function createSaveService(deps: {
  vault: Pick<VaultService, 'get' | 'save'>;
  unlocked: () => Promise<VaultContext>;
  isUnlocked: () => boolean;
  sitePrefs: Pick<SitePrefsService, 'isNeverSave' | 'neverSave'>;
  now?: () => number;
  /** Logins for a URL's site, as the popup ranks them. */
  loginsFor: (url: string) => string[];
}): SaveService {
  const now = deps.now ?? Date.now;
  const held = new Map<number, Held>();

  function drop(tabId: number) {
    const entry = held.get(tabId);
    if (!entry) return;
    clearTimeout(entry.timer);
    held.delete(tabId);
  }

  /** What the tab holds, if it may still be offered; an expired or locked one is dropped. */
  function current(tabId: number): Held | undefined {
    const entry = held.get(tabId);
    if (!entry) return undefined;
    if (now() - entry.at > HOLD_MS || !deps.isUnlocked()) {
      drop(tabId);
      return undefined;
    }
    return entry;
  }

  function loginsOf(url: string): LoginItem[] {
    return deps.loginsFor(url).flatMap((id) => {
      const item = deps.vault.get(id);
      return item?.type === 'login' ? [item] : [];
    });
  }

  function decide(entry: Held): Decision | undefined {
    const { submitted, frameUrl } = entry;
    const host = siteOf(frameUrl)?.host;
    if (!host || !submitted.password || deps.sitePrefs.isNeverSave(frameUrl)) return undefined;
    const { password } = submitted;
    const logins = loginsOf(frameUrl);
    const user = userKey(submitted.username);
    const filled = logins.find((login) => login.id === entry.filledItemId);
    // The one filled counts as the account used unless another username was typed.
    const used =
      filled && (!user || !filled.username || userKey(filled.username) === user)
        ? filled
        : undefined;
    const update = (target: LoginItem): Decision => ({
      target,
      offer: {
        kind: 'update',
        site: host,
        itemId: target.id,
        title: target.title || host,
        username: target.username || submitted.username,
      },
    });

    if (submitted.kind === 'change-password') {
      // Saved already (the menu saves a generated password before the form is sent).
      if (logins.some((login) => login.password === password)) return undefined;
      const old = submitted.oldPassword;
      const withOld = old ? logins.filter((login) => login.password === old) : [];
      const target =
        withOld.find((login) => login === used) ??
        withOld.find((login) => user && userKey(login.username) === user) ??
        withOld[0];
      if (target) return update(target);
    }
    const sameUser = user ? logins.filter((login) => userKey(login.username) === user) : [];
    const saved = user
      ? sameUser.some((login) => login.password === password)
      : logins.some((login) => login.password === password);
    if (saved || used?.password === password) return undefined;
    const target = used ?? sameUser[0];
    if (target) return update(target);
    return { offer: { kind: 'save', site: host, username: submitted.username } };
  }

  return {
    hold(tabId, frameUrl, submitted, filledItemId) {
      drop(tabId);
      // Locked: nothing is kept (a locked vault keeps no secret in memory), nothing offered.
      if (!deps.isUnlocked() || !submitted.password || !siteOf(frameUrl)) return;
      const timer = setTimeout(() => held.delete(tabId), HOLD_MS);
      // Node (the tests) would wait for the timer before exiting; a browser has no unref.
      (timer as { unref?: () => void }).unref?.();
      held.set(tabId, { frameUrl, submitted: { ...submitted }, filledItemId, at: now(), timer });
    },

    offer(tabId) {
      const entry = current(tabId);
      return entry && decide(entry)?.offer;
    },

    async act(tabId, action) {
      const entry = current(tabId);
      drop(tabId); // whatever the answer, and before any await: a second click finds nothing
      if (action === 'dismiss') return {};
      if (!entry) throw new ProtocolError('not-found', 'Nothing to save any more.');
      if (action === 'never') {
        await deps.sitePrefs.neverSave(entry.frameUrl);
        return {};
      }
      const ctx = await deps.unlocked();
      const decision = decide(entry);
      if (!decision) throw new ProtocolError('not-found', 'Nothing to save any more.');
      const { submitted } = entry;
      if (action === 'update') {
        if (!('target' in decision)) throw new ProtocolError('not-found', 'No login to update.');
        const { target } = decision;
        // The vault service keeps the replaced password in the item's history.
        const item = await deps.vault.save(ctx, {
          ...target,
          password: submitted.password,
          username: target.username || submitted.username,
        });
        return { itemId: item.id };
      }
      const item = await deps.vault.save(ctx, {
        type: 'login',
        title: decision.offer.site,
        username: submitted.username,
        password: submitted.password,
        urls: [{ url: new URL(entry.frameUrl).origin, match: 'domain' }],
        notes: '',
      });
      return { itemId: item.id };
    },

    forget: drop,

    clear() {
      for (const tabId of [...held.keys()]) drop(tabId);
    },
  };
}

/** Usernames compare as the person typing them means them: case and outer spaces aside. */
function userKey(username: string): string {
  return username.trim().toLowerCase();
}
