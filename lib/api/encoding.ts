import { z } from 'zod';

/**
 * Binary values travel as base64url without padding (RFC 4648 §5), the encoding
 * @serenity-kit/opaque already uses for its messages, so one rule covers every field.
 */
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** A base64url string of exactly `chars` characters (e.g. 43 for 32 bytes). */
export function base64urlExact(chars: number) {
  return z.string().length(chars).regex(BASE64URL, 'expected base64url without padding');
}

/** A base64url string between `min` and `max` characters. */
export function base64urlBetween(min: number, max: number) {
  return z.string().min(min).max(max).regex(BASE64URL, 'expected base64url without padding');
}

/** Characters of base64url (no padding) needed for `bytes` bytes. */
export function base64urlLength(bytes: number): number {
  return Math.ceil((bytes * 4) / 3);
}
