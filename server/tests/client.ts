import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import * as opaque from '@serenity-kit/opaque';
import { emailSchema } from '../../lib/api/common';
import { OPAQUE_KEY_STRETCHING } from '../../lib/api/opaque';
import type { KdfParams } from '../../lib/api/kdf';
import type { Mailbox } from './mailbox';

/**
 * A test client speaking the real protocol over HTTP with the real OPAQUE client. The key
 * derivation is a stand-in for lib/crypto (HMAC instead of Argon2id + BLAKE2b): the server cannot
 * tell the difference, and the tests stay fast. What matters here is that the server only ever
 * receives the derived auth secret (inside OPAQUE), wrapped keys and ciphertext.
 */
export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
  /** The body as it came, for byte-for-byte comparisons. */
  text: string;
}

/** Where a test client's requests come from (the rate limits count per client address). */
export interface ClientOrigin {
  /** Sent as X-Forwarded-For (believed only by a server started with trustProxy). */
  forwardedFor?: string;
  /** The local address to connect from, e.g. 127.0.0.2 (any 127.0.0.x works on Linux). */
  localAddress?: string;
  /**
   * The browser's Accept-Language, which the extension's fetch carries: the server's emails
   * follow it. Unset, fetch sends `*` and node:http nothing.
   */
  acceptLanguage?: string;
}

export class Api {
  /**
   * `mailbox`: where the server's emails can be read (a TestServer is one), for the steps that
   * need an emailed code, such as registering.
   */
  constructor(
    readonly base: string,
    readonly mailbox?: Mailbox,
    readonly origin: ClientOrigin = {},
  ) {}

  /** The same server and mailbox, seen from another client address. */
  from(origin: ClientOrigin): Api {
    return new Api(this.base, this.mailbox, origin);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are checked by the assertions
  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    extraHeaders: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    if (this.origin.forwardedFor !== undefined)
      headers['X-Forwarded-For'] = this.origin.forwardedFor;
    if (this.origin.acceptLanguage !== undefined)
      headers['Accept-Language'] = this.origin.acceptLanguage;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const {
      status,
      text,
      headers: answered,
    } = this.origin.localAddress === undefined
      ? await viaFetch(this.base + path, method, headers, payload)
      : await viaHttp(this.base + path, method, headers, payload, this.origin.localAddress);
    return {
      status,
      body: (text ? JSON.parse(text) : null) as T,
      headers: answered,
      text,
    };
  }
}

async function viaFetch(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
) {
  const res = await fetch(url, { method, headers, body });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** fetch cannot choose its local address; node:http can. */
function viaHttp(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  localAddress: string,
): Promise<{ status: number; text: string; headers: Headers }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const answered = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
            answered.append(name, v);
        }
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8'),
          headers: answered,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface Credentials {
  email: string;
  password: string;
  accountKey: string;
}

/** Stand-in for DESIGN §2: auth secret and KEK from password, account key and email. */
export function derive(c: Credentials, salt: string) {
  // Keys mix in the normalised email (what the server compares), as lib/crypto must too.
  const email = emailSchema.parse(c.email);
  const m = createHmac('sha256', c.accountKey).update(`${c.password}\0${email}\0${salt}`).digest();
  return {
    authSecret: createHmac('sha256', m).update('CFauth01').digest('base64url'),
    kek: createHmac('sha256', m).update('CFwrap01').digest(),
  };
}

export function newKdf(): KdfParams {
  return {
    alg: 'argon2id13',
    ops: 3,
    memBytes: 64 * 1024 * 1024,
    salt: randomBytes(16).toString('base64url'),
  };
}

export function seal(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([nonce, ct]).toString('base64url');
}

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

let counter = 0;
export function uniqueEmail(tag = 'user'): string {
  counter += 1;
  return `${tag}.${counter}.${randomBytes(4).toString('hex')}@Example.test`;
}

export function credentials(tag = 'user'): Credentials {
  return {
    email: uniqueEmail(tag).toLowerCase(),
    password: `pw-${randomBytes(8).toString('hex')}`,
    accountKey: `CF1-${randomBytes(16).toString('hex')}`,
  };
}
