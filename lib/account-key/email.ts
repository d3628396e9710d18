/**
 * The email address as an account identifier. One normalisation for the whole product, because the
 * key derivation hashes it (lib/crypto/kdf.ts): trim surrounding white space and lower-case the whole
 * address. Lower-casing the local part is not RFC 5321 (it lets the recipient decide), but every
 * mainstream provider treats it case-insensitively, and a sign-in that fails because of one capital
 * letter is worse than that theoretical collision.
 */
import { SetupCodeError } from './errors';

// The HTML Standard's "valid e-mail address" (what <input type=email> accepts), so the server, the
// popup's form and the setup code agree: https://html.spec.whatwg.org/#valid-e-mail-address
const EMAIL_SHAPE =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const MAX_EMAIL_LENGTH = 254; // RFC 5321's limit on a forward path, less the angle brackets

/** Trim + lower case. Does not check the shape. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** True when the normalised address has the shape of an email address. */
export function isEmailShape(email: string): boolean {
  const normalised = normalizeEmail(email);
  return normalised.length <= MAX_EMAIL_LENGTH && EMAIL_SHAPE.test(normalised);
}

/** Normalises and checks an email address, or throws SetupCodeError 'bad-email'. */
export function parseEmail(email: string): string {
  if (typeof email !== 'string' || !isEmailShape(email)) {
    throw new SetupCodeError('bad-email', 'This is not a valid email address.');
  }
  return normalizeEmail(email);
}
