/**
 * Every error the user can meet, as one translated sentence that says what happened and what to do.
 * Raw exception text never reaches the screen: unknown errors become `errorInternal`.
 */
import type { AccountKeyErrorCode, ServerUrlProblem, SetupCodeErrorCode } from '@/lib/account-key';
import { AccountKeyError, ServerUrlError, SetupCodeError } from '@/lib/account-key';
import { t, type MessageKey } from '@/lib/i18n';
import { isErrorCode, ProtocolError, type ErrorCode } from '@/lib/messaging/errors';

const protocolErrors: Record<ErrorCode, MessageKey> = {
  'bad-message': 'errorInternal',
  'unknown-type': 'errorStaleBuild',
  'forbidden-sender': 'errorInternal',
  'stale-build': 'errorStaleBuild',
  internal: 'errorInternal',
  'not-signed-in': 'errorNotSignedIn',
  'already-signed-in': 'errorAlreadySignedIn',
  locked: 'errorLocked',
  'wrong-password': 'errorWrongPassword',
  'weak-password': 'errorWeakPassword',
  'password-changed': 'errorPasswordChanged',
  'wrong-credentials': 'errorWrongCredentials',
  'bad-account-key': 'errorBadAccountKey',
  'bad-email': 'errorBadEmail',
  'bad-server-url': 'errorBadServerUrl',
  'email-taken': 'errorEmailTaken',
  'weak-kdf': 'errorWeakKdf',
  'device-limit': 'errorDeviceLimit',
  'invalid-code': 'errorInvalidCode',
  'invalid-license': 'errorInvalidLicense',
  'session-expired': 'errorSessionExpired',
  'account-reset': 'errorAccountReset',
  'rate-limited': 'errorRateLimited',
  'signed-out-elsewhere': 'errorSignedOutElsewhere',
  'session-ended': 'lockReasonSessionEnded',
  'reset-link-invalid': 'errorResetLinkInvalid',
  'reset-code-invalid': 'errorResetCodeInvalid',
  'reset-no-request': 'errorResetNoRequest',
  'reset-other-server': 'errorResetOtherServer',
  'reset-other-account': 'errorResetOtherAccount',
  'reset-none': 'errorResetNone',
  'kit-needs-password': 'errorKitNeedsPassword',
  'passkey-failed': 'errorPasskeyFailed',
  'passkey-paused': 'errorPasskeyPaused',
  'passkey-not-set-up': 'errorPasskeyNotSetUp',
  'passkey-expired': 'errorPasskeyExpired',
  'server-unreachable': 'errorServerUnreachable',
  'server-error': 'errorServerError',
  'server-malformed': 'errorServerMalformed',
  'sync-off': 'syncOffLocal',
  'sync-resumable': 'syncResumable',
  'invalid-item': 'errorInvalidItem',
  'too-many-items': 'errorTooManyItems',
  'not-found': 'errorNotFound',
  'newer-version': 'errorNewerVersion',
  tampered: 'errorTampered',
  'storage-full': 'errorStorageFull',
  'storage-failed': 'errorStorageFailed',
};

const accountKeyErrors: Record<AccountKeyErrorCode, MessageKey> = {
  empty: 'keyEmpty',
  'bad-prefix': 'keyBadPrefix',
  'bad-character': 'keyBadCharacter',
  'wrong-length': 'keyWrongLength',
  checksum: 'keyChecksum',
};

const setupCodeErrors: Record<SetupCodeErrorCode, MessageKey> = {
  empty: 'scanNothing',
  'not-a-setup-code': 'scanNotSetupCode',
  'unsupported-version': 'scanNewerVersion',
  malformed: 'scanDamaged',
  'bad-email': 'scanDamaged',
  'bad-server-url': 'scanBadServer',
  'bad-account-key': 'scanDamaged',
};

const serverUrlProblems: Record<ServerUrlProblem, MessageKey> = {
  empty: 'serverUrlEmpty',
  spaces: 'serverUrlSpaces',
  'not-an-address': 'serverUrlNoScheme',
  scheme: 'serverUrlNoScheme',
  'http-not-loopback': 'serverUrlHttp',
  'user-name': 'serverUrlUserName',
  query: 'serverUrlQuery',
};

/**
 * For a server address the user typed: what is wrong with it. (`describeError` speaks of a setup
 * code's server, which came from a kit; issue 13 met that sentence under a hand-typed http:// one.)
 */
export function describeServerUrlError(error: unknown): string {
  return error instanceof ServerUrlError
    ? t(serverUrlProblems[error.problem])
    : describeError(error);
}

/** The code of a protocol error, or 'internal' for anything else. */
export function errorCode(error: unknown): ErrorCode {
  return error instanceof ProtocolError ? error.code : 'internal';
}

/** One sentence for any error thrown by `send`, the account-key parser or the setup-code decoder. */
export function describeError(error: unknown): string {
  if (error instanceof AccountKeyError) return describeAccountKeyError(error);
  if (error instanceof SetupCodeError) return t(setupCodeErrors[error.code]);
  return describeErrorCode(errorCode(error));
}

/**
 * The sentence for an error code that arrived as data, not as a thrown error (the sync status
 * keeps the last failure's code). A code this build does not know gets the general sentence.
 */
export function describeErrorCode(code: string | undefined): string {
  const key = code && isErrorCode(code) ? protocolErrors[code] : 'errorInternal';
  return t(key);
}

export function describeAccountKeyError(error: AccountKeyError): string {
  const position = String(error.position ?? 1);
  return error.code === 'bad-character'
    ? t('keyBadCharacter', position)
    : t(accountKeyErrors[error.code]);
}
