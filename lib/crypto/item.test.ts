import { describe, expect, it } from 'vitest';
import { fromBase64Url, toHex, utf8 } from './bytes';
import { openItem, openJson, sealItem, sealJson, type ItemContext } from './item';
import { generateVaultKey } from './random';
import { byteLength, expectCryptoError, flipBit } from '@/tests/support/crypto';

const vk = generateVaultKey();
const itemA: ItemContext = { vk, accountId: 'acc_1', epoch: 1, itemId: 'item-a' };
const itemB: ItemContext = { ...itemA, itemId: 'item-b' };
const HEADER = 1 + 24; // version + nonce
const TAG = 16;

describe('sealItem / openItem', () => {
  it('round-trips bytes, including empty and large plaintexts', async () => {
    for (const plaintext of [
      new Uint8Array(0),
      utf8('hunter2'),
      crypto.getRandomValues(new Uint8Array(60_000)),
    ]) {
      const blob = await sealItem({ ...itemA, plaintext });
      expect(byteLength(blob)).toBe(HEADER + plaintext.length + TAG);
      expect(fromBase64Url(blob)[0]).toBe(1);
      expect(toHex(await openItem({ ...itemA, blob }))).toBe(toHex(plaintext));
    }
  });

  it('refuses to seal or open under a key that was wiped when the vault locked', async () => {
    const key = generateVaultKey();
    const ctx = { ...itemA, vk: key };
    const blob = await sealJson({ ...ctx, value: { title: 'before the lock' } });
    key.fill(0); // what keyring.lock() does to the buffer a running sync still holds
    await expectCryptoError(sealJson({ ...ctx, value: { title: 'after' } }), 'key-wiped');
    await expectCryptoError(openJson({ ...ctx, blob }), 'key-wiped');
  });

  it('gives the same plaintext a different blob every time', async () => {
    const plaintext = utf8('same');
    expect(await sealItem({ ...itemA, plaintext })).not.toBe(
      await sealItem({ ...itemA, plaintext }),
    );
  });

  it('detects one flipped bit anywhere in the nonce, the ciphertext or the tag', async () => {
    const blob = await sealItem({ ...itemA, plaintext: utf8('secret') });
    const bits = byteLength(blob) * 8;
    for (let bit = 8; bit < bits; bit++) {
      await expectCryptoError(openItem({ ...itemA, blob: flipBit(blob, bit) }), 'item-tampered');
    }
    // The version byte: an unknown format, not a silent misread.
    for (let bit = 0; bit < 8; bit++) {
      await expectCryptoError(
        openItem({ ...itemA, blob: flipBit(blob, bit) }),
        'unsupported-version',
      );
    }
  });

  it('refuses blobs moved to another item, account or epoch, or opened with another key', async () => {
    const blobA = await sealItem({ ...itemA, plaintext: utf8('password of A') });
    const blobB = await sealItem({ ...itemB, plaintext: utf8('password of B') });
    // A server swapping two items' contents:
    await expectCryptoError(openItem({ ...itemB, blob: blobA }), 'item-tampered');
    await expectCryptoError(openItem({ ...itemA, blob: blobB }), 'item-tampered');
    await expectCryptoError(
      openItem({ ...itemA, accountId: 'acc_2', blob: blobA }),
      'item-tampered',
    );
    await expectCryptoError(openItem({ ...itemA, epoch: 2, blob: blobA }), 'item-tampered');
    await expectCryptoError(openItem({ ...itemA, epoch: 0, blob: blobA }), 'item-tampered');
    await expectCryptoError(
      openItem({ ...itemA, vk: generateVaultKey(), blob: blobA }),
      'item-tampered',
    );
    // Field boundaries are length-prefixed: shifting characters between ids does not help.
    const shifted = { ...itemA, accountId: 'acc_1i', itemId: 'tem-a' };
    await expectCryptoError(openItem({ ...shifted, blob: blobA }), 'item-tampered');
  });

  it('refuses truncated, extended and malformed blobs', async () => {
    const blob = await sealItem({ ...itemA, plaintext: utf8('secret') });
    const bytes = fromBase64Url(blob);
    const reencode = (b: Uint8Array) => Buffer.from(b).toString('base64url');
    await expectCryptoError(
      openItem({ ...itemA, blob: reencode(bytes.subarray(0, -1)) }),
      'item-tampered',
    );
    await expectCryptoError(
      openItem({ ...itemA, blob: reencode(Uint8Array.of(...bytes, 0)) }),
      'item-tampered',
    );
    await expectCryptoError(
      openItem({ ...itemA, blob: reencode(bytes.subarray(0, HEADER + TAG - 1)) }),
      'malformed',
    );
    for (const bad of ['', '!!!!', `${blob}=`, 42, null]) {
      await expectCryptoError(openItem({ ...itemA, blob: bad as string }), 'malformed');
    }
  });

  it('refuses impossible inputs', async () => {
    const plaintext = utf8('x');
    await expectCryptoError(
      sealItem({ ...itemA, vk: new Uint8Array(16), plaintext }),
      'invalid-input',
    );
    await expectCryptoError(sealItem({ ...itemA, itemId: '', plaintext }), 'invalid-input');
    await expectCryptoError(sealItem({ ...itemA, epoch: -1, plaintext }), 'invalid-input');
    await expectCryptoError(sealItem({ ...itemA, epoch: 1.5, plaintext }), 'invalid-input');
    await expectCryptoError(sealItem({ ...itemA, epoch: Number.NaN, plaintext }), 'invalid-input');
    await expectCryptoError(
      sealItem({ ...itemA, plaintext: 'text' as unknown as Uint8Array }),
      'invalid-input',
    );
  });

  it('gives 100,000 seals 100,000 different nonces', async () => {
    const nonces = new Set<string>();
    const plaintext = Uint8Array.of(1);
    for (let i = 0; i < 100_000; i++) {
      const blob = await sealItem({ ...itemA, plaintext });
      // The first 33 characters encode the version byte and 190 of the nonce's 192 bits.
      nonces.add(blob.slice(0, 33));
    }
    expect(nonces.size).toBe(100_000);
  });
});

