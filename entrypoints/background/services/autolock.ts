/**
 * When the vault locks by itself (DESIGN §5): after the chosen minutes without use (an alarm, so
 * it holds while the worker sleeps, and a check on every wake in case the alarm came late), when
 * the system locks (chrome.idle), and on browser restart (storage.session does not survive it).
 */
import { browser } from 'wxt/browser';
import { getStored } from '@/lib/storage/store';
import type { LockReason } from '@/lib/messaging/protocol';

export const AUTOLOCK_ALARM = 'cassaforte-autolock';
/** Activity moves the deadline at most this often, to spare storage writes. */
const TOUCH_EVERY_MS = 15_000;

export interface AutoLock {
  /** Starts the timer from now; returns the deadline. */
  arm(): Promise<number>;
  /** The user did something: push the deadline back (throttled). */
  touch(): Promise<void>;
  disarm(): Promise<void>;
  /** Registers the browser listeners; call once, synchronously, at worker start. */
  listen(): void;
}

export function createAutoLock(deps: {
  deadline: () => number | undefined;
  setDeadline: (at: number) => Promise<void>;
  lock: (reason: LockReason) => Promise<void>;
  isUnlocked: () => boolean;
  /** The browser started (not just the worker): the vault was locked by the restart. */
  onBrowserStart: () => Promise<void>;
  now?: () => number;
}): AutoLock {
  const now = deps.now ?? Date.now;
  /** When this worker last armed the timer: lets `touch` skip storage on most messages. */
  let armedAt: number | undefined;

  async function arm(): Promise<number> {
    const { autoLockMinutes } = await getStored('settings');
    armedAt = now();
    const at = armedAt + autoLockMinutes * 60_000;
    await deps.setDeadline(at);
    await browser.alarms.create(AUTOLOCK_ALARM, { when: at });
    return at;
  }

  return {
    arm,
    async touch() {
      const at = deps.deadline();
      if (!deps.isUnlocked() || at === undefined) return;
      if (armedAt !== undefined && now() - armedAt < TOUCH_EVERY_MS) return;
      const { autoLockMinutes } = await getStored('settings');
      if (now() + autoLockMinutes * 60_000 - at >= TOUCH_EVERY_MS) await arm();
    },
    async disarm() {
      await browser.alarms.clear(AUTOLOCK_ALARM);
    },
    listen() {
      browser.alarms.onAlarm.addListener((alarm) => {
        if (alarm.name !== AUTOLOCK_ALARM || !deps.isUnlocked()) return;
        const at = deps.deadline();
        if (at !== undefined && at <= now() + 1_000) void deps.lock('timer');
        else if (at !== undefined) void browser.alarms.create(AUTOLOCK_ALARM, { when: at });
      });
      listenIfAvailable(
        () => browser.idle.onStateChanged,
        (state) => {
          if (state !== 'locked' || !deps.isUnlocked()) return;
          void getStored('settings').then(async (s) => {
            if (s.lockOnSystemLock) await deps.lock('system-lock');
          });
        },
      );
      listenIfAvailable(
        () => browser.runtime.onStartup,
        () => void deps.onBrowserStart(),
      );
    },
  };
}

/** Adds a listener where the API exists (WXT's fake browser in unit tests lacks `idle`). */
export function listenIfAvailable<F extends (...args: never[]) => unknown>(
  event: () => { addListener(listener: F): void } | undefined,
  listener: F,
): void {
  try {
    event()?.addListener(listener);
  } catch {
    // Not implemented here: nothing to listen to.
  }
}
