/** The popup's state as signals; it learns everything from the background through the protocol. */
import { signal } from '@preact/signals';
import { errorCode } from '@/components/errors';
import { configuredServer, saveConfiguredServer } from '@/components/server';
import { browser } from 'wxt/browser';
import { send } from '@/lib/messaging/client';
import { LIVE_PORT, type LiveNotice } from '@/lib/messaging/live';
import type { AppStatus } from '@/lib/messaging/protocol';
import { resolveRoute, type Route } from './route';
import { snapshot } from './snapshot';

export type Load<T> =
  { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; code: string };

export const status = signal<Load<AppStatus>>({ kind: 'loading' });
export const route = signal<Route>({ name: 'home' });
/** The vault's list revision as the background last announced it (undefined: not yet). */
export const vaultRevision = signal<number | undefined>(undefined);

/**
 * A worker the browser stopped answers `app.status` only after it decrypted the vault again: till
 * then the status the background left with the list snapshot (snapshot.ts) stands in, so the vault
 * shows at once. The worker's own answer replaces it.
 */
export function showSnapshotStatus(): void {
  void snapshot().then((saved) => {
    if (saved && status.value.kind === 'loading')
      status.value = { kind: 'ready', value: saved.status };
  });
}

/**
 * Follows the background while the popup is open: on every notice it asks for the status again
 * (the list follows `vaultRevision`). A worker the browser stopped drops the port; it is opened
 * again at once, which starts the worker, so the popup never shows a stale vault for long.
 */
export function followBackground(): void {
  let port: ReturnType<typeof browser.runtime.connect>;
  const connect = () => {
    port = browser.runtime.connect({ name: LIVE_PORT });
    port.onMessage.addListener((message: unknown) => {
      const notice = message as Partial<LiveNotice>;
      if (notice?.type !== 'changed') return;
      if (typeof notice.vaultRevision === 'number') vaultRevision.value = notice.vaultRevision;
      void refreshStatus();
    });
    port.onDisconnect.addListener(() => setTimeout(connect, 250));
  };
  connect();
}

/** A short message at the bottom of the popup, optionally with one action (Undo). */
export interface Toast {
  text: string;
  action?: { label: string; run: () => void };
}
export const toast = signal<Toast | undefined>(undefined);
let toastTimer: ReturnType<typeof setTimeout> | undefined;

export function showToast(next: Toast, ms = 6000): void {
  clearTimeout(toastTimer);
  toast.value = next;
  toastTimer = setTimeout(() => (toast.value = undefined), ms);
}

export function navigate(next: Route): void {
  route.value = next;
}

/**
 * Takes a new status. A toast of the vault that was open ("2 items brought in", an Undo) does not
 * outlive it: once it locks or signs out, the toast goes.
 */
function setStatus(value: AppStatus): void {
  const before = status.value.kind === 'ready' ? status.value.value.state : undefined;
  if (before === 'unlocked' && value.state !== 'unlocked') {
    clearTimeout(toastTimer);
    toast.value = undefined;
  }
  status.value = { kind: 'ready', value };
}

export async function refreshStatus(): Promise<AppStatus | undefined> {
  try {
    const value = await send('app.status', {});
    setStatus(value);
    return value;
  } catch (error) {
    status.value = { kind: 'failed', code: errorCode(error) };
    return undefined;
  }
}

/** Takes the status a message returned (sign-in, unlock, lock…) and shows where it leads. */
export function applyStatus(value: AppStatus, next: Route = { name: 'home' }): void {
  setStatus(value);
  route.value = resolveRoute(value, next);
}

/**
 * Errors that mean the world changed under the popup (the timer locked the vault, the account was
 * reset on another device): ask the background again so the right view shows with its reason.
 */
export function onStateError(error: unknown): void {
  const code = errorCode(error);
  if (
    [
      'locked',
      'not-signed-in',
      'account-reset',
      'signed-out-elsewhere',
      'session-ended',
      'session-expired',
      'password-changed',
    ].includes(code)
  ) {
    void refreshStatus();
  }
}

/** The server this device uses for new accounts, sign-ins and resets (chosen under Advanced). */
export const server = signal(configuredServer());

export function chooseServer(url: string): void {
  saveConfiguredServer(url);
  server.value = url;
}
