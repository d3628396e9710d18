/**
 * The popup's half of passkey unlock (issue 15): the WebAuthn calls, which need a document (the
 * service worker has no `navigator.credentials`). The credential is this extension's own (the RP
 * id defaults to the extension's origin, which Chromium allows); what Cassaforte needs from it is
 * the PRF extension's output for a stored salt, a secret only the authenticator can make again
 * after user verification. That output goes to the background at once and is not kept here.
 *
 * Firefox ESR lets no extension page use WebAuthn for itself (Bugzilla 1693562: such calls hang;
 * newer Firefox only for a web domain the extension has access to, 1956484), so there the option
 * explains that instead of failing.
 */
import type { PasskeyEnrolment } from '@/lib/messaging/protocol';
import { isFirefox } from '@/lib/platform/target';

/** Why this browser cannot offer the option, if it cannot. */
export type PasskeySupport = 'ok' | 'firefox' | 'no-webauthn';

export function passkeySupport(): PasskeySupport {
  if (isFirefox) return 'firefox';
  if (typeof PublicKeyCredential === 'undefined' || !navigator.credentials) return 'no-webauthn';
  return 'ok';
}

/** The authenticator's answer, as the background takes it. */
export interface PasskeyAnswer {
  credentialId: string;
  prf: string;
}

/** What went wrong on the authenticator's side, for the view to say. */
export class PasskeyClientError extends Error {
  constructor(
    readonly code: 'cancelled' | 'no-prf' | 'already-registered' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 60_000;
/** base64url (no padding) ↔ bytes: what the protocol carries and what WebAuthn takes. */
const bytes = (text: string) =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const toBase64Url = (data: Uint8Array) =>
  btoa(String.fromCharCode(...data))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const challenge = () => crypto.getRandomValues(new Uint8Array(32));

interface PrfResults {
  prf?: { enabled?: boolean; results?: { first?: ArrayBuffer } };
}

function prfOf(credential: PublicKeyCredential): string | undefined {
  const first = (credential.getClientExtensionResults() as PrfResults).prf?.results?.first;
  return first ? toBase64Url(new Uint8Array(first)) : undefined;
}

function failure(error: unknown): PasskeyClientError {
  if (error instanceof PasskeyClientError) return error;
  const name = (error as { name?: string })?.name;
  if (name === 'NotAllowedError' || name === 'AbortError') {
    return new PasskeyClientError('cancelled', 'The passkey prompt was cancelled or timed out.');
  }
  if (name === 'InvalidStateError') {
    return new PasskeyClientError('already-registered', 'This authenticator is registered.');
  }
  return new PasskeyClientError('failed', 'The authenticator did not answer.');
}

/** Asks the authenticator for the PRF output of `credentialId` with `salt` (user verified). */
export async function assertPasskey(credentialId: string, salt: string): Promise<PasskeyAnswer> {
  let credential: PublicKeyCredential | null;
  try {
    credential = (await navigator.credentials.get({
      publicKey: {
        challenge: challenge(),
        allowCredentials: [{ type: 'public-key', id: bytes(credentialId) }],
        userVerification: 'required',
        timeout: TIMEOUT_MS,
        extensions: {
          prf: { eval: { first: bytes(salt) } },
        } as AuthenticationExtensionsClientInputs,
      },
    })) as PublicKeyCredential | null;
  } catch (error) {
    throw failure(error);
  }
  const prf = credential && prfOf(credential);
  if (!credential || !prf) {
    throw new PasskeyClientError('no-prf', 'The authenticator gave no PRF output.');
  }
  return { credentialId: toBase64Url(new Uint8Array(credential.rawId)), prf };
}

/**
 * Registers a credential on this device's authenticator with the PRF extension, and reads its
 * output for `salt`: at creation where the authenticator gives it then, otherwise with one
 * assertion right after (a second prompt).
 */
export async function registerPasskey(enrolment: PasskeyEnrolment): Promise<PasskeyAnswer> {
  let credential: PublicKeyCredential | null;
  try {
    credential = (await navigator.credentials.create({
      publicKey: {
        rp: { name: 'Cassaforte' },
        user: {
          id: bytes(enrolment.userId),
          name: enrolment.email,
          displayName: enrolment.email,
        },
        challenge: challenge(),
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        authenticatorSelection: { userVerification: 'required', residentKey: 'discouraged' },
        attestation: 'none',
        timeout: TIMEOUT_MS,
        extensions: {
          prf: { eval: { first: bytes(enrolment.salt) } },
        } as AuthenticationExtensionsClientInputs,
      },
    })) as PublicKeyCredential | null;
  } catch (error) {
    throw failure(error);
  }
  if (!credential) throw new PasskeyClientError('failed', 'No credential was made.');
  const results = credential.getClientExtensionResults() as PrfResults;
  if (results.prf?.enabled === false || !results.prf) {
    throw new PasskeyClientError('no-prf', 'This authenticator has no PRF extension.');
  }
  const credentialId = toBase64Url(new Uint8Array(credential.rawId));
  const prf = prfOf(credential);
  return prf ? { credentialId, prf } : assertPasskey(credentialId, enrolment.salt);
}
