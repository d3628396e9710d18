/**
 * Associated data for every AEAD in Cassaforte. Each field is length-prefixed (bytes.ts), integers
 * are 8-byte big-endian, text is UTF-8. The leading label ("CF1 vk", "CF1 item") separates the uses,
 * so a wrapped vault key can never be opened as an item or the other way round.
 */
import { lengthPrefixed, u64be, utf8 } from './bytes';
import { CryptoError } from './errors';
import { canonicalKdfParams, type KdfParams } from './kdf-params';

const MAX_ID_BYTES = 512;

function idBytes(name: string, id: string): Uint8Array {
  const bytes = typeof id === 'string' ? utf8(id) : new Uint8Array(0);
  if (bytes.length === 0 || bytes.length > MAX_ID_BYTES) {
    throw new CryptoError(
      'invalid-input',
      `The ${name} must be non-empty text of at most 512 bytes.`,
    );
  }
  return bytes;
}

function epochBytes(epoch: number): Uint8Array {
  if (!Number.isSafeInteger(epoch) || epoch < 0) {
    throw new CryptoError('invalid-input', 'The epoch must be a non-negative whole number.');
  }
  return u64be(epoch);
}

/** "CF1 vk" ‖ accountId ‖ epoch ‖ canonical KDF params. */
export function vaultKeyAad(accountId: string, epoch: number, kdf: KdfParams): Uint8Array {
  return lengthPrefixed(
    utf8('CF1 vk'),
    idBytes('account id', accountId),
    epochBytes(epoch),
    canonicalKdfParams(kdf),
  );
}

/** "CF1 item" ‖ accountId ‖ epoch ‖ itemId ‖ format version (one byte). */
export function itemAad(
  accountId: string,
  epoch: number,
  itemId: string,
  version: number,
): Uint8Array {
  return lengthPrefixed(
    utf8('CF1 item'),
    idBytes('account id', accountId),
    epochBytes(epoch),
    idBytes('item id', itemId),
    Uint8Array.of(version),
  );
}
