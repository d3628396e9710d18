/**
 * The crypto core: the only importer of libsodium (DESIGN.md §2). Everything exported here works in
 * Node, extension pages and the service worker. Functions that need libsodium are async and load it
 * on first use. Every failure is a CryptoError with a stable code (errors.ts).
 *
 * The *WithNonce variants are deliberately not exported: a caller-chosen nonce is for known-answer
 * vectors only, and nonce reuse under one key would break XChaCha20-Poly1305.
 */
export { fromBase64Url, fromUtf8, lengthPrefixed, toBase64Url, u64be, utf8, wipe } from './bytes';
export { CryptoError, type CryptoErrorCode } from './errors';
export { FORMAT_VERSION } from './envelope';
export { openItem, openJson, sealItem, sealJson, type ItemContext } from './item';
export { deriveAccountKeys, type AccountKeys, type DeriveInput } from './kdf';
export {
  DEFAULT_KDF,
  KDF_ALG,
  KDF_LIMITS,
  SALT_BYTES,
  canonicalKdfParams,
  checkKdfParams,
  createKdfParams,
  kdfParamsFromWire,
  kdfParamsSchema,
  kdfParamsToWire,
  type KdfParams,
  type KdfParamsWire,
} from './kdf-params';
export { openWithPassword, sealWithPassword, type PasswordBox } from './password-box';
export {
  PRF_OUTPUT_BYTES,
  unwrapWithPasskey,
  wrapWithPasskey,
  type PasskeyWrapContext,
} from './passkey';
export { generateAccountKey, generateVaultKey, randomBytes, randomId } from './random';
export { unwrapVaultKey, wrapVaultKey, type VaultKeyContext } from './vault-key';
