/**
 * From password + account key to the two account secrets (DESIGN.md §2):
 *
 *   P     = Argon2id(NFKD(password) as UTF-8, salt, ops, mem)                          32 bytes
 *   A     = BLAKE2b-256(key = AK, "CF1 account-key" ‖ normalizeEmail(email))           32 bytes
 *   M     = BLAKE2b-256(P ‖ A)                                                         32 bytes
 *   auth  = crypto_kdf_derive_from_key(32, 1, "CFauth01", M)   the OPAQUE password input
 *   KEK   = crypto_kdf_derive_from_key(32, 2, "CFwrap01", M)   wraps the vault key
 *
 * - NFKD so the same password typed on a Mac (decomposed accents) and on Windows (precomposed) or
 *   with compatibility characters (ligatures, full-width digits) gives the same key.
 * - The email is trimmed and lower-cased (lib/account-key/email.ts) so "Alice@x" and "alice@x " are
 *   the same account. Mixing it in with the AK as BLAKE2b key makes A differ per account even if two
 *   people ever shared an AK, and the fixed-length label makes the concatenation unambiguous.
 * - P ‖ A is unambiguous because both are exactly 32 bytes. Because M needs the AK, nothing the server
 *   receives (the OPAQUE input derives from M) depends on the password alone: a server breach gives an
 *   attacker no offline password-guessing target without the 128-bit account key.
 * P, A and M are wiped before returning; the caller wipes authSecret after OPAQUE and the KEK after
 * unwrapping.
 */
import { normalizeEmail } from '../account-key/email';
import { ACCOUNT_KEY_BYTES } from '../account-key/base32';
import { concatBytes, utf8 } from './bytes';
import { CryptoError } from './errors';
import { checkKdfParams, type KdfParams } from './kdf-params';
import { loadSodium, type Sodium } from './sodium';

export interface AccountKeys {
  /** 32 bytes: the OPAQUE password input (encode with toBase64Url if a string is needed). */
  authSecret: Uint8Array;
  /** 32 bytes: wraps the vault key. */
  kek: Uint8Array;
}

export interface DeriveInput {
  password: string;
  email: string;
  /** The 16-byte account key (parseAccountKey in lib/account-key). */
  accountKey: Uint8Array;
  kdf: KdfParams;
}

const ACCOUNT_KEY_LABEL = 'CF1 account-key';

export async function deriveAccountKeys(input: DeriveInput): Promise<AccountKeys> {
  // Refuse hostile or broken parameters before spending any time or memory on them.
  const kdf = checkKdfParams(input.kdf);
  if (!(input.accountKey instanceof Uint8Array) || input.accountKey.length !== ACCOUNT_KEY_BYTES) {
    throw new CryptoError('invalid-input', `The account key must be ${ACCOUNT_KEY_BYTES} bytes.`);
  }
  if (typeof input.password !== 'string' || typeof input.email !== 'string') {
    throw new CryptoError('invalid-input', 'Password and email must be text.');
  }
  const sodium = await loadSodium();
  const password = utf8(input.password.normalize('NFKD'));
  let p: Uint8Array | undefined;
  let a: Uint8Array | undefined;
  let pa: Uint8Array | undefined;
  let m: Uint8Array | undefined;
  try {
    p = argon2id(sodium, 32, password, kdf);
    const label = concatBytes(utf8(ACCOUNT_KEY_LABEL), utf8(normalizeEmail(input.email)));
    a = sodium.crypto_generichash(32, label, input.accountKey);
    pa = concatBytes(p, a);
    m = sodium.crypto_generichash(32, pa, null);
    return {
      authSecret: sodium.crypto_kdf_derive_from_key(32, 1, 'CFauth01', m),
      kek: sodium.crypto_kdf_derive_from_key(32, 2, 'CFwrap01', m),
    };
  } finally {
    for (const secret of [password, p, a, pa, m]) if (secret) sodium.memzero(secret);
  }
}

/**
 * Argon2id13 of the password's bytes under `kdf`: P of DESIGN §2, and the export file's key
 * (password-box.ts). A device that cannot run it (out of memory in a constrained worker,
 * typically) gets one error that says so.
 */
export function argon2id(
  sodium: Sodium,
  length: number,
  password: Uint8Array,
  kdf: KdfParams,
): Uint8Array {
  try {
    return sodium.crypto_pwhash(
      length,
      password,
      kdf.salt,
      kdf.ops,
      kdf.memBytes,
      sodium.crypto_pwhash_ALG_ARGON2ID13,
    );
  } catch {
    throw new CryptoError('kdf-unsupported', 'This device could not run the key derivation.');
  }
}
