/**
 * OPAQUE (RFC 9807, https://www.rfc-editor.org/rfc/rfc9807) as the client runs it. The password
 * input is the auth secret (DESIGN §2): already Argon2id-stretched and carrying the account key's
 * 128 bits, so the library's own stretching is set to the lightest it allows (lib/api).
 */
import * as opaque from '@serenity-kit/opaque';
import { OPAQUE_KEY_STRETCHING, type LoginFinishResponse } from '@/lib/api';
import { toBase64Url } from '@/lib/crypto';
import { ProtocolError } from '@/lib/messaging/errors';
import type { ApiClient } from '@/lib/sync/client';

const keyStretching = OPAQUE_KEY_STRETCHING as unknown as {
  'argon2id-custom': { iterations: number; memory: number; parallelism: number };
};

/** Runs the registration round trip and returns the record the server stores. */
export async function opaqueRegister(
  authSecret: Uint8Array,
  respond: (registrationRequest: string) => Promise<{ registrationResponse: string }>,
): Promise<string> {
  await opaque.ready;
  const password = toBase64Url(authSecret);
  const { clientRegistrationState, registrationRequest } = opaque.client.startRegistration({
    password,
  });
  const { registrationResponse } = await respond(registrationRequest);
  return opaque.client.finishRegistration({
    password,
    registrationResponse,
    clientRegistrationState,
    keyStretching,
  }).registrationRecord;
}

/**
 * A registration request for a password nobody knows: reset/start checks the proof and says what
 * a reset would erase before the new password exists, and answers only for the request it got.
 */
export async function throwawayRegistrationRequest(): Promise<string> {
  await opaque.ready;
  const password = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  return opaque.client.startRegistration({ password }).registrationRequest;
}

/**
 * Proves the password to the server without finishing a login: the start round trip, then the
 * client's finish message, which the caller sends on (a login, or a password change's
 * re-authentication). A wrong password or account key fails here, in the client:
 * 'wrong-credentials'.
 */
export async function opaqueProve(
  api: ApiClient,
  input: { email: string; authSecret: Uint8Array },
): Promise<{ loginId: string; finishLoginRequest: string }> {
  await opaque.ready;
  const password = toBase64Url(input.authSecret);
  const { clientLoginState, startLoginRequest } = opaque.client.startLogin({ password });
  const { loginId, loginResponse } = await api.loginStart({
    email: input.email,
    startLoginRequest,
  });
  const finished = opaque.client.finishLogin({
    clientLoginState,
    loginResponse,
    password,
    keyStretching,
  });
  if (!finished) {
    throw new ProtocolError('wrong-credentials', 'The password or the account key is wrong.');
  }
  return { loginId, finishLoginRequest: finished.finishLoginRequest };
}

/** Runs a login and returns the new session with the account's key material. */
export async function opaqueLogin(
  api: ApiClient,
  input: { email: string; authSecret: Uint8Array; deviceName: string; signOutSessions?: string[] },
): Promise<LoginFinishResponse> {
  const proof = await opaqueProve(api, input);
  const { deviceName, signOutSessions } = input;
  return api.loginFinish({
    ...proof,
    deviceName,
    ...(signOutSessions?.length ? { signOutSessions } : {}),
  });
}
