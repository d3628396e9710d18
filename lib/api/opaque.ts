import { base64urlExact } from './encoding';

/**
 * OPAQUE (RFC 9807, https://www.rfc-editor.org/rfc/rfc9807) messages of @serenity-kit/opaque 1.1.0
 * (ristretto255 + 3DH). Their sizes are fixed by the cipher suite, so anything else is rejected
 * before the library sees it.
 */
export const registrationRequestSchema = base64urlExact(43);
export const registrationResponseSchema = base64urlExact(86);
export const registrationRecordSchema = base64urlExact(256);
export const startLoginRequestSchema = base64urlExact(128);
export const loginResponseSchema = base64urlExact(427);
export const finishLoginRequestSchema = base64urlExact(86);

/**
 * The client-side key stretching every Cassaforte client passes to the library. The password
 * input is already Argon2id-stretched and carries the account key (DESIGN §3), so the library's own
 * stretching is set to the lightest it allows. Both registration and login must use the same value.
 */
export const OPAQUE_KEY_STRETCHING = {
  'argon2id-custom': { iterations: 1, memory: 64, parallelism: 1 },
} as const;
