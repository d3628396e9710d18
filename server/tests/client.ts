/**
 * A test client speaking the real protocol over HTTP with the real OPAQUE client. The key
 * derivation is a stand-in for lib/crypto (HMAC instead of Argon2id + BLAKE2b): the server cannot
 * tell the difference, and the tests stay fast. What matters here is that the server only ever
 * receives the derived auth secret (inside OPAQUE), wrapped keys and ciphertext.
 *
 * One import for the server tests, tests/support and bench/, over three files: api.ts (HTTP),
 * credentials.ts (test identities and the stand-in key derivation), opaque-flows.ts (register,
 * key material, sign-in).
 */
export * from './api';
export * from './credentials';
export * from './opaque-flows';
