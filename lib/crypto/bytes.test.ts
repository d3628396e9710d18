import { describe, expect, it } from 'vitest';
import {
  concatBytes,
  fromBase64Url,
  fromHex,
  fromUtf8,
  lengthPrefixed,
  toBase64Url,
  toHex,
  u64be,
  utf8,
  wipe,
} from './bytes';
import { expectCryptoError } from '@/tests/support/crypto';

describe('base64url', () => {
  it("matches Node's encoder for every length up to 100", () => {
    for (let length = 0; length <= 100; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      const expected = Buffer.from(bytes).toString('base64url');
      expect(toBase64Url(bytes)).toBe(expected);
      expect(fromBase64Url(expected)).toEqual(bytes);
    }
  });

  it('accepts exactly one encoding per byte string', async () => {
    for (const bad of ['AB', 'AAB', 'AA==', 'A', 'AAAAA', 'a+bc', 'a/bc', 'ab c', 'abé']) {
      await expectCryptoError(() => fromBase64Url(bad), 'malformed');
    }
    expect(fromBase64Url('AA')).toEqual(Uint8Array.of(0));
    expect(fromBase64Url('')).toEqual(new Uint8Array(0));
  });
});

describe('other helpers', () => {
  it('encodes big-endian 64-bit integers', () => {
    expect(toHex(u64be(0))).toBe('0000000000000000');
    expect(toHex(u64be(2 ** 40 + 7))).toBe('0000010000000007');
    expect(toHex(u64be(Number.MAX_SAFE_INTEGER))).toBe('001fffffffffffff');
  });

  it('length-prefixes fields so different splits never collide', () => {
    const ab_c = lengthPrefixed(utf8('ab'), utf8('c'));
    const a_bc = lengthPrefixed(utf8('a'), utf8('bc'));
    expect(toHex(ab_c)).not.toBe(toHex(a_bc));
    expect(toHex(ab_c)).toBe('00000002616200000001' + '63');
  });

  it('round-trips hex and UTF-8, refusing invalid input', async () => {
    expect(fromHex(toHex(Uint8Array.of(0, 15, 255)))).toEqual(Uint8Array.of(0, 15, 255));
    await expectCryptoError(() => fromHex('abc'), 'malformed');
    expect(fromUtf8(utf8('Ünïcode ✓'))).toBe('Ünïcode ✓');
    await expectCryptoError(() => fromUtf8(Uint8Array.of(0xff, 0xfe)), 'malformed');
  });

  it('concatenates and wipes', () => {
    const a = Uint8Array.of(1, 2);
    const b = Uint8Array.of(3);
    expect(concatBytes(a, b)).toEqual(Uint8Array.of(1, 2, 3));
    wipe(a, b, undefined);
    expect(a).toEqual(Uint8Array.of(0, 0));
    expect(b).toEqual(Uint8Array.of(0));
  });
});
