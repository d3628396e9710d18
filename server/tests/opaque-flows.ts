import { randomBytes } from 'node:crypto';
import * as opaque from '@serenity-kit/opaque';
import { OPAQUE_KEY_STRETCHING } from '../../lib/api/opaque';
import type { KdfParams } from '../../lib/api/kdf';
import type { Api, Reply } from './api';
import { derive, newKdf, seal, type Credentials } from './credentials';

/**
 * The account steps as the extension takes them, with the real OPAQUE client: registering (the
 * emailed code, then OPAQUE registration), new key material, and signing in. What matters here
 * is that the server only ever receives the derived auth secret (inside OPAQUE), wrapped keys and
 * ciphertext; secretsSeen records every secret a flow produced for the scans that check it.
 */
/** Everything secret a flow produced, for the zero-knowledge scans. */
export const secretsSeen = {
  authSecrets: new Set<string>(),
  tokens: new Set<string>(),
  opaqueMessages: new Set<string>(),
};

export async function opaqueRegistration(
  password: string,
  respond: (registrationRequest: string) => Promise<Reply>,
): Promise<{ registrationRecord: string; reply: Reply }> {
  await opaque.ready;
  const { clientRegistrationState, registrationRequest } = opaque.client.startRegistration({
    password,
  });
  const reply = await respond(registrationRequest);
  if (reply.status !== 200) return { registrationRecord: '', reply };
  const registrationResponse = reply.body.registrationResponse as string;
  const { registrationRecord } = opaque.client.finishRegistration({
    clientRegistrationState,
    registrationResponse,
    password,
    keyStretching: OPAQUE_KEY_STRETCHING,
  });
  for (const m of [registrationRequest, registrationResponse, registrationRecord])
    secretsSeen.opaqueMessages.add(m);
  return { registrationRecord, reply };
}

export interface KeyMaterial {
  kdf: KdfParams;
  vaultKey: Buffer;
  wrappedVaultKey: string;
  registrationRecord: string;
}

/** New key material (what account creation, password change and reset send). */
export async function keyMaterial(
  c: Credentials,
  respond: (registrationRequest: string) => Promise<Reply>,
  vaultKey: Buffer = randomBytes(32),
): Promise<KeyMaterial & { reply: Reply }> {
  const kdf = newKdf();
  const { authSecret, kek } = derive(c, kdf.salt);
  secretsSeen.authSecrets.add(authSecret);
  const { registrationRecord, reply } = await opaqueRegistration(authSecret, respond);
  return {
    kdf,
    vaultKey,
    wrappedVaultKey: seal(kek, vaultKey.toString('base64url')),
    registrationRecord,
    reply,
  };
}

export interface Account extends Credentials {
  accountId: string;
  vaultKey: Buffer;
}

