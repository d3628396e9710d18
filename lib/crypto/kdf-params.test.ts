import { describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import {
  DEFAULT_KDF,
  canonicalKdfParams,
  createKdfParams,
  kdfParamsFromWire,
  kdfParamsSchema,
  kdfParamsToWire,
  type KdfParams,
} from './kdf-params';
import { expectCryptoError } from '@/tests/support/crypto';

const MiB = 1024 * 1024;
const wire = { alg: 'argon2id13', ops: 3, memBytes: 64 * MiB, salt: 'AAECAwQFBgcICQoLDA0ODw' };

describe('KDF parameters', () => {
  it('reads and writes the wire form', () => {
    const params = kdfParamsFromWire(wire);
    expect(params.salt).toHaveLength(16);
    expect(kdfParamsToWire(params)).toEqual(wire);
    expect(kdfParamsSchema.safeParse(wire).success).toBe(true);
    // Unknown extra fields are dropped, not fatal.
    expect(kdfParamsFromWire({ ...wire, extra: 1 })).toEqual(params);
  });

  it('refuses parameters below the floor as kdf-too-weak', async () => {
    await expectCryptoError(() => kdfParamsFromWire({ ...wire, ops: 1 }), 'kdf-too-weak');
    await expectCryptoError(() => kdfParamsFromWire({ ...wire, ops: 0 }), 'kdf-too-weak');
    await expectCryptoError(
      () => kdfParamsFromWire({ ...wire, memBytes: 19 * MiB - 1024 }),
      'kdf-too-weak',
    );
    await expectCryptoError(
      () => kdfParamsFromWire({ ...wire, memBytes: 8 * 1024 }),
      'kdf-too-weak',
    );
    expect(kdfParamsFromWire({ ...wire, ops: 2, memBytes: 19 * MiB }).ops).toBe(2);
  });

  it('refuses other algorithms and device-freezing parameters as kdf-unsupported', async () => {
    for (const alg of ['argon2i13', 'scrypt', 'ARGON2ID13', '']) {
      await expectCryptoError(() => kdfParamsFromWire({ ...wire, alg }), 'kdf-unsupported');
    }
    await expectCryptoError(() => kdfParamsFromWire({ ...wire, ops: 21 }), 'kdf-unsupported');
    await expectCryptoError(
      () => kdfParamsFromWire({ ...wire, memBytes: 256 * MiB + 1024 }),
      'kdf-unsupported',
    );
    await expectCryptoError(
      () => kdfParamsFromWire({ ...wire, memBytes: 2 ** 40 }),
      'kdf-unsupported',
    );
    await expectCryptoError(
      () => kdfParamsFromWire({ ...wire, memBytes: 64 * MiB + 1 }),
      'kdf-unsupported',
    );
    expect(kdfParamsFromWire({ ...wire, ops: 20, memBytes: 256 * MiB }).ops).toBe(20);
  });

  it('refuses malformed wire data', async () => {
    const bad: unknown[] = [
      null,
      'argon2id13',
      { ...wire, salt: undefined },
      { ...wire, salt: 'AAECAwQFBgcICQoLDA0ODx' }, // non-canonical last character
      { ...wire, salt: 'AAECAwQFBgcICQoLDA0O' }, // 15 bytes
      { ...wire, salt: 'AAECAwQFBgcICQoLDA0ODw==' },
      { ...wire, ops: 2.5 },
      { ...wire, ops: '3' },
      { ...wire, memBytes: -1 },
      { ...wire, memBytes: Number.NaN },
    ];
    for (const value of bad) await expectCryptoError(() => kdfParamsFromWire(value), 'malformed');
  });

  it('creates defaults with a fresh salt each time', () => {
    const a = createKdfParams();
    const b = createKdfParams();
    expect(a).toMatchObject({ alg: 'argon2id13', ...DEFAULT_KDF });
    expect(toHex(a.salt)).not.toBe(toHex(b.salt));
  });

  it('gives every parameter set its own canonical encoding', () => {
    const base = kdfParamsFromWire(wire);
    const variants: KdfParams[] = [
      base,
      { ...base, ops: 4 },
      { ...base, memBytes: 32 * MiB },
      { ...base, salt: base.salt.map((b, i) => (i === 15 ? b ^ 1 : b)) },
    ];
    const encodings = new Set(variants.map((v) => toHex(canonicalKdfParams(v))));
    expect(encodings.size).toBe(variants.length);
    expect(toHex(canonicalKdfParams(base))).toBe(
      '0000000a' +
        toHex(new TextEncoder().encode('argon2id13')) +
        '00000008' +
        '0000000000000003' +
        '00000008' +
        '0000000004000000' +
        '00000010' +
        '000102030405060708090a0b0c0d0e0f',
    );
  });
});
