import { randomBytes } from 'node:crypto';
import { formatShortCode, SHORT_CODE_BYTES } from '../../lib/account-key/codes';
import type { ResetConfirmRequest, ResetProof } from '../../lib/api';
import { planSchema } from '../../lib/api/common';
import type { AppDeps } from '../deps';
import { ApiError, invalidCode } from '../http/errors';
import type { Language } from '../http/language';
import { resetEmail, resetNoticeEmail } from '../mail/templates';
import { findAccountByEmail, registrationResponse } from './accounts';
import type { RateLimiter } from './rate-limit';
import { SESSION_NOTICE_MS } from './sessions';
import { hashToken, keyedHash, randomToken, sameHash } from './tokens';

/** A reset link (and its code) works once, for 30 minutes (DESIGN §5). */
export const RESET_TOKEN_MS = 30 * 60_000;
/**
 * A new request does not cancel earlier links: one requester (client address) keeps its newest
 * few alive, so nobody else's requests can push the owner's link out; the per-account cap only
 * bounds storage (the per-email request ceiling keeps it out of reach).
 */
export const LINKS_PER_REQUESTER = 3;
const LINKS_PER_ACCOUNT = 30;

const invalidToken = () =>
  new ApiError(
    400,
    'invalid_token',
    'this reset link is invalid, used or expired; ask for a new one',
  );

