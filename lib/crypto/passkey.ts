/**
 * The passkey wrap (DESIGN.md §2): the vault key wrapped under a key derived from the WebAuthn PRF
 * output of this device's credential, kept on this device only. The PRF output is 32 bytes that
 * only the authenticator can produce again (after user verification), for this credential and
 * this salt; it is never stored. The wrapping key is
 *
 *   PK = crypto_kdf_derive_from_key(32, 3, "CFpkey01", PRF output)
 *
 * its own subkey id and context, so it can never equal the KEK or the auth secret, and the wrap
 * is XChaCha20-Poly1305 with AAD = "CF1 passkey" ‖ accountId ‖ epoch ‖ credentialId: a wrap
 * copied to another account, to the account after a reset, or under another credential fails to
 * open ('unwrap-failed'), as does a wrong PRF output.
 */
import { lengthPrefixed, u64be, utf8, wipe } from './bytes';
import { CryptoError } from './errors';
import { unpackEnvelope } from './envelope';
import { checkKey } from './key-check';
import { KEY_BYTES, randomNonce } from './random';
import { openCiphertext, sealEnvelope } from './aead';
import { loadSodium } from './sodium';

/** What the PRF gives (WebAuthn's `prf.results.first`, the CTAP hmac-secret output). */
export const PRF_OUTPUT_BYTES = 32;

export interface PasskeyWrapContext {
  accountId: string;
  epoch: number;
  /** The credential's raw id, base64url, as the authenticator named it at registration. */
  credentialId: string;
}

function passkeyAad({ accountId, epoch, credentialId }: PasskeyWrapContext): Uint8Array {
  if (!accountId || !credentialId || !Number.isSafeInteger(epoch) || epoch < 0) {
    throw new CryptoError(
      'invalid-input',
      'A passkey wrap needs an account, epoch and credential.',
    );
  }
  return lengthPrefixed(utf8('CF1 passkey'), utf8(accountId), u64be(epoch), utf8(credentialId));
}

async function wrappingKey(prf: Uint8Array): Promise<Uint8Array> {
  if (!(prf instanceof Uint8Array) || prf.length !== PRF_OUTPUT_BYTES) {
    throw new CryptoError('invalid-input', 'The passkey gave no 32-byte PRF output.');
  }
  const sodium = await loadSodium();
  return sodium.crypto_kdf_derive_from_key(KEY_BYTES, 3, 'CFpkey01', prf);
}

/** VK → its passkey wrap. The derived key is wiped; the caller wipes `prf`. */
export async function wrapWithPasskey(
  input: PasskeyWrapContext & { vk: Uint8Array; prf: Uint8Array },
): Promise<string> {
  checkKey('vault key', input.vk);
  const key = await wrappingKey(input.prf);
  try {
    return await sealEnvelope(input.vk, passkeyAad(input), key, randomNonce());
  } finally {
    wipe(key);
  }
}

/** The passkey wrap → VK, or 'unwrap-failed' for another credential, PRF output or place. */
export async function unwrapWithPasskey(
  input: PasskeyWrapContext & { wrapped: string; prf: Uint8Array },
): Promise<Uint8Array> {
  const envelope = unpackEnvelope(input.wrapped, 'passkey wrap');
  if (envelope.ciphertext.length !== KEY_BYTES + 16) {
    throw new CryptoError('malformed', 'The passkey wrap has the wrong length.');
  }
  const key = await wrappingKey(input.prf);
  try {
    return await openCiphertext(envelope, passkeyAad(input), key, {
      code: 'unwrap-failed',
      message: 'The passkey did not open the vault key: another passkey, or altered data.',
    });
  } finally {
    wipe(key);
  }
}
