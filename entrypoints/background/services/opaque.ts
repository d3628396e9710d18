/**
 * OPAQUE (RFC 9807, https://www.rfc-editor.org/rfc/rfc9807) as the client runs it. The password
 * input is the auth secret (DESIGN §2): already Argon2id-stretched and carrying the account key's
 * 128 bits, so the library's own stretching is set to the lightest it allows (lib/api).
 */
import * as opaque from '@serenity-kit/opaque';
import { OPAQUE_KEY_STRETCHING, type LoginFinishResponse } from '@/lib/api';
import { toBase64Url } from '@/lib/crypto';
import { ProtocolError } from '@/lib/messaging/errors';
import type { ApiClient } from './api';

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
 * Runs a login and returns the new session with the account's key material. A wrong password or
 * account key fails inside the client (the server's answer does not verify): 'wrong-credentials'.
 */
export async function opaqueLogin(
  api: ApiClient,
  input: { email: string; authSecret: Uint8Array; deviceName: string },
): Promise<LoginFinishResponse> {
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
  return api.loginFinish({
    loginId,
    finishLoginRequest: finished.finishLoginRequest,
    deviceName: input.deviceName,
  });
}
