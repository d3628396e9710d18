/**
 * Wrapping the vault key (VK) under the KEK (DESIGN.md §2): XChaCha20-Poly1305-IETF with
 * AAD = "CF1 vk" ‖ accountId ‖ epoch ‖ canonical KDF params (aad.ts). Binding the parameters means a
 * server that lowers them or swaps the salt makes the unwrap fail instead of yielding a weaker key;
 * binding account and epoch means a wrapped key cannot be replayed into another account or into the
 * account after a reset. Wire form: envelope.ts (73 bytes → 98 base64url characters).
 */
import { CryptoError } from './errors';
import { vaultKeyAad } from './aad';
import { unpackEnvelope } from './envelope';
import { checkKey } from './key-check';
import { type KdfParams } from './kdf-params';
import { KEY_BYTES, randomNonce } from './random';
import { openCiphertext, sealEnvelope } from './aead';

export interface VaultKeyContext {
  kek: Uint8Array;
  accountId: string;
  epoch: number;
  /** The parameters the KEK was derived with, exactly as the server stores them. */
  kdf: KdfParams;
}

/** Internal: wrap with a given nonce, for known-answer vectors only. Production uses wrapVaultKey. */
export async function wrapVaultKeyWithNonce(
  input: VaultKeyContext & { vk: Uint8Array },
  nonce: Uint8Array,
): Promise<string> {
  checkKey('KEK', input.kek);
  checkKey('vault key', input.vk);
  const aad = vaultKeyAad(input.accountId, input.epoch, input.kdf);
  return sealEnvelope(input.vk, aad, input.kek, nonce);
}

/** VK → the wrapped form stored on the server and in the local cache. */
export async function wrapVaultKey(input: VaultKeyContext & { vk: Uint8Array }): Promise<string> {
  return wrapVaultKeyWithNonce(input, randomNonce());
}

/**
 * Wrapped form → VK. Any failure to authenticate is 'unwrap-failed': wrong password, wrong account
 * key, changed KDF parameters or salt, another account or epoch, or tampering are cryptographically
 * indistinguishable, so the UI should say "wrong password or account key" and offer the hint.
 */
export async function unwrapVaultKey(
  input: VaultKeyContext & { wrappedVk: string },
): Promise<Uint8Array> {
  checkKey('KEK', input.kek);
  const aad = vaultKeyAad(input.accountId, input.epoch, input.kdf);
  const envelope = unpackEnvelope(input.wrappedVk, 'wrapped vault key');
  if (envelope.ciphertext.length !== KEY_BYTES + 16) {
    throw new CryptoError('malformed', 'The wrapped vault key has the wrong length.');
  }
  return openCiphertext(envelope, aad, input.kek, {
    code: 'unwrap-failed',
    message: 'The vault key could not be unlocked: wrong password or account key, or altered data.',
  });
}
