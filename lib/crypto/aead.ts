/**
 * The one XChaCha20-Poly1305-IETF step behind both wrapped vault keys and item blobs: seal into
 * the envelope layout (envelope.ts), and open with the caller's error for a failed check.
 */
import { CryptoError, type CryptoErrorCode } from './errors';
import { FORMAT_VERSION, packEnvelope } from './envelope';
import { NONCE_BYTES } from './random';
import { loadSodium } from './sodium';

export async function sealEnvelope(
  plaintext: Uint8Array,
  aad: Uint8Array,
  key: Uint8Array,
  nonce: Uint8Array,
): Promise<string> {
  if (nonce.length !== NONCE_BYTES) throw new CryptoError('invalid-input', 'Bad nonce length.');
  const sodium = await loadSodium();
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    plaintext,
    aad,
    null,
    nonce,
    key,
  );
  return packEnvelope({ version: FORMAT_VERSION, nonce, ciphertext });
}

export async function openCiphertext(
  envelope: { nonce: Uint8Array; ciphertext: Uint8Array },
  aad: Uint8Array,
  key: Uint8Array,
  failure: { code: CryptoErrorCode; message: string },
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      envelope.ciphertext,
      aad,
      envelope.nonce,
      key,
    );
  } catch {
    throw new CryptoError(failure.code, failure.message);
  }
}
