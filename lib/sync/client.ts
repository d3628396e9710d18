/**
 * The background's client of the sync server. Every answer is validated with the lib/api schemas
 * before anything uses it (a hostile or broken server is in the threat model, DESIGN §1), and every
 * failure becomes a ProtocolError with a code the popup can explain.
 *
 * Plain fetch over named endpoints rather than Hono's `hc` client: the server's routes use a
 * custom body validator that `hc` cannot infer, so `hc` would type every body as `unknown`;
 * the shared zod schemas give the same guarantee at both ends.
 */
import type { z } from 'zod';
import {
  accountResponseSchema,
  deviceLimitErrorSchema,
  errorResponseSchema,
  licenseRedeemResponseSchema,
  loginFinishResponseSchema,
  loginStartResponseSchema,
  okResponseSchema,
  passwordChangeResponseSchema,
  passwordStartResponseSchema,
  preloginResponseSchema,
  registerFinishResponseSchema,
  registerStartResponseSchema,
  resetConfirmResponseSchema,
  resetRequestResponseSchema,
  revokeOthersResponseSchema,
  sessionEndedErrorSchema,
  resetStartResponseSchema,
  syncModeRequestSchema,
  syncModeResponseSchema,
  syncPullResponseSchema,
  unlockReportRequestSchema,
  syncPushResponseSchema,
  type LoginFinishRequest,
  type LoginStartRequest,
  type PasswordChangeRequest,
  type RegisterFinishRequest,
  type RegisterStartRequest,
  type ResetConfirmRequest,
  type ResetStartRequest,
  type SyncMode,
  type SyncModeResponse,
  type SyncPushRequest,
  verifyEmailResponseSchema,
} from '@/lib/api';
import { eventTicketResponseSchema, type EventTicketResponse } from '@/lib/api/events';
import { ProtocolError, type ErrorCode } from '@/lib/messaging/errors';
import type { DeviceLimit } from '@/lib/messaging/devices';
import { SessionEndedError, type SessionEndDetail } from '@/lib/messaging/errors';

export interface ApiClient {
  prelogin(email: string): Promise<z.infer<typeof preloginResponseSchema>>;
  /** The first step of a new account: the server emails a code (or, if taken, a notice). */
  verifyEmail(email: string): Promise<z.infer<typeof verifyEmailResponseSchema>>;
  registerStart(body: RegisterStartRequest): Promise<z.infer<typeof registerStartResponseSchema>>;
  registerFinish(
    body: RegisterFinishRequest,
  ): Promise<z.infer<typeof registerFinishResponseSchema>>;
  loginStart(body: LoginStartRequest): Promise<z.infer<typeof loginStartResponseSchema>>;
  loginFinish(body: LoginFinishRequest): Promise<z.infer<typeof loginFinishResponseSchema>>;
  logout(token: string): Promise<void>;
  account(token: string): Promise<z.infer<typeof accountResponseSchema>>;
  /** Signs one device out (another than this one: this one's is `logout`). */
  revokeSession(token: string, sessionId: string): Promise<void>;
  revokeOtherSessions(token: string): Promise<z.infer<typeof revokeOthersResponseSchema>>;
  redeemLicense(token: string, code: string): Promise<z.infer<typeof licenseRedeemResponseSchema>>;
  passwordStart(
    token: string,
    registrationRequest: string,
  ): Promise<z.infer<typeof passwordStartResponseSchema>>;
  changePassword(
    token: string,
    body: PasswordChangeRequest,
  ): Promise<z.infer<typeof passwordChangeResponseSchema>>;
  pull(
    token: string,
    since: number,
    limit: number,
  ): Promise<z.infer<typeof syncPullResponseSchema>>;
  push(token: string, body: SyncPushRequest): Promise<z.infer<typeof syncPushResponseSchema>>;
  /** Where the account's vault lives (GET /v1/account/sync-mode). */
  syncMode(token: string): Promise<SyncModeResponse>;
  /** Switches it; 'local' deletes every item of the account from the server. */
  setSyncMode(token: string, mode: SyncMode): Promise<SyncModeResponse>;
  /** A single-use ticket that authenticates the live-events WebSocket (lib/api/events.ts). */
  eventTicket(token: string): Promise<EventTicketResponse>;
  /** Tells the server when this device last unlocked (POST /v1/account/unlocks). */
  reportUnlock(token: string, unlockedAt: number): Promise<void>;
  /** Always "check your email"; the handle makes the emailed short code work on this device. */
  requestReset(email: string): Promise<z.infer<typeof resetRequestResponseSchema>>;
  /** Checks the reset proof (without using it up) and answers the OPAQUE registration step. */
  resetStart(body: ResetStartRequest): Promise<z.infer<typeof resetStartResponseSchema>>;
  /** Uses the proof up: the items are erased and the new key material takes their place. */
  resetConfirm(body: ResetConfirmRequest): Promise<z.infer<typeof resetConfirmResponseSchema>>;
}

