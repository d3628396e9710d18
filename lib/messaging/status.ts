/** What the background reports about itself: lock state, sync, and the vault's list rows. */
import { z } from 'zod';
import type { ItemType } from '@/lib/vault/item';
import type { CardBrand } from '@/lib/vault/card';
import type { KeptAsideStatus, LastLock } from './account';

export const lockStateSchema = z.enum(['signed-out', 'locked', 'unlocked']);
export type LockState = z.infer<typeof lockStateSchema>;

/** Why the vault was last locked or signed out: shown on the unlock and welcome views. */
export const lockReasonSchema = z.enum([
  'manual',
  'timer',
  'system-lock',
  'browser-restart',
  'password-changed',
  'signed-out',
  'account-reset',
  /** Another device signed this one out (Settings → Devices there). */
  'signed-out-elsewhere',
  /** The session reached its lifetime (a year): sign in again. */
  'session-ended',
]);
export type LockReason = z.infer<typeof lockReasonSchema>;

export interface SyncStatus {
  /** 'off': the account keeps its vault on its devices only; nothing is sent (DESIGN §5). */
  state: 'idle' | 'syncing' | 'offline' | 'error' | 'off';
  lastSyncAt?: number;
  /** Local changes not yet on the server. */
  pending: number;
  /** The account keeps its vault on its devices only (Settings → Sync, DESIGN §5). */
  localOnly?: true;
  /** A stable code for the last failure (see errors in lib/messaging/errors.ts). */
  error?: string;
  /** While a long sync runs: items handled so far and in all (when the server said). */
  progress?: { done: number; total?: number };
  /**
   * Server versions the integrity checks refused (DESIGN §4): this device keeps its own copy.
   * `title` is that copy's, absent when this device never had one.
   */
  problems?: SyncProblem[];
}

export interface SyncProblem {
  id: string;
  reason: 'unreadable' | 'rollback' | 'unauthenticated-delete';
  title?: string;
}

export interface AppStatus {
  version: string;
  state: LockState;
  email?: string;
  serverUrl?: string;
  /** When unlocked: the time (ms since epoch) the timer will lock the vault. */
  lockAt?: number;
  lastLock?: LastLock;
  /** The password hint, only after a failed unlock on this device. */
  hint?: string;
  /** The account was just created and its Emergency Kit is not yet acknowledged. */
  kitPending?: boolean;
  sync?: SyncStatus;
  /** What a sign-out the user did not ask for kept aside on this device (issue 11). */
  keptAside?: KeptAsideStatus;
}

export interface ItemSummary {
  id: string;
  /** 'newer': made by a newer version of Cassaforte, shown by its title only. */
  type: ItemType | 'newer';
  title: string;
  username?: string;
  /** The first URL's host, for the list and the favicon-free site badge. */
  host?: string;
  /** A card's brand, from its number. */
  brand?: CardBrand;
  /** A card's last four digits: all the list shows of the number. */
  last4?: string;
  /** An identity's name (or company). */
  subtitle?: string;
  favorite: boolean;
  /** A login with a one-time code set up (the list shows a marker; never the setup itself). */
  otp?: true;
  conflictOf?: string;
  /** Matches the site of the tab the popup was opened on. */
  onSite?: boolean;
  /** Saved for another site of the tab's group (google.com on youtube.com): a suggestion. */
  suggested?: boolean;
}
