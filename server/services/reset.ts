import type { ResetConfirmRequest } from '../../lib/api';
import type { AppDeps } from '../deps';
import { ApiError } from '../http/errors';
import { resetEmail, resetNoticeEmail } from '../mail/templates';
import { findAccountByEmail, registrationResponse } from './accounts';
import { hashToken, randomToken } from './tokens';

/** How long a device signed in before a reset is told why its session ended. */
const RESET_NOTICE_MS = 90 * 24 * 60 * 60_000;

/** A reset link works once, for 30 minutes (DESIGN §5). */
export const RESET_TOKEN_MS = 30 * 60_000;

const invalidToken = () =>
  new ApiError(
    400,
    'invalid_token',
    'this reset link is invalid, used or expired; ask for a new one',
  );

/** Account reset when the password or the account key is lost (DESIGN §5). */
export function createResetService(deps: AppDeps) {
  const { db } = deps.database;

  async function findValidToken(token: string) {
    const row = await db
      .selectFrom('reset_tokens')
      .innerJoin('accounts', 'accounts.id', 'reset_tokens.account_id')
      .select(['accounts.id as accountId', 'accounts.email', 'accounts.epoch'])
      .where('reset_tokens.token_hash', '=', hashToken(token))
      .where('reset_tokens.expires_at', '>', deps.now())
      .executeTakeFirst();
    if (row === undefined) throw invalidToken();
    return row;
  }

  async function request(email: string): Promise<void> {
    const account = await findAccountByEmail(db, email);
    if (account === undefined) return;
    const token = randomToken(32);
    const t = deps.now();
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('reset_tokens').where('account_id', '=', account.id).execute();
      await trx
        .insertInto('reset_tokens')
        .values({
          token_hash: hashToken(token),
          account_id: account.id,
          created_at: t,
          expires_at: t + RESET_TOKEN_MS,
        })
        .execute();
    });
    // The token rides in the fragment: browsers never send it to the server's logs or as Referer.
    const link = `${deps.settings.publicUrl}/reset#token=${token}`;
    deps.mailer.sendInBackground({ to: email, ...resetEmail(link) }, { resetLink: link });
  }

  return {
    /**
     * Issues a token and mails the link, when the email has an account. A newer token replaces
     * older ones. The route does not wait for it (lookup, token write and mail alike), so
     * neither the answer nor its timing tells whether the account exists.
     */
    requestInBackground(email: string): void {
      request(email).catch((err: unknown) =>
        deps.log.error(
          { err: { message: err instanceof Error ? err.message : String(err) } },
          'reset request failed',
        ),
      );
    },

    /** Checks the token (without using it up) and answers the OPAQUE registration step. */
    async start(token: string, registrationRequest: string) {
      const row = await findValidToken(token);
      const count = await db
        .selectFrom('items')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('account_id', '=', row.accountId)
        .where('deleted', '=', 0)
        .executeTakeFirstOrThrow();
      return {
        registrationResponse: registrationResponse(deps, row.email, registrationRequest),
        accountId: row.accountId,
        email: row.email,
        epoch: row.epoch + 1,
        itemCount: Number(count.n),
      };
    },

    /**
     * The wipe, in one transaction: token used up, items erased, new key material, epoch + 1,
     * every session and pending login gone. The row, its email and its plan stay.
     */
    async confirm(input: ResetConfirmRequest) {
      const result = await db.transaction().execute(async (trx) => {
        const used = await trx
          .deleteFrom('reset_tokens')
          .where('token_hash', '=', hashToken(input.token))
          .returning(['account_id', 'expires_at'])
          .executeTakeFirst();
        if (used === undefined || used.expires_at <= deps.now()) throw invalidToken();
        const accountId = used.account_id;
        const account = await trx
          .updateTable('accounts')
          .set((eb) => ({
            epoch: eb('epoch', '+', 1),
            rev: eb('rev', '+', 1),
            kdf: JSON.stringify(input.kdf),
            wrapped_vk: input.wrappedVaultKey,
            opaque_record: input.registrationRecord,
            hint: input.hint ?? null,
            updated_at: deps.now(),
          }))
          .where('id', '=', accountId)
          .where('epoch', '=', input.epoch - 1)
          .returning(['email', 'epoch'])
          .executeTakeFirst();
        if (account === undefined) {
          throw new ApiError(409, 'stale_epoch', 'the key material was made for another epoch');
        }
        await trx.deleteFrom('items').where('account_id', '=', accountId).execute();
        // Devices signed in before the reset learn, at their next request, that the account was
        // reset (and drop their old data) instead of only being told to sign in again.
        await trx
          .insertInto('reset_notices')
          .columns(['token_hash', 'account_id', 'epoch', 'expires_at'])
          .expression((eb) =>
            eb
              .selectFrom('sessions')
              .select((s) => [
                'token_hash',
                'account_id',
                s.val(account.epoch).as('epoch'),
                s.val(deps.now() + RESET_NOTICE_MS).as('expires_at'),
              ])
              .where('account_id', '=', accountId),
          )
          .execute();
        await trx.deleteFrom('sessions').where('account_id', '=', accountId).execute();
        await trx.deleteFrom('login_states').where('account_id', '=', accountId).execute();
        await trx.deleteFrom('reset_tokens').where('account_id', '=', accountId).execute();
        return { accountId, epoch: account.epoch, email: account.email };
      });
      deps.mailer.sendInBackground({
        to: result.email,
        ...resetNoticeEmail(deps.settings.publicUrl),
      });
      return { accountId: result.accountId, epoch: result.epoch };
    },
  };
}