/** Server error codes (lib/api/errors.ts) as the protocol's codes. */
const serverCodes: Record<string, ErrorCode> = {
  unauthorized: 'session-expired',
  invalid_credentials: 'wrong-credentials',
  reauth_failed: 'wrong-password',
  rate_limited: 'rate-limited',
  email_taken: 'email-taken',
  account_id_taken: 'email-taken',
  stale_epoch: 'account-reset',
  session_revoked: 'signed-out-elsewhere',
  session_expired: 'session-ended',
  login_expired: 'server-error',
  invalid_code: 'invalid-code',
  invalid_license: 'invalid-license',
  sync_off: 'sync-off',
};

/**
 * The reset endpoints' own refusals: `invalid_code` also answers email verification, where it
 * means something else, so these apply to the reset calls only.
 */
const resetCodes: Record<string, ErrorCode> = {
  invalid_token: 'reset-link-invalid',
  invalid_code: 'reset-code-invalid',
};

export function createApiClient(
  baseUrl: string,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function call<S extends z.ZodType>(
    schema: S,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    {
      body,
      token,
      codes = serverCodes,
    }: { body?: unknown; token?: string; codes?: Record<string, ErrorCode> } = {},
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(new URL(path, baseUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new ProtocolError('server-unreachable', `The server at ${baseUrl} cannot be reached.`);
    }
    // The body is read before it is parsed: a connection cut mid-body (or a timeout while it
    // streams) is the network failing, not the server answering nonsense.
    const text = await response.text().catch(() => undefined);
    if (text === undefined) {
      throw new ProtocolError('server-unreachable', `The server at ${baseUrl} stopped answering.`);
    }
    const json = parseJson(text);
    if (!response.ok) {
      if (response.status === 403) deviceLimitFrom(json);
      const parsed = errorResponseSchema.safeParse(json);
      const code = parsed.success ? codes[parsed.data.error] : undefined;
      const ended = code && endDetail(json);
      if (ended) throw new SessionEndedError(code, parsed.data!.message, ended);
      if (code) throw new ProtocolError(code, parsed.data!.message);
      if (response.status === 401) throw new ProtocolError('session-expired', 'Sign in again.');
      if (response.status === 429) throw new ProtocolError('rate-limited', 'Too many attempts.');
      throw new ProtocolError('server-error', `The server answered ${response.status}.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ProtocolError('server-malformed', `The server's answer to ${path} is malformed.`);
    }
    return parsed.data;
  }

  return {
    prelogin: (email) =>
      call(preloginResponseSchema, 'POST', '/v1/auth/prelogin', { body: { email } }),
    verifyEmail: (email) =>
      call(verifyEmailResponseSchema, 'POST', '/v1/accounts/verify', { body: { email } }),
    registerStart: (body) =>
      call(registerStartResponseSchema, 'POST', '/v1/accounts/register/start', { body }),
    registerFinish: (body) =>
      call(registerFinishResponseSchema, 'POST', '/v1/accounts/register/finish', { body }),
    loginStart: (body) => call(loginStartResponseSchema, 'POST', '/v1/auth/login/start', { body }),
    loginFinish: (body) =>
      call(loginFinishResponseSchema, 'POST', '/v1/auth/login/finish', { body }),
    logout: async (token) => {
      await call(okResponseSchema, 'POST', '/v1/auth/logout', { token });
    },
    account: (token) => call(accountResponseSchema, 'GET', '/v1/account', { token }),
    revokeSession: async (token, sessionId) => {
      const path = `/v1/account/sessions/${encodeURIComponent(sessionId)}`;
      await call(okResponseSchema, 'DELETE', path, { token });
    },
    revokeOtherSessions: (token) =>
      call(revokeOthersResponseSchema, 'POST', '/v1/account/sessions/revoke-others', {
        body: {},
        token,
      }),
    redeemLicense: (token, code) =>
      call(licenseRedeemResponseSchema, 'POST', '/v1/license/redeem', { body: { code }, token }),
    passwordStart: (token, registrationRequest) =>
      call(passwordStartResponseSchema, 'POST', '/v1/account/password/start', {
        body: { registrationRequest },
        token,
      }),
    changePassword: (token, body) =>
      call(passwordChangeResponseSchema, 'POST', '/v1/account/password', { body, token }),
    pull: (token, since, limit) =>
      call(syncPullResponseSchema, 'GET', `/v1/sync?since=${since}&limit=${limit}`, { token }),
    push: (token, body) => call(syncPushResponseSchema, 'POST', '/v1/sync', { body, token }),
    syncMode: (token) => call(syncModeResponseSchema, 'GET', '/v1/account/sync-mode', { token }),
    setSyncMode: (token, mode) =>
      call(syncModeResponseSchema, 'PUT', '/v1/account/sync-mode', {
        body: syncModeRequestSchema.parse({ mode }),
        token,
      }),
    eventTicket: (token) =>
      call(eventTicketResponseSchema, 'POST', '/v1/events/ticket', { body: {}, token }),
    reportUnlock: async (token, unlockedAt) => {
      const body = unlockReportRequestSchema.parse({ unlockedAt });
      await call(okResponseSchema, 'POST', '/v1/account/unlocks', { body, token });
    },
    requestReset: (email) =>
      call(resetRequestResponseSchema, 'POST', '/v1/account/reset/request', { body: { email } }),
    resetStart: (body) =>
      call(resetStartResponseSchema, 'POST', '/v1/account/reset/start', {
        body,
        codes: { ...serverCodes, ...resetCodes },
      }),
    resetConfirm: (body) =>
      call(resetConfirmResponseSchema, 'POST', '/v1/account/reset/confirm', {
        body,
        codes: { ...serverCodes, ...resetCodes },
      }),
  };
}

/**
 * A 403 `device_limit` carries the plan and the signed-in devices (the proof was right, so the
 * server shows them): thrown as 'device-limit' with them. A body that claims the code but does not
 * fit the schema is the server's fault, said as such rather than shown half-parsed.
 */
function deviceLimitFrom(json: unknown): void {
  if ((json as { error?: unknown } | undefined)?.error !== 'device_limit') return;
  const parsed = deviceLimitErrorSchema.safeParse(json);
  if (!parsed.success) {
    throw new ProtocolError('server-malformed', "The server's device-limit answer is malformed.");
  }
  const { plan, deviceLimit, sessions } = parsed.data;
  const limit: DeviceLimit = { plan, deviceLimit, sessions };
  throw new ProtocolError('device-limit', parsed.data.message, { deviceLimit: limit });
}

/** When and by whom the server ended this session, if it said (and said it in the right shape). */
function endDetail(json: unknown): SessionEndDetail | undefined {
  const parsed = sessionEndedErrorSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { at, by } = parsed.data;
  return { ...(at !== undefined && { at }), ...(by !== undefined && { by }) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
