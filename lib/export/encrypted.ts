/**
 * The encrypted Cassaforte export (`.cfx`), format version 1: one UTF-8 JSON object
 *
 *   { "format": "cassaforte-export", "version": 1,
 *     "kdf": { "alg": "argon2id13", "opslimit": 3, "memlimit": 67108864, "salt": "<16 B>" },
 *     "nonce": "<24 B>", "ciphertext": "<…>" }                      (bytes as base64url, no padding)
 *
 * key        = Argon2id13(NFKD(export password), salt, opslimit, memlimit), 32 bytes
 * ciphertext = XChaCha20-Poly1305-IETF(key, nonce, payload, AAD = header)
 * header     = LP("cassaforte-export") ‖ LP(u64be(version)) ‖ LP("argon2id13") ‖ LP(u64be(ops))
 *              ‖ LP(u64be(mem)) ‖ LP(salt) ‖ LP(nonce)        (LP = 4-byte big-endian length)
 * payload    = UTF-8 JSON { "exportedAt": ms, "items": [ item, … ] } (payload.ts)
 *
 * Binding the header as associated data means no field of it (version, parameters, salt, nonce)
 * can be changed without the file failing to open. A wrong password and a changed byte fail the
 * same way, by design. Never fewer passes or less memory than the account's own (export-kdf.ts).
 * docs/export-format.md says the same for people writing their own reader.
 */
import { z } from 'zod';
import {
  CryptoError,
  KDF_ALG,
  SALT_BYTES,
  fromBase64Url,
  fromUtf8,
  lengthPrefixed,
  openWithPassword,
  randomBytes,
  sealWithPassword,
  toBase64Url,
  u64be,
  utf8,
  wipe,
  type KdfParams,
} from '../crypto';
import { ExportFileError } from './errors';
import { EXPORT_FORMAT, EXPORT_VERSION } from './format';
import { parsePayload, type ExportPayload } from './payload';

const b64 = z.string().regex(/^[A-Za-z0-9_-]*$/);

/** Checks the outer shape only, so a newer version's file gets 'unsupportedVersion'. */
const outerSchema = z.object({ format: z.literal(EXPORT_FORMAT), version: z.unknown() });

const headerSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    kdf: z
      .object({
        alg: z.string().max(32),
        opslimit: z.int().nonnegative(),
        memlimit: z.int().nonnegative(),
        salt: b64,
      })
      .strict(),
    nonce: b64,
    ciphertext: b64,
  })
  .strict();

function headerAad(kdf: KdfParams, nonce: Uint8Array): Uint8Array {
  return lengthPrefixed(
    utf8(EXPORT_FORMAT),
    u64be(EXPORT_VERSION),
    utf8(kdf.alg),
    u64be(kdf.ops),
    u64be(kdf.memBytes),
    kdf.salt,
    nonce,
  );
}

/** The file's bytes: `items` sealed under `password` with Argon2id at `cost` (export-kdf.ts). */
export async function writeEncryptedExport(input: {
  items: readonly unknown[];
  password: string;
  cost: { ops: number; memBytes: number };
  now: number;
}): Promise<Uint8Array> {
  const kdf: KdfParams = { alg: KDF_ALG, ...input.cost, salt: randomBytes(SALT_BYTES) };
  const plaintext = utf8(JSON.stringify({ exportedAt: input.now, items: input.items }));
  try {
    const box = await sealWithPassword({
      password: input.password,
      kdf,
      aad: (nonce) => headerAad(kdf, nonce),
      plaintext,
    });
    const file = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      kdf: { alg: kdf.alg, opslimit: kdf.ops, memlimit: kdf.memBytes, salt: toBase64Url(kdf.salt) },
      nonce: toBase64Url(box.nonce),
      ciphertext: toBase64Url(box.ciphertext),
    };
    return utf8(JSON.stringify(file));
  } finally {
    wipe(plaintext);
  }
}

/** The items of an encrypted export, from its parsed JSON; throws ExportFileError. */
export async function readEncryptedExport(json: unknown, password: string): Promise<ExportPayload> {
  const outer = outerSchema.safeParse(json);
  if (!outer.success) throw new ExportFileError('malformed');
  if (outer.data.version !== EXPORT_VERSION) throw new ExportFileError('unsupportedVersion');
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) throw new ExportFileError('malformed');
  const { kdf: wire, nonce, ciphertext } = parsed.data;
  if (wire.alg !== KDF_ALG) throw new ExportFileError('unsupportedVersion');
  let plaintext: Uint8Array | undefined;
  try {
    const kdf: KdfParams = {
      alg: KDF_ALG,
      ops: wire.opslimit,
      memBytes: wire.memlimit,
      salt: fromBase64Url(wire.salt),
    };
    if (kdf.salt.length !== SALT_BYTES) throw new ExportFileError('malformed');
    const box = { nonce: fromBase64Url(nonce), ciphertext: fromBase64Url(ciphertext) };
    plaintext = await openWithPassword({ password, kdf, aad: headerAad(kdf, box.nonce), box });
    return parsePayload(fromUtf8(plaintext));
  } catch (error) {
    throw asFileError(error);
  } finally {
    wipe(plaintext);
  }
}

function asFileError(error: unknown): ExportFileError {
  if (error instanceof ExportFileError) return error;
  if (!(error instanceof CryptoError)) return new ExportFileError('malformed');
  switch (error.code) {
    case 'password-box-failed':
      return new ExportFileError('wrongPassword');
    // Parameters outside the bounds this version runs: never written by it.
    case 'kdf-too-weak':
    case 'kdf-unsupported':
      return new ExportFileError('unsupportedVersion');
    default:
      return new ExportFileError('malformed');
  }
}
