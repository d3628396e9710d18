import { z } from 'zod';
import { DEFAULT_KDF, KDF_ALG, KDF_LIMITS, SALT_WIRE_PATTERN } from '../crypto/kdf-params';

/**
 * Argon2id parameters as they travel (DESIGN §2). The server stores what the client registered and
 * returns it at prelogin; it never runs Argon2 itself. The bounds are the client's own refusal
 * rule (lib/crypto/kdf-params.ts, the one source): a hostile server must not talk it into a weak
 * key, nor make it allocate absurd memory, and the server refuses to store what no client accepts.
 */
export const kdfParamsSchema = z.strictObject({
  alg: z.literal(KDF_ALG),
  ops: z.int().min(KDF_LIMITS.minOps).max(KDF_LIMITS.maxOps),
  memBytes: z.int().min(KDF_LIMITS.minMemBytes).max(KDF_LIMITS.maxMemBytes).multipleOf(1024),
  /** 16 random bytes, base64url without padding (22 characters). */
  salt: z.string().regex(SALT_WIRE_PATTERN, 'expected 16 bytes in canonical base64url'),
});
export type KdfParams = z.infer<typeof kdfParamsSchema>;

/**
 * KDF parameters in a server's answer (prelogin, login): their shape only. The client's own check
 * (lib/crypto kdfParamsFromWire) then refuses weak or absurd values with a typed error the user is
 * told about ("the server asked for weaker key derivation"), instead of "malformed answer".
 */
export const kdfAnswerSchema = z.strictObject({
  alg: z.string().max(32),
  ops: z.int().nonnegative(),
  memBytes: z.int().nonnegative(),
  salt: z.string().regex(SALT_WIRE_PATTERN, 'expected 16 bytes in canonical base64url'),
});

/** The defaults of DESIGN §2; prelogin's fake answers for unknown emails use them too. */
export const DEFAULT_KDF_OPS = DEFAULT_KDF.ops;
export const DEFAULT_KDF_MEM_BYTES = DEFAULT_KDF.memBytes;
