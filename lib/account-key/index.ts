/**
 * Account key and setup code text: pure functions, safe for the popup (no libsodium, no keys held).
 */
export {
  ACCOUNT_KEY_BYTES,
  ACCOUNT_KEY_LENGTH,
  ACCOUNT_KEY_PREFIX,
  formatAccountKey,
  formatAsTyped,
  isValidAccountKey,
  parseAccountKey,
} from './account-key';
export { isEmailShape, normalizeEmail, parseEmail } from './email';
export {
  AccountKeyError,
  SetupCodeError,
  ServerUrlError,
  type AccountKeyErrorCode,
  type ServerUrlProblem,
  type SetupCodeErrorCode,
} from './errors';
export { isLoopbackHost, parseServerUrl } from './server-url';
export {
  SETUP_CODE_PREFIX,
  SETUP_CODE_VERSION,
  decodeSetupCode,
  encodeSetupCode,
  type SetupCode,
} from './setup-code';
export {
  LICENSE_CODE_PREFIX,
  SHORT_CODE_BYTES,
  checkLicenseCode,
  formatLicenseCode,
  formatLicenseCodeAsTyped,
  formatShortCode,
  formatShortCodeAsTyped,
  parseShortCode,
  type LicenseCodeProblem,
} from './codes';
export { isLinkForServer, looksLikeResetLink, parseResetLink, type ResetLink } from './reset-link';