describe('sealJson / openJson', () => {
  it('round-trips JSON values', async () => {
    const value = {
      type: 'login',
      name: 'Bänk ✓',
      username: 'alice',
      password: 'p@ss',
      urls: ['https://x'],
    };
    const blob = await sealJson({ ...itemA, value });
    expect(await openJson({ ...itemA, blob })).toEqual(value);
  });

  it('pads to 64-byte steps so the server cannot tell password lengths apart', async () => {
    const sizes = new Set<number>();
    for (let length = 1; length <= 40; length++) {
      const blob = await sealJson({ ...itemA, value: { password: 'x'.repeat(length) } });
      const plaintextLength = byteLength(blob) - HEADER - TAG;
      expect(plaintextLength % 64).toBe(0);
      sizes.add(plaintextLength);
    }
    expect(sizes.size).toBeLessThanOrEqual(2);
  });

  it('refuses a sealed non-JSON plaintext as malformed, and values JSON cannot hold', async () => {
    const blob = await sealItem({ ...itemA, plaintext: Uint8Array.of(0xff, 0xfe) });
    await expectCryptoError(openJson({ ...itemA, blob }), 'malformed');
    const notJson = await sealItem({ ...itemA, plaintext: utf8('{"a":') });
    await expectCryptoError(openJson({ ...itemA, blob: notJson }), 'malformed');
    await expectCryptoError(sealJson({ ...itemA, value: undefined }), 'invalid-input');
  });

  it('reports tampering, not a parse error, for a tampered JSON blob', async () => {
    const blob = await sealJson({ ...itemA, value: { a: 1 } });
    await expectCryptoError(openJson({ ...itemB, blob }), 'item-tampered');
  });
});
