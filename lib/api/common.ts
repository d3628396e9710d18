import { z } from 'zod';
import { base64urlBetween, base64urlExact } from './encoding';
import { checkLicenseCode, parseShortCode } from '../account-key/codes';
import { LIMITS } from './limits';

/**
 * Emails are compared trimmed and lower-cased. The client must derive its keys from the same
 * normalised form (DESIGN §2 mixes the email into M), so it parses input through this schema too.
 */
export const emailSchema = z
  .string()
  .max(LIMITS.emailChars + 64)
  .trim()
  .toLowerCase()
  .pipe(z.email().max(LIMITS.emailChars));

/** 16 random bytes chosen by the client at registration (it needs the id for the VK's AAD). */
export const accountIdSchema = base64urlExact(22);

/** Session and reset tokens: 32 random bytes. */
export const tokenSchema = base64urlExact(43);

/** Public id of a session, used to list and revoke devices; not a credential. */
export const sessionIdSchema = base64urlExact(22);

/** Login attempts between start and finish. */
export const loginIdSchema = base64urlExact(22);

/** The vault key wrapped with XChaCha20-Poly1305 (nonce + 32-byte key + tag, maybe a version). */
export const wrappedVaultKeySchema = base64urlBetween(32, 256);

export const hintSchema = z.string().max(LIMITS.hintChars);

export const deviceNameSchema = z.string().trim().min(1).max(LIMITS.deviceNameChars);

export const planSchema = z.enum(['free', 'pro']);
export type Plan = z.infer<typeof planSchema>;

/** Revisions and epochs: non-negative safe integers. */
export const revSchema = z.int().min(0);
export const epochSchema = z.int().min(1);

/** Milliseconds since the Unix epoch. */
export const timestampSchema = z.int().min(0);

/**
 * Random 16-byte ids a client keeps to finish what it started by email: the reset request's
 * handle (a short code works only with it) and an email verification's id. Not a credential alone.
 */
export const handleSchema = base64urlExact(22);

/** The short code of a reset or verification email (40 bits), in canonical `XXXX-XXXX` form. */
export const shortCodeSchema = z
  .string()
  .max(32)
  .transform((text, ctx) => {
    const code = parseShortCode(text);
    if (code === null) {
      ctx.addIssue({ code: 'custom', message: 'expected a code like ABCD-EF12' });
      return z.NEVER;
    }
    return code;
  });

/** A license code (`CFL-…`, 128 bits and a check character), in canonical form. */
export const licenseCodeSchema = z
  .string()
  .max(64)
  .transform((text, ctx) => {
    const checked = checkLicenseCode(text);
    if (checked.code === undefined) {
      ctx.addIssue({ code: 'custom', message: `not a license code (${checked.problem})` });
      return z.NEVER;
    }
    return checked.code;
  });