/** Asks for a verification code and reads it from the server's email (the mailbox). */
export async function verifyEmail(api: Api, email: string): Promise<{ id: string; code: string }> {
  if (api.mailbox === undefined) throw new Error('registering needs an Api with a mailbox');
  const reply = await api.call('POST', '/v1/accounts/verify', { email });
  if (reply.status !== 202)
    throw new Error(`verify failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  const mail = await api.mailbox.lastMail(email, 'verification');
  if (mail.code === undefined) throw new Error('no code in the verification email');
  return { id: reply.body.verificationId as string, code: mail.code };
}

/** register/start + register/finish with a given verification; the raw finish reply. */
export async function registerWith(
  api: Api,
  c: Credentials,
  verification: { id: string; code: string },
  hint?: string,
): Promise<{ reply: Reply; accountId: string; vaultKey: Buffer }> {
  const km = await keyMaterial(c, (registrationRequest) =>
    api.call('POST', '/v1/accounts/register/start', { email: c.email, registrationRequest }),
  );
  const accountId = randomBytes(16).toString('base64url');
  const reply = await api.call('POST', '/v1/accounts/register/finish', {
    accountId,
    email: c.email,
    registrationRecord: km.registrationRecord,
    kdf: km.kdf,
    wrappedVaultKey: km.wrappedVaultKey,
    verification,
    ...(hint === undefined ? {} : { hint }),
  });
  return { reply, accountId, vaultKey: km.vaultKey };
}

/** Creates an account as the extension does: the emailed code first, then OPAQUE registration. */
export async function register(api: Api, c: Credentials, hint?: string): Promise<Account> {
  const verification = await verifyEmail(api, c.email);
  const { reply, accountId, vaultKey } = await registerWith(api, c, verification, hint);
  if (reply.status !== 201)
    throw new Error(`register failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { ...c, accountId, vaultKey };
}

/**
 * An account on `pro`, for tests that sign in on several devices: registered, then upgraded with
 * a code from the admin command (never by weakening the free plan's rule), its session ended.
 */
export async function registerPro(
  api: Api,
  server: { issueLicense(plan: 'pro'): Promise<string> },
  c: Credentials,
  hint?: string,
): Promise<Account> {
  const account = await register(api, c, hint);
  const session = await login(api, c, 'setup');
  const redeemed = await api.call(
    'POST',
    '/v1/license/redeem',
    { code: await server.issueLicense('pro') },
    session.token,
  );
  if (redeemed.status !== 200) throw new Error(`redeem failed: ${JSON.stringify(redeemed.body)}`);
  await api.call('POST', '/v1/auth/logout', undefined, session.token);
  return account;
}

/** Prelogin + OPAQUE login start; returns the finish message, or null if the client rejected. */
export async function loginProof(api: Api, c: Credentials) {
  await opaque.ready;
  const pre = await api.call('POST', '/v1/auth/prelogin', { email: c.email });
  if (pre.status !== 200) return { status: pre.status, reply: pre, proof: null };
  const { authSecret } = derive(c, (pre.body.kdf as KdfParams).salt);
  secretsSeen.authSecrets.add(authSecret);
  const { clientLoginState, startLoginRequest } = opaque.client.startLogin({
    password: authSecret,
  });
  const start = await api.call('POST', '/v1/auth/login/start', {
    email: c.email,
    startLoginRequest,
  });
  if (start.status !== 200) return { status: start.status, reply: start, proof: null };
  secretsSeen.opaqueMessages.add(startLoginRequest).add(start.body.loginResponse as string);
  const finished = opaque.client.finishLogin({
    clientLoginState,
    loginResponse: start.body.loginResponse as string,
    password: authSecret,
    keyStretching: OPAQUE_KEY_STRETCHING,
  });
  if (finished === undefined) return { status: start.status, reply: start, proof: null };
  secretsSeen.opaqueMessages.add(finished.finishLoginRequest);
  return {
    status: start.status,
    reply: start,
    proof: {
      loginId: start.body.loginId as string,
      finishLoginRequest: finished.finishLoginRequest,
    },
  };
}

/** Full sign-in; throws unless it succeeds. */
export async function login(
  api: Api,
  c: Credentials,
  deviceName = 'test device',
  signOutSessions?: string[],
) {
  const { proof, reply } = await loginProof(api, c);
  if (proof === null)
    throw new Error(`login rejected: ${reply.status} ${JSON.stringify(reply.body)}`);
  const fin = await api.call('POST', '/v1/auth/login/finish', {
    ...proof,
    deviceName,
    ...(signOutSessions === undefined ? {} : { signOutSessions }),
  });
  if (fin.status !== 200)
    throw new Error(`login finish failed: ${fin.status} ${JSON.stringify(fin.body)}`);
  secretsSeen.tokens.add(fin.body.token as string);
  return fin.body as {
    token: string;
    sessionId: string;
    epoch: number;
    rev: number;
    accountId: string;
    plan: string;
    hint: string | null;
  };
}
