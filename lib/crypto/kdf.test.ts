import sodium from 'libsodium-wrappers-sumo';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toHex } from './bytes';
import { deriveAccountKeys, type DeriveInput } from './kdf';
import { createKdfParams, type KdfParams } from './kdf-params';
import { expectCryptoError } from '@/tests/support/crypto';

const MiB = 1024 * 1024;
// The floor: the cheapest parameters the client accepts, to keep tests quick.
const floor = (): KdfParams => createKdfParams({ ops: 2, memBytes: 19 * MiB });

const base: DeriveInput = {
  password: 'correct horse battery staple',
  email: 'alice@example.test',
  accountKey: Uint8Array.from({ length: 16 }, (_, i) => i),
  kdf: floor(),
};

async function derive(changes: Partial<DeriveInput> = {}) {
  const keys = await deriveAccountKeys({ ...base, ...changes });
  return { auth: toHex(keys.authSecret), kek: toHex(keys.kek) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('deriveAccountKeys', () => {
  it('derives two different 32-byte secrets with the default parameters (3 passes, 64 MiB)', async () => {
    const keys = await deriveAccountKeys({ ...base, kdf: createKdfParams() });
    expect(keys.authSecret).toHaveLength(32);
    expect(keys.kek).toHaveLength(32);
    expect(toHex(keys.authSecret)).not.toBe(toHex(keys.kek));
  });

  it('is deterministic, and normalises the email and the password (NFKD)', async () => {
    const reference = await derive();
    expect(await derive({ email: '  Alice@Example.TEST\n' })).toEqual(reference);
    const precomposed = await derive({ password: 'p\u00e4ss' });
    expect(await derive({ password: 'pa\u0308ss' })).toEqual(precomposed);
  });

  it('depends on the password, the account key, the email and the salt', async () => {
    const reference = await derive();
    const otherKey = Uint8Array.from({ length: 16 }, (_, i) => (i === 15 ? 16 : i));
    const variants = await Promise.all([
      derive({ password: 'correct horse battery stapler' }),
      derive({ accountKey: otherKey }),
      derive({ email: 'bob@example.test' }),
      derive({ kdf: { ...base.kdf, salt: base.kdf.salt.map((b) => b ^ 1) } }),
    ]);
    for (const variant of variants) {
      expect(variant.auth).not.toBe(reference.auth);
      expect(variant.kek).not.toBe(reference.kek);
    }
  });

  it('refuses weak or hostile parameters before running Argon2id', async () => {
    const pwhash = vi.spyOn(sodium, 'crypto_pwhash');
    await expectCryptoError(
      deriveAccountKeys({ ...base, kdf: { ...base.kdf, ops: 1 } }),
      'kdf-too-weak',
    );
    await expectCryptoError(
      deriveAccountKeys({ ...base, kdf: { ...base.kdf, memBytes: 16 * MiB } }),
      'kdf-too-weak',
    );
    await expectCryptoError(
      deriveAccountKeys({ ...base, kdf: { ...base.kdf, memBytes: 4096 * MiB } }),
      'kdf-unsupported',
    );
    await expectCryptoError(
      deriveAccountKeys({ ...base, kdf: { ...base.kdf, ops: 1000 } }),
      'kdf-unsupported',
    );
    const otherAlg = { ...base.kdf, alg: 'argon2i13' } as unknown as KdfParams;
    await expectCryptoError(deriveAccountKeys({ ...base, kdf: otherAlg }), 'kdf-unsupported');
    expect(pwhash).not.toHaveBeenCalled();
  });

  it('refuses an account key of the wrong size', async () => {
    await expectCryptoError(
      deriveAccountKeys({ ...base, accountKey: new Uint8Array(15) }),
      'invalid-input',
    );
  });

  it('wipes the intermediate secrets P, A and M', async () => {
    const memzero = vi.spyOn(sodium, 'memzero');
    await deriveAccountKeys(base);
    // password bytes, P, A, P ‖ A and M
    expect(memzero).toHaveBeenCalledTimes(5);
    for (const [buffer] of memzero.mock.calls) expect(buffer.every((b) => b === 0)).toBe(true);
  });
});
