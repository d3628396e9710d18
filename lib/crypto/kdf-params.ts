/**
 * Argon2id parameters (DESIGN.md §2): what the server stores and hands out at prelogin, and what the
 * client accepts. A hostile server is in the threat model, so the client checks every parameter set
 * before deriving anything:
 * - below the floor (ops < 2 or memory < 19 MiB, OWASP's minimum for Argon2id) → 'kdf-too-weak';
 *   otherwise the server could ask for a cheap hash it can brute-force later;
 * - another algorithm, or more than 20 passes or 256 MiB (4× the default; more could freeze a phone
 *   or get the extension's service worker killed for its memory), or a
 *   memory size that is not whole KiB (Argon2 works in KiB, so two byte counts would mean one hash)
 *   → 'kdf-unsupported'.
 * A server that lowers parameters within those bounds, or swaps the salt, still gains nothing: the
 * canonical encoding below is bound into the vault key's AAD, so unwrapping fails.
 *
 * This module has no libsodium import, so the server can use the schema and the checks cheaply.
 */
import { z } from 'zod';
import { fromBase64Url, lengthPrefixed, toBase64Url, u64be, utf8 } from './bytes';
import { CryptoError } from './errors';
import { randomBytes } from './random';

export const KDF_ALG = 'argon2id13';
export const SALT_BYTES = 16;
const MiB = 1024 * 1024;

export const KDF_LIMITS = {
  minOps: 2,
  maxOps: 20,
  minMemBytes: 19 * MiB,
  maxMemBytes: 256 * MiB,
} as const;

export const DEFAULT_KDF = { ops: 3, memBytes: 64 * MiB } as const;

/** Exactly the canonical base64url encodings of 16 bytes (22 characters, the last carrying 2 bits). */
export const SALT_WIRE_PATTERN = /^[A-Za-z0-9_-]{21}[AQgw]$/;

/** Parameters as the crypto code uses them. */
export interface KdfParams {
  alg: typeof KDF_ALG;
  /** Argon2 passes (libsodium's opslimit). */
  ops: number;
  /** Argon2 memory in bytes (libsodium's memlimit). */
  memBytes: number;
  /** 16 random bytes, new for every password (account creation, password change, reset). */
  salt: Uint8Array;
}

/**
 * The wire form (JSON): `{ alg, ops, memBytes, salt }` with the salt as base64url. Checks shape
 * only, so a different algorithm or weak numbers reach kdfParamsFromWire and get a typed error
 * rather than a generic validation failure. The salt pattern admits exactly the canonical encodings
 * of 16 bytes (22 characters, the last one carrying 2 bits).
 */
export const kdfParamsSchema = z.object({
  alg: z.string().max(32),
  ops: z.int().nonnegative(),
  memBytes: z.int().nonnegative(),
  salt: z.string().regex(SALT_WIRE_PATTERN),
});
export type KdfParamsWire = z.infer<typeof kdfParamsSchema>;

/** Throws the typed error for parameters the client refuses; returns them unchanged otherwise. */
export function checkKdfParams(params: KdfParams): KdfParams {
  const { alg, ops, memBytes, salt } = params;
  if (alg !== KDF_ALG) {
    throw new CryptoError('kdf-unsupported', 'The server asked for an unknown key derivation.');
  }
  if (!Number.isSafeInteger(ops) || !Number.isSafeInteger(memBytes)) {
    throw new CryptoError('malformed', 'Key derivation parameters must be whole numbers.');
  }
  if (!(salt instanceof Uint8Array) || salt.length !== SALT_BYTES) {
    throw new CryptoError('malformed', `The key derivation salt must be ${SALT_BYTES} bytes.`);
  }
  if (ops < KDF_LIMITS.minOps || memBytes < KDF_LIMITS.minMemBytes) {
    throw new CryptoError(
      'kdf-too-weak',
      'The server asked for key derivation parameters below the safe minimum.',
    );
  }
  if (ops > KDF_LIMITS.maxOps || memBytes > KDF_LIMITS.maxMemBytes || memBytes % 1024 !== 0) {
    throw new CryptoError(
      'kdf-unsupported',
      'The server asked for key derivation parameters this device cannot run.',
    );
  }
  return params;
}

/** Wire JSON (already parsed from the server's answer) → checked KdfParams, or a CryptoError. */
export function kdfParamsFromWire(wire: unknown): KdfParams {
  const parsed = kdfParamsSchema.safeParse(wire);
  if (!parsed.success) {
    throw new CryptoError('malformed', 'The key derivation parameters are malformed.');
  }
  const { alg, ops, memBytes, salt } = parsed.data;
  if (alg !== KDF_ALG) {
    throw new CryptoError('kdf-unsupported', 'The server asked for an unknown key derivation.');
  }
  return checkKdfParams({ alg, ops, memBytes, salt: fromBase64Url(salt) });
}

export function kdfParamsToWire(params: KdfParams): KdfParamsWire & { alg: typeof KDF_ALG } {
  const { alg, ops, memBytes, salt } = checkKdfParams(params);
  return { alg, ops, memBytes, salt: toBase64Url(salt) };
}

/** Fresh parameters with the defaults (3 passes, 64 MiB) and a new random salt. */
export function createKdfParams(overrides: { ops?: number; memBytes?: number } = {}): KdfParams {
  return checkKdfParams({
    alg: KDF_ALG,
    ops: overrides.ops ?? DEFAULT_KDF.ops,
    memBytes: overrides.memBytes ?? DEFAULT_KDF.memBytes,
    salt: randomBytes(SALT_BYTES),
  });
}

/**
 * The canonical bytes of a parameter set, bound into the vault key's AAD:
 * LP("argon2id13") ‖ LP(u64be(ops)) ‖ LP(u64be(memBytes)) ‖ LP(salt), LP = 4-byte length prefix.
 */
export function canonicalKdfParams(params: KdfParams): Uint8Array {
  const { alg, ops, memBytes, salt } = checkKdfParams(params);
  return lengthPrefixed(utf8(alg), u64be(ops), u64be(memBytes), salt);
}
