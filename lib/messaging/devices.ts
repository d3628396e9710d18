/**
 * The account's plan and devices as the popup sees them: Settings → Plan and Devices, and the
 * free plan's answer to a second sign-in (DESIGN §5). The background builds these from answers it
 * validated with the lib/api schemas.
 */
import type { Plan } from '@/lib/api';

export type { Plan };

/** One signed-in device of the account (a server session). */
export interface DeviceSession {
  id: string;
  /** Browser and OS, as that device named itself at sign-in ("Firefox on Linux"). */
  deviceName: string;
  createdAt: number;
  lastSeenAt: number;
  /** The last unlock that device reported; null when it never reported one. */
  lastUnlockedAt: number | null;
  /** This device. */
  current?: boolean;
}

/** Why a sign-in was refused on a plan that allows no more devices, with what to do about it. */
export interface DeviceLimit {
  plan: Plan;
  /** Devices the plan allows. */
  deviceLimit: number;
  /** The devices signed in now: signing them out from here lets this one in. */
  sessions: DeviceSession[];
}

/** How long "send the code again" waits after a code was sent, so mails are not sent in bursts. */
export const RESEND_CODE_AFTER_MS = 30_000;
