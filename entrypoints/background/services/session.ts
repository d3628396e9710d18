/**
 * The account's lock state as the background knows it. Foundation scope: the background starts
 * signed out and `lock()` drops whatever is unlocked. Account creation, sign-in and unlock arrive
 * with the vault service (issue 4) and extend this service, never bypass it.
 */
import type { LockState } from '@/lib/messaging/protocol';

export interface SessionService {
  state(): LockState;
  email(): string | undefined;
  /** Wipes every secret held in memory. Safe to call in any state. */
  lock(): void;
}

export function createSessionService(): SessionService {
  let state: LockState = 'signed-out';
  let email: string | undefined;

  return {
    state: () => state,
    email: () => email,
    lock() {
      if (state === 'unlocked') state = 'locked';
    },
  };
}
