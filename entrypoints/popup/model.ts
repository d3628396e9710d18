/** The popup's state as signals; it learns everything from the background through the protocol. */
import { signal } from '@preact/signals';
import { errorCode } from '@/components/errors';
import { DEFAULT_SERVER_URL } from '@/components/server';
import { send } from '@/lib/messaging/client';
import type { AppStatus } from '@/lib/messaging/protocol';
import { resolveRoute, type Route } from './route';

export type Load<T> =
  { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; code: string };

export const status = signal<Load<AppStatus>>({ kind: 'loading' });
export const route = signal<Route>({ name: 'home' });

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

export async function refreshStatus(): Promise<AppStatus | undefined> {
  try {
    const value = await send('app.status', {});
    status.value = { kind: 'ready', value };
    return value;
  } catch (error) {
    status.value = { kind: 'failed', code: errorCode(error) };
    return undefined;
  }
}

/** Takes the status a message returned (sign-in, unlock, lock…) and shows where it leads. */
export function applyStatus(value: AppStatus, next: Route = { name: 'home' }): void {
  status.value = { kind: 'ready', value };
  route.value = resolveRoute(value, next);
}

/**
 * Errors that mean the world changed under the popup (the timer locked the vault, the account was
 * reset on another device): ask the background again so the right view shows with its reason.
 */
export function onStateError(error: unknown): void {
  const code = errorCode(error);
  if (
    ['locked', 'not-signed-in', 'account-reset', 'session-expired', 'password-changed'].includes(
      code,
    )
  ) {
    void refreshStatus();
  }
}

// The server address chosen under "Advanced" is no secret: it stays with the extension's pages.
const SERVER_KEY = 'cassaforte.serverUrl';

export function chosenServer(): string {
  try {
    return localStorage.getItem(SERVER_KEY) || DEFAULT_SERVER_URL;
  } catch {
    return DEFAULT_SERVER_URL;
  }
}

export const server = signal(chosenServer());

export function chooseServer(url: string): void {
  try {
    if (url === DEFAULT_SERVER_URL) localStorage.removeItem(SERVER_KEY);
    else localStorage.setItem(SERVER_KEY, url);
  } catch {
    // Storage disabled: the choice lasts while the popup is open.
  }
  server.value = url;
}
