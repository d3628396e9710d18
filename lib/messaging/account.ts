/**
 * What the account messages of the protocol (lib/messaging/protocol.ts) carry: the kit, the
 * devices, a reset's preview, a new account waiting for its code, and what a forced sign-out kept
 * aside. Types only; the protocol table names them.
 */
import type { DeviceSession, Plan } from './devices';
import type { LockReason } from './protocol';

/** Why and when the vault was last locked or signed out. */
export interface LastLock {
  reason: LockReason;
  /** When this device locked or signed out. */
  at: number;
  /** When the server says it happened: the reset, the sign-out from another device. */
  happenedAt?: number;
  /** The device that signed this one out, as the server named it. */
  by?: string;
}

export interface KeptAsideStatus {
  /** Items kept on this device in all: the user's own sign-out deletes them (and says so). */
  items: number;
  /** When the first of them is deleted unless brought in (30 days after it was kept). */
  deleteAt: number;
  /**
   * Signed out: the account the newest kept data belongs to, so signing in again starts filled
   * in. `accountKeyKept`: it was not reset, so this device's copy of the account key still fits
   * and the password is enough.
   */
  signInAs?: { email: string; serverUrl: string; accountKeyKept: boolean };
  /** Signed in: data of this account from before a reset, which its old password brings in. */
  offers?: KeptOffer[];
}

export interface KeptOffer {
  /** Which kept set (account and epoch); the bring-in and delete messages name it. */
  key: string;
  items: number;
  /** Of those, changes that never reached the server before the reset. */
  unsent: number;
  keptAt: number;
  /** When it is deleted unless brought in first. */
  deleteAt: number;
}

export interface EmergencyKit {
  email: string;
  serverUrl: string;
  /** The account key in its display form (CF1-…). */
  accountKey: string;
  /** The text of the kit's QR code (lib/account-key setup code). */
  setupCode: string;
  createdAt: number;
}

/** What a reset will erase and keep, as the server said for the link or code given. */
export interface ResetPreview {
  /** The account the link or code resets (its email stays). */
  email: string;
  serverUrl: string;
  /** Items the reset erases, on the server and on every device. */
  itemCount: number;
  /** The plan, which the reset keeps ('free', 'pro'). */
  plan: string;
}

/** One signed-in device of the account, as the server lists its sessions. */
export interface DeviceInfo {
  id: string;
  deviceName: string;
  createdAt: number;
  lastSeenAt: number;
  /** The last unlock the device reported; absent when it never reported one. */
  lastUnlockedAt?: number;
  /** This device. */
  current: boolean;
}

export interface AccountInfo {
  email: string;
  serverUrl: string;
  /** The server's word; missing while it cannot be reached. */
  plan?: Plan;
  /** The account's signed-in devices, this one marked `current`; missing while offline. */
  sessions?: DeviceSession[];
  deviceName: string;
  /** The password hint, so a password change can keep or replace it. */
  hint?: string;
}

/** A new account waiting for the code emailed to it (no secret: the password stays behind). */
export interface PendingAccount {
  email: string;
  serverUrl: string;
  hint: string;
  /** When the last code was asked for (ms since epoch): "send again" waits a while after it. */
  sentAt: number;
}

/** The vault for the export page, after the account password (handlers/export.ts). */
export interface ExportedVault {
  /**
   * Every visible item as the vault holds it; an item a newer version wrote is its sealed JSON,
   * untouched (it has at least an id and a type).
   */
  items: Array<Record<string, unknown>>;
  /** Items whose blob did not open (damaged, or from another key): not in `items`. */
  unreadable: number;
  /** The account password's Argon2id cost: the export password gets at least as much. */
  accountKdf: { ops: number; memBytes: number };
}
