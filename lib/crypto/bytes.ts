/**
 * Byte helpers that work the same in Node, a browser page and a service worker: no `Buffer`, no
 * `window`, no libsodium (so they are usable before `sodium.ready` and in the kdf-params module).
 */
import { CryptoError } from './errors';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_VALUES = new Map([...B64URL].map((char, value) => [char, value]));

/** Bytes → base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += B64URL.charAt((chunk >> (18 - 6 * j)) & 63);
  }
  return out;
}

/**
 * Base64url without padding → bytes. Strict: any other character, padding, an impossible length or
 * non-zero leftover bits is 'malformed', so every byte string has exactly one accepted encoding.
 */
export function fromBase64Url(text: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 4 === 1) {
    throw new CryptoError('malformed', 'Not valid base64url.');
  }
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const char of text) {
    const value = B64URL_VALUES.get(char);
    if (value === undefined) throw new CryptoError('malformed', 'Not valid base64url.');
    acc = ((acc << 6) | value) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw new CryptoError('malformed', 'Not valid base64url.');
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new CryptoError('malformed', 'Not valid hex.');
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** UTF-8 → string; invalid UTF-8 is 'malformed' rather than silently replaced. */
export function fromUtf8(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new CryptoError('malformed', 'Not valid UTF-8.');
  }
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A non-negative safe integer as 8 bytes, big-endian. */
export function u64be(value: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, Math.floor(value / 2 ** 32));
  view.setUint32(4, value >>> 0);
  return out;
}

/**
 * Unambiguous concatenation: each field as a 4-byte big-endian length, then its bytes. Used for every
 * AEAD associated data, so ("ab", "c") and ("a", "bc") can never produce the same bytes.
 */
export function lengthPrefixed(...fields: Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const field of fields) {
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, field.length);
    parts.push(length, field);
  }
  return concatBytes(...parts);
}

/**
 * Overwrites secrets once they are no longer needed. Best effort: a JavaScript engine may have made
 * copies we cannot reach, but this keeps keys out of buffers we hand back or keep around.
 */
export function wipe(...buffers: Array<Uint8Array | null | undefined>): void {
  for (const buffer of buffers) buffer?.fill(0);
}
