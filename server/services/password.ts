import type { PasswordChangeRequest } from '../../lib/api';
import type { AppDeps, SessionContext } from '../deps';
import { ApiError } from '../http/errors';
import { staleEpoch } from './accounts';
import type { LoginService } from './login';
import { revokeOtherSessions } from './sessions';

/**
 * Password change (DESIGN §5): new salt and KDF parameters, a new OPAQUE record and the vault key
 * re-wrapped, in one transaction; items and epoch untouched; every other session revoked.
 */
export function createPasswordService(deps: AppDeps, login: LoginService) {
  const { db } = deps.database;

  return {
    async change(session: SessionContext, input: PasswordChangeRequest) {
      // Re-authentication: a fresh OPAQUE login with the current password, for this account.
      let provedAccount: string;
      try {
        provedAccount = await login.finish(
          input.currentLogin.loginId,
          input.currentLogin.finishLoginRequest,
        );
      } catch (error) {
        if (error instanceof ApiError) {
          throw new ApiError(403, 'reauth_failed', 'the current password could not be verified');
        }
        throw error;
      }
      if (provedAccount !== session.accountId) {
        throw new ApiError(403, 'reauth_failed', 'the current password could not be verified');
      }
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('accounts')
          .set({
            kdf: JSON.stringify(input.kdf),
            wrapped_vk: input.wrappedVaultKey,
            opaque_record: input.registrationRecord,
            hint: input.hint ?? null,
            updated_at: deps.now(),
          })
          .where('id', '=', session.accountId)
          .where('epoch', '=', session.epoch)
          .executeTakeFirst();
        if (updated.numUpdatedRows === 0n) {
          throw await staleEpoch(trx, session.accountId);
        }
        const revokedSessions = await revokeOtherSessions(
          trx,
          session.accountId,
          session.sessionId,
        );
        // Attempts started against the old record, and reset links for the forgotten password,
        // must not outlive it.
        await trx.deleteFrom('login_states').where('account_id', '=', session.accountId).execute();
        await trx.deleteFrom('reset_tokens').where('account_id', '=', session.accountId).execute();
        return { revokedSessions };
      });
    },
  };
}
