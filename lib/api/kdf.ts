import { z } from 'zod';

/**
 * Argon2id parameters as they travel (DESIGN §2). The server stores what the client registered and
 * returns it at prelogin; it never runs Argon2 itself. The lower bounds are the client's refusal
 * rule (a hostile server must not talk it into a weak key); the upper bounds stop a hostile server
 * from making the client allocate absurd memory or spin for minutes.
 * lib/crypto keeps a schema of the same shape for its own use.
 */
export const KDF_MIN_OPS = 2;
export const KDF_MAX_OPS = 20;
export const KDF_MIN_MEM_BYTES = 19 * 1024 * 1024;
export const KDF_MAX_MEM_BYTES = 1024 * 1024 * 1024;
export const KDF_SALT_BYTES = 16;

export const kdfParamsSchema = z.strictObject({
  alg: z.literal('argon2id13'),
  ops: z.int().min(KDF_MIN_OPS).max(KDF_MAX_OPS),
  memBytes: z.int().min(KDF_MIN_MEM_BYTES).max(KDF_MAX_MEM_BYTES).multipleOf(1024),
  /** 16 random bytes, base64url without padding (22 characters). */
  salt: z.string().regex(/^[A-Za-z0-9_-]{21}[AQgw]$/, 'expected 16 bytes in canonical base64url'),
});
export type KdfParams = z.infer<typeof kdfParamsSchema>;

/** The defaults of DESIGN §2; prelogin's fake answers for unknown emails use them too. */
export const DEFAULT_KDF_OPS = 3;
export const DEFAULT_KDF_MEM_BYTES = 64 * 1024 * 1024;
