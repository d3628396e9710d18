import * as opaque from '@serenity-kit/opaque';
import type { AppDeps } from '../deps';
import { ApiError } from '../http/errors';
import { findAccountByEmail } from './accounts';
import { randomToken } from './tokens';

/** How long the server keeps OPAQUE's login state between start and finish. */
export const LOGIN_STATE_MS = 60_000;

/**
 * OPAQUE login (RFC 9807 §6). The server state between the two messages is kept in the database,
 * not in memory, so any instance can finish a login another one started, and it is single-use.
 */
export function createLoginService(deps: AppDeps) {
  const { db } = deps.database;

  return {
    /**
     * For an unknown email the library answers with a fake response derived from the server setup
     * and the identifier (RFC 9807 §10.9), so both answers have the same shape, and the stored
     * attempt can never finish.
     */
    async start(email: string, startLoginRequest: string) {
      const account = await findAccountByEmail(db, email);
      let result: opaque.server.LoginStartResult;
      try {
        result = opaque.server.startLogin({
          serverSetup: deps.secrets.opaqueSetup,
          userIdentifier: email,
          registrationRecord: account?.opaque_record ?? null,
          startLoginRequest,
        });
      } catch {
        throw new ApiError(400, 'bad_request', 'startLoginRequest is not a valid OPAQUE message');
      }
      const loginId = randomToken(16);
      await db
        .insertInto('login_states')
        .values({
          id: loginId,
          account_id: account?.id ?? null,
          state: result.serverLoginState,
          expires_at: deps.now() + LOGIN_STATE_MS,
        })
        .execute();
      return { loginId, loginResponse: result.loginResponse };
    },

    /**
     * Uses the attempt up (deleted whatever the outcome, so a finish message cannot be replayed)
     * and returns the account id when the client proved knowledge of the password.
     */
    async finish(loginId: string, finishLoginRequest: string): Promise<string> {
      const row = await db
        .deleteFrom('login_states')
        .where('id', '=', loginId)
        .returning(['account_id', 'state', 'expires_at'])
        .executeTakeFirst();
      if (row === undefined || row.expires_at <= deps.now()) {
        throw new ApiError(401, 'login_expired', 'this sign-in attempt expired; start again');
      }
      let verified = false;
      try {
        opaque.server.finishLogin({ serverLoginState: row.state, finishLoginRequest });
        verified = true;
      } catch {
        // A wrong password, a tampered message or an unknown email: one answer for all.
      }
      if (!verified || row.account_id === null) {
        throw new ApiError(401, 'invalid_credentials', 'wrong email, password or account key');
      }
      return row.account_id;
    },
  };
}

export type LoginService = ReturnType<typeof createLoginService>;
