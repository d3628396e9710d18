/**
 * Sealing bytes under a password alone, for files that leave the vault (the encrypted export,
 * lib/export): key = Argon2id13(NFKD(password) as UTF-8, salt, ops, mem), 32 bytes, then
 * XChaCha20-Poly1305-IETF with a random 24-byte nonce and the caller's associated data (the file's
 * header, so no parameter of it can be changed without the file failing to open).
 *
 * The parameters are checked with the account's own bounds (kdf-params.ts) before any work: a
 * file asking for 4 GiB of memory is refused, not run. The key is wiped after use.
 */
import { utf8, wipe } from './bytes';
import { CryptoError } from './errors';
import { argon2id } from './kdf';
import { checkKdfParams, type KdfParams } from './kdf-params';
import { KEY_BYTES, NONCE_BYTES, randomNonce } from './random';
import { loadSodium } from './sodium';

export interface PasswordBox {
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

async function passwordKey(password: string, kdf: KdfParams): Promise<Uint8Array> {
  checkKdfParams(kdf);
  if (typeof password !== 'string' || password === '') {
    throw new CryptoError('invalid-input', 'The password must be text.');
  }
  const sodium = await loadSodium();
  const bytes = utf8(password.normalize('NFKD'));
  try {
    return argon2id(sodium, KEY_BYTES, bytes, kdf);
  } finally {
    wipe(bytes);
  }
}

/** Seals `plaintext` under a key from `password`; `aad` must be derived from the same `kdf`. */
export async function sealWithPassword(input: {
  password: string;
  kdf: KdfParams;
  aad: (nonce: Uint8Array) => Uint8Array;
  plaintext: Uint8Array;
}): Promise<PasswordBox> {
  const key = await passwordKey(input.password, input.kdf);
  const sodium = await loadSodium();
  const nonce = randomNonce();
  try {
    const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      input.plaintext,
      input.aad(nonce),
      null,
      nonce,
      key,
    );
    return { nonce, ciphertext };
  } finally {
    wipe(key);
  }
}

/** Opens what sealWithPassword sealed, or throws 'password-box-failed'. */
export async function openWithPassword(input: {
  password: string;
  kdf: KdfParams;
  aad: Uint8Array;
  box: PasswordBox;
}): Promise<Uint8Array> {
  if (input.box.nonce.length !== NONCE_BYTES) {
    throw new CryptoError('malformed', 'Bad nonce length.');
  }
  const key = await passwordKey(input.password, input.kdf);
  const sodium = await loadSodium();
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      input.box.ciphertext,
      input.aad,
      input.box.nonce,
      key,
    );
  } catch {
    throw new CryptoError(
      'password-box-failed',
      'The file did not open: the password is wrong, or the file was changed.',
    );
  } finally {
    wipe(key);
  }
}
