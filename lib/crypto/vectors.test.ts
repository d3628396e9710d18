/**
 * Known answers (vectors.json, written once by vectors.gen.ts and frozen). Every expected value is
 * recomputed here from the inputs with the production code; nothing is regenerated. A failure means
 * a derivation or a format changed, which would lock users out of existing data.
 */
import { describe, expect, it } from 'vitest';
import { formatAccountKey, parseAccountKey } from '../account-key/account-key';
import { decodeSetupCode, encodeSetupCode } from '../account-key/setup-code';
import { itemAad, vaultKeyAad } from './aad';
import { fromHex, toHex } from './bytes';
import { FORMAT_VERSION } from './envelope';
import { openItem, openJson, sealItemWithNonce, sealJsonWithNonce } from './item';
import { deriveAccountKeys } from './kdf';
import { kdfParamsFromWire } from './kdf-params';
import { unwrapVaultKey, wrapVaultKeyWithNonce } from './vault-key';
import vectors from './vectors.json';

describe('known-answer vectors', () => {
  it('has vectors of every kind', () => {
    expect(vectors.derivation.length).toBeGreaterThanOrEqual(2);
    expect(vectors.vaultKeys.length).toBeGreaterThanOrEqual(2);
    expect(vectors.items.length).toBeGreaterThanOrEqual(3);
    expect(vectors.jsonItems.length).toBeGreaterThanOrEqual(1);
    expect(vectors.accountKeys.length).toBeGreaterThanOrEqual(4);
    expect(vectors.accountKeyInputs.length).toBeGreaterThanOrEqual(4);
    expect(vectors.setupCodes.length).toBeGreaterThanOrEqual(2);
  });

  it.each(vectors.derivation.map((v, i) => [i, v] as const))(
    'derives the auth secret and KEK (vector %i)',
    async (_, v) => {
      for (const password of [v.password, ...v.equivalentPasswords]) {
        const keys = await deriveAccountKeys({
          password,
          email: v.email,
          accountKey: fromHex(v.accountKey),
          kdf: kdfParamsFromWire(v.kdf),
        });
        expect(toHex(keys.authSecret)).toBe(v.authSecret);
        expect(toHex(keys.kek)).toBe(v.kek);
      }
      // The alternative spellings really are different code points (so NFKD is exercised).
      for (const other of v.equivalentPasswords) expect(other).not.toBe(v.password);
    },
  );

  it('wraps and unwraps the vault key', async () => {
    for (const v of vectors.vaultKeys) {
      expect(v.kek).toBe(vectors.derivation[v.derivation]?.kek);
      const kdf = kdfParamsFromWire(v.kdf);
      const context = { kek: fromHex(v.kek), accountId: v.accountId, epoch: v.epoch, kdf };
      expect(toHex(vaultKeyAad(v.accountId, v.epoch, kdf))).toBe(v.aad);
      expect(await wrapVaultKeyWithNonce({ ...context, vk: fromHex(v.vk) }, fromHex(v.nonce))).toBe(
        v.wrappedVk,
      );
      expect(toHex(await unwrapVaultKey({ ...context, wrappedVk: v.wrappedVk }))).toBe(v.vk);
    }
  });

  it('seals and opens items', async () => {
    for (const v of vectors.items) {
      const context = {
        vk: fromHex(v.vk),
        accountId: v.accountId,
        epoch: v.epoch,
        itemId: v.itemId,
      };
      expect(toHex(itemAad(v.accountId, v.epoch, v.itemId, FORMAT_VERSION))).toBe(v.aad);
      const plaintext = fromHex(v.plaintextHex);
      expect(await sealItemWithNonce({ ...context, plaintext }, fromHex(v.nonce))).toBe(v.blob);
      expect(toHex(await openItem({ ...context, blob: v.blob }))).toBe(v.plaintextHex);
    }
    for (const v of vectors.jsonItems) {
      const context = {
        vk: fromHex(v.vk),
        accountId: v.accountId,
        epoch: v.epoch,
        itemId: v.itemId,
      };
      expect(await sealJsonWithNonce({ ...context, value: v.value }, fromHex(v.nonce))).toBe(
        v.blob,
      );
      expect(await openJson({ ...context, blob: v.blob })).toEqual(v.value);
    }
  });

  it('formats and parses account keys', () => {
    for (const v of vectors.accountKeys) {
      expect(formatAccountKey(fromHex(v.bytes))).toBe(v.text);
      expect(toHex(parseAccountKey(v.text))).toBe(v.bytes);
    }
    for (const v of vectors.accountKeyInputs) expect(toHex(parseAccountKey(v.text))).toBe(v.bytes);
  });

  it('encodes and decodes setup codes', () => {
    for (const v of vectors.setupCodes) {
      const accountKey = fromHex(v.accountKey);
      expect(encodeSetupCode({ email: v.email, serverUrl: v.serverUrl, accountKey })).toBe(v.code);
      const decoded = decodeSetupCode(v.code);
      expect(toHex(decoded.accountKey)).toBe(v.accountKey);
      expect(decoded.email).toBe(v.email.trim().toLowerCase());
    }
  });
});
