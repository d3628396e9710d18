/**
 * Warns when the Cassaforte account password is submitted into a web page (issue 12): a phishing
 * page, or a habit of reusing it. The check is the one unlock makes (`proveLocally`: Argon2id, then
 * open this device's wrapped vault key), so there is no new stored verifier and no fast hash for a
 * stolen device to grind; the wrapped key is on the device whether the vault is locked or not.
 *
 * Argon2id costs about half a second and 64 MiB, so checks queue: one at a time, never awaited by
 * the caller, the same password folded into the check already waiting, and at most a few waiting
 * (a page that submits in a loop gets the rest dropped, not a worker out of memory). A password is
 * held only until its check ends; it is never logged or stored. JavaScript strings cannot be wiped,
 * so "dropped" means no reference is kept; the derived bytes are wiped (`proveLocally`, below).
 */
import { wipe as wipeBytes } from '@/lib/crypto';
import type { VaultStore } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import { password as passwordSchema } from '@/lib/messaging/entry';
import { MIN_PASSWORD_LENGTH } from '@/lib/messaging/limits';
import { proveLocally } from './account-keys';

/** Checks waiting behind the one running; more are dropped. */
export const MAX_PENDING_CHECKS = 3;

export interface AccountPasswordWarning {
  site: string;
  at: number;
}

interface Check {
  password: string;
  /** Where it was submitted: every tab that sent the same password while it waited. */
  targets: { tabId: number; site: string }[];
}

export function createAccountPasswordWatch(deps: {
  store: VaultStore;
  /** Not needed by the check (the wrapped key is on the device either way); accepted for wiring. */
  isUnlocked?: () => boolean;
  now?: () => number;
  onWarning: (tabId: number, site: string) => void;
}) {
  const now = deps.now ?? Date.now;
  const warnings = new Map<number, AccountPasswordWarning>();
  let pending: Check[] = [];
  let running: Check | undefined;
  let draining: Promise<void> | undefined;
  /** Raised by clear(): a check that was running then reports nothing. */
  let generation = 0;

  async function isAccountPassword(password: string): Promise<boolean> {
    const account = await deps.store.getAccount();
    if (!account) return false; // nobody signed in: there is no account password to leak
    try {
      const keys = await proveLocally(account, password);
      wipeBytes(keys.authSecret, keys.kek);
      return true;
    } catch (error) {
      if (error instanceof ProtocolError && error.code === 'wrong-password') return false;
      throw error;
    }
  }

  async function drain() {
    while ((running = pending.shift())) {
      const check = running;
      const started = generation;
      // A failure (a corrupt account record, a KDF we refuse) means "not known to be it".
      const matched = await isAccountPassword(check.password).catch(() => false);
      check.password = '';
      running = undefined;
      if (!matched || started !== generation) continue;
      for (const { tabId, site } of check.targets) {
        warnings.set(tabId, { site, at: now() });
        try {
          deps.onWarning(tabId, site);
        } catch {
          // The badge or the page could not be told; the warning is held for warningFor.
        }
      }
    }
  }

  /** One drain at a time; one submitted while the last was finishing starts the next. */
  function kick() {
    if (draining) return;
    draining = drain()
      .catch(() => undefined)
      .finally(() => {
        draining = undefined;
        if (pending.length > 0) kick();
      });
  }

  return {
    /** A page in `tabId` submitted `password`; returns at once, the check runs in the queue. */
    submitted(
      tabId: number,
      frameUrl: string,
      password: string,
      savedPasswordsForSite: readonly string[],
    ): void {
      // Shorter or longer than an account password can be: not it, and no Argon2id spent.
      if (password.length < MIN_PASSWORD_LENGTH || !passwordSchema.safeParse(password).success) {
        return;
      }
      // The site's own saved password: the user chose to use it there, a warning each login
      // would only teach them to ignore it.
      if (savedPasswordsForSite.includes(password)) return;
      const site = siteOf(frameUrl);
      if (site === undefined) return;
      const same = [running, ...pending].find((check) => check?.password === password);
      if (same) {
        if (!same.targets.some((t) => t.tabId === tabId)) same.targets.push({ tabId, site });
        return;
      }
      if (pending.length >= MAX_PENDING_CHECKS) return;
      pending.push({ password, targets: [{ tabId, site }] });
      kick();
    },
    /** For tests: resolves when every queued check has ended. */
    async idle(): Promise<void> {
      while (draining) await draining;
    },
    warningFor(tabId: number): AccountPasswordWarning | undefined {
      return warnings.get(tabId);
    },
    dismiss(tabId: number): void {
      warnings.delete(tabId);
    },
    /** Sign-out or lock of the whole profile: drops waiting checks and every warning. */
    clear(): void {
      generation++;
      for (const check of pending) check.password = '';
      pending = [];
      warnings.clear();
    },
  };
}

/** The host a warning names; only web pages count (http and https). */
function siteOf(frameUrl: string): string | undefined {
  try {
    const url = new URL(frameUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}
