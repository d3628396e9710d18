/**
 * Unlocking with a passkey (WebAuthn PRF; DESIGN §2 "passkey wrap"): protocol.ts holds the table.
 * WebAuthn runs in the popup (a service worker has no `navigator.credentials`); the background
 * keeps the wrap and decides. The popup hands over the PRF output, the one secret of this
 * exchange, for the background to derive the wrapping key from and forget; the credential id and
 * the salt are not secret (they name the credential and the PRF input).
 */
import { z } from 'zod';
import { empty, entry, pages, password } from './entry';
import type { AppStatus } from './status';

/** Why the passkey cannot unlock right now, though it is set up: the password is asked instead. */
export type PasskeyPause =
  /** The browser restarted and the user chose to type the password once after a restart. */
  | 'restart'
  /** 14 days since the password was last typed here: it is asked, so it is not forgotten. */
  | 'stale'
  /** The server ended this device's session (the password may have changed elsewhere). */
  | 'session';

export interface PasskeyStatus {
  /** A passkey is set up for this account on this device. */
  enrolled: boolean;
  /** Set up, and may unlock now. */
  usable: boolean;
  pause?: PasskeyPause;
  /** What the popup asks the authenticator for (base64url), while set up. */
  credentialId?: string;
  salt?: string;
  enrolledAt?: number;
  /** Ask for the password after a browser restart (on by default). */
  askAfterRestart: boolean;
}

/** What registering a credential needs, given once the password was typed again. */
export interface PasskeyEnrolment {
  /** base64url, 16 random bytes: the WebAuthn user handle of this device's credential. */
  userId: string;
  /** base64url, 32 random bytes: the PRF input; stored with the wrap. */
  salt: string;
  email: string;
}

const base64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/);
/** A credential id: 16 to 1023 bytes in WebAuthn, in base64url. */
const credentialId = base64url(16, 1400);
/** 32 bytes in base64url without padding. */
const prf = base64url(43, 43);

export const passkeyProtocol = {
  'passkey.status': entry<PasskeyStatus>()(empty, pages),
  /** Setting up, step one (unlocked): the account password again; the answer is valid 2 minutes. */
  'passkey.begin': entry<PasskeyEnrolment>()(z.object({ password }).strict(), pages),
  /** Step two: the credential registered with `salt`, and its PRF output. */
  'passkey.enrol': entry<PasskeyStatus>()(z.object({ credentialId, prf }).strict(), pages),
  'passkey.unlock': entry<AppStatus>()(z.object({ credentialId, prf }).strict(), pages),
  'passkey.setAskAfterRestart': entry<PasskeyStatus>()(
    z.object({ on: z.boolean() }).strict(),
    pages,
  ),
  /** Removes the option: the wrap is deleted from this device. */
  'passkey.remove': entry<PasskeyStatus>()(empty, pages),
};
