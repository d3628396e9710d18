import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import { deriveAccountKeys, type DeriveInput } from './kdf';
import { createKdfParams, type KdfParams } from './kdf-params';
import { generateVaultKey } from './random';
import { byteLength, expectCryptoError, flipBit } from '@/tests/support/crypto';
import { unwrapVaultKey, wrapVaultKey } from './vault-key';

const MiB = 1024 * 1024;
// The account was created with 3 passes at 20 MiB, so the server can "lower" it and stay above the floor.
const kdf: KdfParams = createKdfParams({ ops: 3, memBytes: 20 * MiB });
const account: DeriveInput = {
  password: 'correct horse battery staple',
  email: 'alice@example.test',
  accountKey: Uint8Array.from({ length: 16 }, (_, i) => 100 + i),
  kdf,
};
const vk = generateVaultKey();
const place = { accountId: 'acc_1', epoch: 1 };
let kek: Uint8Array;
let wrappedVk: string;

beforeAll(async () => {
  ({ kek } = await deriveAccountKeys(account));
  wrappedVk = await wrapVaultKey({ kek, vk, kdf, ...place });
});

/** What a returning user does at unlock: derive from what they typed and what the server sent. */
async function unlock(
  typed: Partial<DeriveInput>,
  fromServer: { kdf?: KdfParams; wrapped?: string } = {},
) {
  const serverKdf = fromServer.kdf ?? kdf;
  const keys = await deriveAccountKeys({ ...account, ...typed, kdf: serverKdf });
  return unwrapVaultKey({
    kek: keys.kek,
    kdf: serverKdf,
    wrappedVk: fromServer.wrapped ?? wrappedVk,
    ...place,
  });
}

describe('vault key wrapping', () => {
  it('unwraps with the right password and account key', async () => {
    expect(byteLength(wrappedVk)).toBe(1 + 24 + 32 + 16);
    expect(toHex(await unlock({}))).toBe(toHex(vk));
  });

  it('refuses to wrap a vault key that was wiped', async () => {
    await expectCryptoError(
      wrapVaultKey({ kek, vk: new Uint8Array(32), kdf, ...place }),
      'key-wiped',
    );
  });

  it('uses a fresh nonce for every wrap', async () => {
    expect(await wrapVaultKey({ kek, vk, kdf, ...place })).not.toBe(wrappedVk);
  });

  it('fails with unwrap-failed for a wrong password or account key', async () => {
    await expectCryptoError(unlock({ password: 'correct horse battery stapler' }), 'unwrap-failed');
    await expectCryptoError(unlock({ password: '' }), 'unwrap-failed');
    const otherKey = account.accountKey.map((b, i) => (i === 0 ? b ^ 0x80 : b));
    await expectCryptoError(unlock({ accountKey: otherKey }), 'unwrap-failed');
  });

  it('fails with unwrap-failed when the server lowers the parameters or swaps the salt', async () => {
    const lowered: KdfParams[] = [
      { ...kdf, ops: 2 },
      { ...kdf, memBytes: 19 * MiB },
      { ...kdf, salt: createKdfParams().salt },
    ];
    for (const serverKdf of lowered) {
      // The client re-derives with what the server sent...
      await expectCryptoError(unlock({}, { kdf: serverKdf }), 'unwrap-failed');
      // ...and even the right KEK does not open the key under other parameters (AAD binding).
      await expectCryptoError(
        unwrapVaultKey({ kek, kdf: serverKdf, wrappedVk, ...place }),
        'unwrap-failed',
      );
    }
  });

  it('refuses parameters below the floor before deriving', async () => {
    await expectCryptoError(unlock({}, { kdf: { ...kdf, ops: 1 } }), 'kdf-too-weak');
    await expectCryptoError(
      unwrapVaultKey({ kek, kdf: { ...kdf, ops: 1 }, wrappedVk, ...place }),
      'kdf-too-weak',
    );
  });

  it('fails with unwrap-failed in another account or epoch', async () => {
    await expectCryptoError(
      unwrapVaultKey({ kek, kdf, wrappedVk, accountId: 'acc_2', epoch: 1 }),
      'unwrap-failed',
    );
    await expectCryptoError(
      unwrapVaultKey({ kek, kdf, wrappedVk, accountId: 'acc_1', epoch: 2 }),
      'unwrap-failed',
    );
  });

  it('fails with unwrap-failed for any flipped bit after the version byte', async () => {
    for (let bit = 8; bit < byteLength(wrappedVk) * 8; bit++) {
      const tampered = flipBit(wrappedVk, bit);
      await expectCryptoError(
        unwrapVaultKey({ kek, kdf, wrappedVk: tampered, ...place }),
        'unwrap-failed',
      );
    }
  });

  it('rejects a bad layout as malformed or unsupported-version', async () => {
    const open = (value: unknown) =>
      unwrapVaultKey({ kek, kdf, wrappedVk: value as string, ...place });
    await expectCryptoError(open(flipBit(wrappedVk, 7)), 'unsupported-version');
    await expectCryptoError(open(wrappedVk.slice(0, 40)), 'malformed');
    await expectCryptoError(open(`${wrappedVk}AAAA`), 'malformed');
    await expectCryptoError(open('not base64!'), 'malformed');
    await expectCryptoError(open(''), 'malformed');
    await expectCryptoError(open(undefined), 'malformed');
  });

  it('refuses keys of the wrong size and bad places', async () => {
    await expectCryptoError(
      wrapVaultKey({ kek, vk: new Uint8Array(31), kdf, ...place }),
      'invalid-input',
    );
    await expectCryptoError(
      wrapVaultKey({ kek: new Uint8Array(16), vk, kdf, ...place }),
      'invalid-input',
    );
    await expectCryptoError(
      wrapVaultKey({ kek, vk, kdf, accountId: '', epoch: 1 }),
      'invalid-input',
    );
    await expectCryptoError(
      wrapVaultKey({ kek, vk, kdf, accountId: 'a', epoch: -1 }),
      'invalid-input',
    );
  });

  it('never puts key material in error messages', async () => {
    const error = await expectCryptoError(unlock({ password: 'Tr0ub4dor&3' }), 'unwrap-failed');
    for (const secret of [toHex(kek), toHex(vk), 'Tr0ub4dor&3', wrappedVk]) {
      expect(error.message).not.toContain(secret);
    }
  });
});