/** Account reset when the password or the account key is lost (DESIGN §5). */
export function createResetService(deps: AppDeps, rateLimiter: RateLimiter) {
  const { db } = deps.database;
  const secret = deps.secrets.serverSecret;
  const codeHash = (handle: string, code: string) =>
    keyedHash(secret, 'reset-code', `${handle}\0${code}`).toString('base64url');

  const findRow = () =>
    db
      .selectFrom('reset_tokens')
      .innerJoin('accounts', 'accounts.id', 'reset_tokens.account_id')
      .select([
        'reset_tokens.token_hash as tokenHash',
        'reset_tokens.expires_at as expiresAt',
        'reset_tokens.code_hash as codeHash',
        'accounts.id as accountId',
        'accounts.email',
        'accounts.epoch',
        'accounts.plan',
      ]);

  /**
   * The token row a proof stands for. A link is found by its token; a code by the handle, and
   * only wrong codes count, per (email, client address) with a ceiling per email, so a stranger's
   * guesses from elsewhere spend their own budget; they never touch the link.
   */
  async function resolve(proof: ResetProof, address: string) {
    const t = deps.now();
    if ('token' in proof) {
      const row = await findRow()
        .where('reset_tokens.token_hash', '=', hashToken(proof.token))
        .where('reset_tokens.expires_at', '>', t)
        .executeTakeFirst();
      if (row === undefined) throw invalidToken();
      return row;
    }
    const row = await findRow()
      .where('reset_tokens.handle_hash', '=', hashToken(proof.handle))
      .executeTakeFirst();
    const guesses = rateLimiter.guesses(
      deps.settings.rateLimits,
      'reset-code',
      row?.email ?? null,
      address,
    );
    await guesses.ensureLeft();
    const right =
      row !== undefined &&
      row.expiresAt > t &&
      row.codeHash !== null &&
      sameHash(row.codeHash, codeHash(proof.handle, proof.code));
    if (!right) {
      await guesses.failed();
      throw invalidCode();
    }
    return row;
  }

  async function request(
    email: string,
    handle: string,
    requester: string,
    lang: Language,
  ): Promise<void> {
    const account = await findAccountByEmail(db, email);
    if (account === undefined) return;
    const token = randomToken(32);
    const code = formatShortCode(randomBytes(SHORT_CODE_BYTES));
    const t = deps.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('reset_tokens')
        .where('account_id', '=', account.id)
        .where('expires_at', '<=', t)
        .execute();
      await trx
        .insertInto('reset_tokens')
        .values({
          token_hash: hashToken(token),
          account_id: account.id,
          created_at: t,
          expires_at: t + RESET_TOKEN_MS,
          handle_hash: hashToken(handle),
          code_hash: codeHash(handle, code),
          requester,
        })
        .execute();
      const keep = (cap: number, ofRequester: boolean) => {
        let newest = trx
          .selectFrom('reset_tokens')
          .select('token_hash')
          .where('account_id', '=', account.id)
          .orderBy('created_at', 'desc')
          .orderBy('token_hash')
          .limit(cap);
        let old = trx.deleteFrom('reset_tokens').where('account_id', '=', account.id);
        if (ofRequester) {
          newest = newest.where('requester', '=', requester);
          old = old.where('requester', '=', requester);
        }
        return old.where('token_hash', 'not in', newest).execute();
      };
      await keep(LINKS_PER_REQUESTER, true);
      await keep(LINKS_PER_ACCOUNT, false);
    });
    // The token rides in the fragment: browsers never send it to the server's logs or as Referer.
    const link = `${deps.settings.publicUrl}/reset#token=${token}`;
    deps.mailer.sendInBackground({ to: email, ...resetEmail(lang, link, code) });
  }

  return {
    /**
     * Issues a token and a code and mails them, when the email has an account; `handle` (which
     * the route already answered with) is what the code works with. The route does not wait
     * (lookup, token write and mail alike), so neither the answer nor its timing tells whether
     * the account exists. `requester` is a keyed hash of the client address; `lang` is the
     * requester's, for the email.
     */
    requestInBackground(email: string, handle: string, address: string, lang: Language): void {
      const requester = keyedHash(secret, 'reset-requester', address).toString('base64url');
      request(email, handle, requester, lang).catch((err: unknown) =>
        deps.log.error(
          { err: { message: err instanceof Error ? err.message : String(err) } },
          'reset request failed',
        ),
      );
    },

    /** Checks the proof (without using it up) and answers the OPAQUE registration step. */
    async start(proof: ResetProof, registrationRequest: string, address: string) {
      const row = await resolve(proof, address);
      const count = await db
        .selectFrom('items')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('account_id', '=', row.accountId)
        .where('deleted', '=', 0)
        .executeTakeFirstOrThrow();
      const plan = planSchema.safeParse(row.plan);
      return {
        registrationResponse: registrationResponse(deps, row.email, registrationRequest),
        accountId: row.accountId,
        email: row.email,
        epoch: row.epoch + 1,
        itemCount: Number(count.n),
        plan: plan.success ? plan.data : ('free' as const),
      };
    },

    /**
     * The wipe, in one transaction: token used up, items erased, new key material, epoch + 1,
     * every session, pending login and other reset link gone. The row, its email and its plan
     * stay; each signed-in device is told, at its next request, when the reset happened. The
     * notice email goes out in `lang`, the language of whoever confirmed.
     */
    async confirm(input: ResetConfirmRequest, address: string, lang: Language) {
      const proven = await resolve(input.proof, address);
      const result = await db.transaction().execute(async (trx) => {
        const t = deps.now();
        const used = await trx
          .deleteFrom('reset_tokens')
          .where('token_hash', '=', proven.tokenHash)
          .returning(['account_id', 'expires_at'])
          .executeTakeFirst();
        // Used by a concurrent confirm between the check and here.
        if (used === undefined || used.expires_at <= t) {
          throw 'token' in input.proof ? invalidToken() : invalidCode();
        }
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
            updated_at: t,
            reset_at: t,
          }))
          .where('id', '=', accountId)
          .where('epoch', '=', input.epoch - 1)
          .returning(['email', 'epoch'])
          .executeTakeFirst();
        if (account === undefined) {
          throw new ApiError(409, 'stale_epoch', 'the key material was made for another epoch');
        }
        await trx.deleteFrom('items').where('account_id', '=', accountId).execute();
        // sync_mode stays: a reset replaces a lost key, not the user's choice of where the vault
        // lives; turning "this device only" back to cloud here would upload the new vault unasked.
        // Devices signed in before the reset learn, at their next request, that the account was
        // reset and when (and keep their old data aside) instead of only being told to sign in.
        await trx
          .insertInto('session_notices')
          .columns(['token_hash', 'account_id', 'reason', 'at', 'expires_at'])
          .expression((eb) =>
            eb
              .selectFrom('sessions')
              .select((s) => [
                'token_hash',
                'account_id',
                s.val('reset').as('reason'),
                s.val(t).as('at'),
                s.val(t + SESSION_NOTICE_MS).as('expires_at'),
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
        ...resetNoticeEmail(lang, deps.settings.publicUrl),
      });
      return { accountId: result.accountId, epoch: result.epoch };
    },
  };
}
