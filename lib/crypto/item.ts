/**
 * Item encryption (DESIGN.md §2): XChaCha20-Poly1305-IETF under the vault key, a random 24-byte nonce
 * per seal (random.ts), AAD = "CF1 item" ‖ accountId ‖ epoch ‖ itemId ‖ format version (aad.ts).
 * The AAD pins a blob to its place: moved to another item id, account or epoch, it fails to open
 * ('item-tampered'), so a server cannot swap two items' contents or replay old-epoch data.
 * Wire form: envelope.ts.
 *
 * sealJson pads the JSON with trailing spaces to a multiple of 64 bytes (still valid JSON, ignored by
 * JSON.parse), so the server learns an item's size only in 64-byte steps, not a password's length.
 */
import { fromUtf8, utf8, wipe } from './bytes';
import { CryptoError } from './errors';
import { itemAad } from './aad';
import { FORMAT_VERSION, unpackEnvelope } from './envelope';
import { checkKey } from './key-check';
import { randomNonce } from './random';
import { openCiphertext, sealEnvelope } from './aead';

export interface ItemContext {
  vk: Uint8Array;
  accountId: string;
  epoch: number;
  itemId: string;
}

const JSON_PAD_TO = 64;

function checkVaultKey(vk: unknown): asserts vk is Uint8Array {
  checkKey('vault key', vk);
}

/** Internal: seal with a given nonce, for known-answer vectors only. Production uses sealItem. */
export async function sealItemWithNonce(
  input: ItemContext & { plaintext: Uint8Array },
  nonce: Uint8Array,
): Promise<string> {
  checkVaultKey(input.vk);
  if (!(input.plaintext instanceof Uint8Array)) {
    throw new CryptoError('invalid-input', 'The plaintext must be bytes.');
  }
  const aad = itemAad(input.accountId, input.epoch, input.itemId, FORMAT_VERSION);
  return sealEnvelope(input.plaintext, aad, input.vk, nonce);
}

/** Bytes → blob (base64url) for the server and IndexedDB. */
export async function sealItem(input: ItemContext & { plaintext: Uint8Array }): Promise<string> {
  return sealItemWithNonce(input, randomNonce());
}

/** Blob → bytes. 'malformed' / 'unsupported-version' for a bad layout, 'item-tampered' otherwise. */
export async function openItem(input: ItemContext & { blob: string }): Promise<Uint8Array> {
  checkVaultKey(input.vk);
  const envelope = unpackEnvelope(input.blob, 'item');
  const aad = itemAad(input.accountId, input.epoch, input.itemId, envelope.version);
  return openCiphertext(envelope, aad, input.vk, {
    code: 'item-tampered',
    message:
      'An item failed its integrity check: it was altered, moved, or sealed with another key.',
  });
}

/** JSON text padded with spaces to a multiple of 64 bytes. */
export function paddedJson(value: unknown): Uint8Array {
  const json = JSON.stringify(value);
  if (json === undefined) throw new CryptoError('invalid-input', 'The value is not JSON.');
  const bytes = utf8(json);
  const padded = new Uint8Array(Math.ceil(bytes.length / JSON_PAD_TO) * JSON_PAD_TO);
  padded.fill(0x20);
  padded.set(bytes);
  wipe(bytes);
  return padded;
}

/** Internal: sealJson with a given nonce, for known-answer vectors only. */
export async function sealJsonWithNonce(
  input: ItemContext & { value: unknown },
  nonce: Uint8Array,
): Promise<string> {
  const plaintext = paddedJson(input.value);
  try {
    return await sealItemWithNonce({ ...input, plaintext }, nonce);
  } finally {
    wipe(plaintext);
  }
}

/** A JSON-serialisable value → blob, padded (see top of file). */
export async function sealJson(input: ItemContext & { value: unknown }): Promise<string> {
  return sealJsonWithNonce(input, randomNonce());
}

/** Blob → the parsed JSON value, `unknown` on purpose: validate it with the item schema. */
export async function openJson(input: ItemContext & { blob: string }): Promise<unknown> {
  const plaintext = await openItem(input);
  try {
    return JSON.parse(fromUtf8(plaintext)) as unknown;
  } catch (error) {
    if (error instanceof CryptoError) throw error;
    throw new CryptoError('malformed', 'The item decrypted but is not valid JSON.');
  } finally {
    wipe(plaintext);
  }
}
