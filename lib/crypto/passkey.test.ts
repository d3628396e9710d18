import { describe, expect, it } from 'vitest';
import {
  CryptoError,
  generateVaultKey,
  randomBytes,
  unwrapWithPasskey,
  wrapWithPasskey,
} from './index';
import { lengthPrefixed, u64be, utf8 } from './bytes';
import { unpackEnvelope } from './envelope';
import { loadSodium } from './sodium';

const place = { accountId: 'acc-1', epoch: 2, credentialId: 'cred-AAAA' };

describe('the passkey wrap', () => {
  it('opens with the same PRF output, credential and account, and nothing else', async () => {
    const vk = generateVaultKey();
    const prf = randomBytes(32);
    const wrapped = await wrapWithPasskey({ ...place, vk, prf: prf.slice() });
    expect(await unwrapWithPasskey({ ...place, wrapped, prf })).toEqual(vk);

    const refused = (change: object) =>
      unwrapWithPasskey({ ...place, wrapped, prf, ...change }).then(
        () => 'opened',
        (error: unknown) => (error as CryptoError).code,
      );
    expect(await refused({ prf: randomBytes(32) })).toBe('unwrap-failed');
    expect(await refused({ credentialId: 'cred-BBBB' })).toBe('unwrap-failed');
    expect(await refused({ epoch: 3 })).toBe('unwrap-failed');
    expect(await refused({ accountId: 'acc-2' })).toBe('unwrap-failed');
    expect(await refused({ prf: randomBytes(16) })).toBe('invalid-input');
    expect(await refused({ wrapped: wrapped.slice(0, -4) })).toBe('malformed');
  });

  it('wraps under crypto_kdf(3, "CFpkey01", PRF output), never under the PRF output itself', async () => {
    const sodium = await loadSodium();
    const vk = generateVaultKey();
    const prf = randomBytes(32);
    const wrapped = await wrapWithPasskey({ ...place, vk, prf });
    const { nonce, ciphertext } = unpackEnvelope(wrapped, 'passkey wrap');
    const aad = lengthPrefixed(utf8('CF1 passkey'), utf8('acc-1'), u64be(2), utf8('cred-AAAA'));
    const open = (key: Uint8Array) =>
      sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, aad, nonce, key);
    expect(open(sodium.crypto_kdf_derive_from_key(32, 3, 'CFpkey01', prf))).toEqual(vk);
    expect(() => open(prf)).toThrow();
    expect(() => open(sodium.crypto_kdf_derive_from_key(32, 2, 'CFwrap01', prf))).toThrow();
  });
});
